import ts from 'typescript';
import { declarationsMatchSpecifier } from './declarations-match-specifier';
import type { TypeOrValueSpecifier } from './specifier';

/**
 * Whether the value an expression names (`fn`, `obj.method`, `ns.fn`) is one of the specifiers,
 * following imports to the declaration.
 */
export function valueMatchesSpecifier(
  program: ts.Program,
  checker: ts.TypeChecker,
  node: ts.Expression,
  specifiers: readonly TypeOrValueSpecifier[],
): boolean {
  if (specifiers.length === 0) return false;
  const nameNode = ts.isPropertyAccessExpression(node) ? node.name : node;
  if (!ts.isIdentifier(nameNode) && !ts.isPrivateIdentifier(nameNode)) return false;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.getDeclarations() ?? [];
  // `import { describe as group }` is still `describe`; the local name counts too, as users write it.
  const names = new Set([nameNode.text, symbol?.getName() ?? nameNode.text]);
  return specifiers.some((specifier) =>
    [...names].some((name) => declarationsMatchSpecifier(program, name, declarations, specifier)));
}
