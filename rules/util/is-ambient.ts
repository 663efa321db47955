import ts from 'typescript';

/** Whether a declaration only types code that lives elsewhere: in a `.d.ts` file, or under `declare`. */
export function isAmbient(declaration: ts.Node): boolean {
  if (declaration.getSourceFile().isDeclarationFile) return true;
  for (let node: ts.Node | undefined = declaration; node && !ts.isSourceFile(node); node = node.parent) {
    if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword)) {
      return true;
    }
  }
  return false;
}
