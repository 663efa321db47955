import ts from 'typescript';
import { changesAfterAwait } from './changes-binding';
import { declaredFunctionBody } from './declared-function-body';
import { referenceRoot } from './reference-root';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * Whether `call` hands a project function an object that stays the same from one iteration to the
 * next (`envs`, `report`, `this.state`) and the function, once it has awaited, changes it:
 * `envs.global = result.globals`, `report.push(entry)`. Each call then works on the state the
 * previous one left, like a method of that object: `processCollection(folder, envs, report)` run
 * for several folders at once would let them read each other's half-updated variables and mix the
 * order of the report.
 */
export function changesArgumentState(checker: ts.TypeChecker, call: ts.CallExpression, varies: (node: ts.Expression) => boolean): boolean {
  const body = declaredFunctionBody(checker, call.expression);
  const fn = body?.parent;
  if (!body || !fn || !ts.isFunctionLike(fn)) return false;
  const shared = new Set<ts.Symbol>();
  call.arguments.forEach((argument, index) => {
    const parameter = fn.parameters[index];
    const value = skipOuterExpressions(argument);
    if (!parameter || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name) || varies(value)) return;
    if (!ts.isIdentifier(value) && !ts.isPropertyAccessExpression(value) && value.kind !== ts.SyntaxKind.ThisKeyword) return;
    const symbol = checker.getSymbolAtLocation(parameter.name);
    if (symbol) shared.add(symbol);
  });
  if (shared.size === 0) return false;
  return changesAfterAwait(body, (node) => {
    const root = referenceRoot(node);
    const symbol = ts.isIdentifier(root) && root !== node ? checker.getSymbolAtLocation(root) : undefined;
    return symbol !== undefined && shared.has(symbol);
  });
}
