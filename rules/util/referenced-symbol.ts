import ts from 'typescript';

/** The symbol a name or `a.b` reference stands for, through import aliases. */
export function referencedSymbol(checker: ts.TypeChecker, node: ts.Expression): ts.Symbol | undefined {
  const name = ts.isPropertyAccessExpression(node) ? node.name : node;
  const symbol = checker.getSymbolAtLocation(name);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}
