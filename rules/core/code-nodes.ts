import ts from 'typescript';

// Read once: TypeScript's module exports are getters, too slow for a test on every node.
const {
  FirstNode: FIRST_NODE, FirstTypeNode: FIRST_TYPE_NODE, LastTypeNode: LAST_TYPE_NODE,
  InterfaceDeclaration: INTERFACE_DECLARATION, TypeAliasDeclaration: TYPE_ALIAS_DECLARATION,
} = ts.SyntaxKind;

/** Tokens and identifiers: the kinds below the first node kind, which have no children. */
export function isLeafKind(kind: ts.SyntaxKind): boolean {
  return kind < FIRST_NODE;
}

/**
 * Type annotations, interfaces and type aliases hold no code that runs, so rules never see them:
 * a rule that needs a declared type reads it from the declaration it visits.
 */
export function isTypeOnly(kind: ts.SyntaxKind): boolean {
  return (kind >= FIRST_TYPE_NODE && kind <= LAST_TYPE_NODE) || kind === INTERFACE_DECLARATION || kind === TYPE_ALIAS_DECLARATION;
}

/** The innermost node whose text (with its leading trivia) holds `position`. */
export function nodeAt(sourceFile: ts.SourceFile, position: number): ts.Node {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (candidate) =>
      candidate.pos <= position && position < candidate.end ? candidate : undefined);
    if (!child) return node;
    node = child;
  }
}
