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

/** Per program, the files its configuration lists (its root files). */
const rootFiles = new WeakMap<ts.Program, ReadonlySet<string>>();

/**
 * Whether an ambient declaration only shapes the project's own code rather than typing a
 * package's: an interface or a type alias (`export type HashFunction = (input: Blob) =>
 * Promise<string>`) in one of the `.d.ts` modules the project's configuration lists
 * (`src/types/util.d.ts`), outside `declare module 'pkg'` and `declare global`. What fills such a
 * shape is the project's code, which may show it nowhere. A function, class or constant declared
 * there types code that exists elsewhere, as a package's typings (or a referenced project's
 * output) do, and is not one.
 */
export function typesProjectCode(program: ts.Program, declaration: ts.Node): boolean {
  const file = declaration.getSourceFile();
  if (!file.isDeclarationFile || !ts.isExternalModule(file) || !isRootFile(program, file)) return false;
  let shape = false;
  for (let node: ts.Node = declaration.parent; !ts.isSourceFile(node); node = node.parent) {
    if (ts.isModuleDeclaration(node) && (ts.isStringLiteral(node.name) || node.name.text === 'global')) return false;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) shape = true;
    if (ts.isClassLike(node) || ts.isFunctionDeclaration(node) || ts.isVariableStatement(node)) return false;
  }
  return shape;
}

function isRootFile(program: ts.Program, file: ts.SourceFile): boolean {
  let roots = rootFiles.get(program);
  if (!roots) rootFiles.set(program, roots = new Set(program.getRootFileNames().map((name) => name.replaceAll('\\', '/'))));
  return roots.has(file.fileName);
}
