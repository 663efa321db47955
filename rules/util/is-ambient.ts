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

/**
 * Whether an ambient declaration types the project's own code rather than a package's: it is
 * written in one of the project's `.d.ts` modules (`types/util.d.ts` with `export type
 * HashFunction = (input: Blob) => Promise<string>`), outside `declare module 'pkg'` and `declare
 * global`. What fills such a type is the project's, and the project may show it nowhere.
 */
export function typesProjectCode(program: ts.Program, declaration: ts.Node): boolean {
  const file = declaration.getSourceFile();
  if (!file.isDeclarationFile || !ts.isExternalModule(file) || program.isSourceFileFromExternalLibrary(file)
    || program.isSourceFileDefaultLibrary(file)) {
    return false;
  }
  for (let node: ts.Node = declaration.parent; !ts.isSourceFile(node); node = node.parent) {
    if (ts.isModuleDeclaration(node) && (ts.isStringLiteral(node.name) || node.name.text === 'global')) return false;
  }
  return true;
}
