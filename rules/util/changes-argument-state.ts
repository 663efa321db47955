import ts from 'typescript';
import { changesAfterAwait } from './changes-binding';
import { declaredFunctionBody } from './declared-function-body';
import { isMutatingOperation } from './is-mutating-operation';
import { shareArgument } from './may-reorder';
import { referenceRoot } from './reference-root';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * Whether `call` hands a project function an object that stays the same from one iteration to the
 * next (`envs`, `report`, `this.state`) and the function, once it has awaited, changes it:
 * `envs.global = result.globals`, `report.push(entry)`. Each call then works on the state the
 * previous one left, like a method of that object: `processCollection(folder, envs, report)` run
 * for several folders at once would let them read each other's half-updated variables and mix the
 * order of the report. Reading an entry through it and then writing that entry back
 * (`rewardAccount(evm, address, amount)`) counts too: calls at once for the same key lose updates.
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
  // The parameter a reference starts from, when a shared object is handed to it.
  const sharedRoot = (node: ts.Expression): ts.Symbol | undefined => {
    const root = referenceRoot(node);
    const symbol = ts.isIdentifier(root) && root !== node ? checker.getSymbolAtLocation(root) : undefined;
    return symbol !== undefined && shared.has(symbol) ? symbol : undefined;
  };
  return changesAfterAwait(body, (node) => sharedRoot(node) !== undefined) || updatesEntryItRead(checker, body, sharedRoot);
}

/**
 * `const account = await evm.stateManager.getAccount(address)` and, once changed, `await
 * evm.journal.putAccount(address, account)`: a read and then a write of the same entry through the
 * same shared object. Two calls at once for the same key would both read the old entry, and the
 * later write would lose the earlier one's change. A copy from one shared store to another
 * (`source.get(id)`, then `target.put(id, …)`) changes no entry it read.
 */
function updatesEntryItRead(checker: ts.TypeChecker, body: ts.Node, sharedRoot: (node: ts.Expression) => ts.Symbol | undefined): boolean {
  const reads: { readonly call: ts.CallExpression; readonly root: ts.Symbol }[] = [];
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isAwaitExpression(node)) {
      const call = skipOuterExpressions(node.expression);
      const callee = ts.isCallExpression(call) ? skipOuterExpressions(call.expression) : undefined;
      const root = callee && ts.isPropertyAccessExpression(callee) ? sharedRoot(callee) : undefined;
      if (root && ts.isCallExpression(call)) {
        if (!isMutatingOperation(call)) reads.push({ call, root });
        else if (reads.some((read) => read.root === root && shareArgument(checker, read.call, call))) return true;
      }
    }
    return ts.forEachChild(node, visit) === true;
  };
  return ts.forEachChild(body, visit) === true;
}
