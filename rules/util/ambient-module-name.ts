import ts from 'typescript';

/** `fs/promises` for a declaration inside `declare module "fs/promises" { … }`, without a `node:` prefix. */
export function ambientModuleName(declaration: ts.Node): string | undefined {
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return node.name.text.replace(/^node:/u, '');
  }
  return undefined;
}
