import ts from 'typescript';
import { referenceRoot } from './reference-root';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * Whether a per-item callback works through the item itself (`(client) => client.close()`,
 * `({ sink }) => sink.fn(…)`): fanning out over things the program already holds (clients,
 * workers, iterators, connections), whose number it chose, rather than starting work per datum.
 */
export function callsItemMethods(checker: ts.TypeChecker, callback: ts.Expression): boolean {
  const fn = skipOuterExpressions(callback);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const [parameter] = fn.parameters;
  if (!parameter) return false;
  const items = new Set<ts.Symbol>();
  collectNames(parameter.name);
  return items.size > 0 && visit(fn.body);

  function collectNames(name: ts.BindingName): void {
    if (ts.isIdentifier(name)) {
      const symbol = checker.getSymbolAtLocation(name);
      if (symbol) items.add(symbol);
      return;
    }
    for (const element of name.elements) if (!ts.isOmittedExpression(element)) collectNames(element.name);
  }

  function visit(node: ts.Node): boolean {
    if (ts.isCallExpression(node) && isRootedAtItem(node.expression)) return true;
    return ts.forEachChild(node, visit) ?? false;
  }

  function isRootedAtItem(callee: ts.Expression): boolean {
    const node = skipOuterExpressions(callee);
    if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
    const root = referenceRoot(node);
    const symbol = ts.isIdentifier(root) ? checker.getSymbolAtLocation(root) : undefined;
    return symbol !== undefined && items.has(symbol);
  }
}
