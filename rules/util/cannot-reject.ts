import ts from 'typescript';
import { containsAwait } from './contains-await';
import { declaredFunctionBody } from './declared-function-body';
import { skipOuterExpressions } from './skip-outer-expressions';
import type { TypeOrValueSpecifier } from './specifier';
import { typeMatchesSpecifier } from './type-matches-specifier';
import { valueMatchesSpecifier } from './value-matches-specifier';

/** Queues whose promise for a task settles as the task does. */
const TASK_RUNNERS: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'p-queue', name: 'add' },
  { from: 'package', package: 'bottleneck', name: 'schedule' },
  { from: 'package', package: 'async-mutex', name: 'runExclusive' },
];

/** p-limit's `limit(task)`, which also settles as the task does. */
const TASK_RUNNER_TYPES: readonly TypeOrValueSpecifier[] = [{ from: 'package', package: 'p-limit', name: 'LimitFunction' }];

/** How many project functions deep a call is followed. */
const MAX_DEPTH = 2;

/**
 * Whether the promise of `call` cannot reject, because every failure is caught where the work is
 * written: a queue (`p-queue` `add`, p-limit's `limit`, bottleneck `schedule`) given a task whose
 * whole body is one `try` with a `catch` that neither throws nor awaits, or an async function of the
 * project that ends in such a `try` or returns such a call (a background queue's `add`). Code
 * before the `try` may not await or throw.
 */
export function cannotReject(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const callee = skipOuterExpressions(call.expression);
  if (valueMatchesSpecifier(program, checker, callee, TASK_RUNNERS)
    || typeMatchesSpecifier(program, checker.getTypeAtLocation(callee), TASK_RUNNER_TYPES)) {
    return call.arguments.length > 0 && call.arguments.every((argument) => !isFunction(argument) || isGuardedFunction(argument));
  }
  const body = declaredFunctionBody(checker, callee);
  if (!body || !ts.isBlock(body) || !isAsync(body.parent)) return false;
  return endsGuarded(body, (last) => {
    if (!ts.isReturnStatement(last) || !last.expression) return false;
    let returned = skipOuterExpressions(last.expression);
    if (ts.isAwaitExpression(returned)) returned = skipOuterExpressions(returned.expression);
    return ts.isCallExpression(returned) && cannotReject(program, checker, returned, depth + 1);
  });
}

function isFunction(node: ts.Expression): node is ts.ArrowFunction | ts.FunctionExpression {
  const value = skipOuterExpressions(node);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
}

function isGuardedFunction(node: ts.Expression): boolean {
  const fn = skipOuterExpressions(node) as ts.ArrowFunction | ts.FunctionExpression;
  return isAsync(fn) && ts.isBlock(fn.body) && endsGuarded(fn.body, () => false);
}

function isAsync(node: ts.Node): boolean {
  return ts.isFunctionLike(node) && (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/**
 * A body whose statements before the last neither await nor throw, and whose last statement is a
 * `try` that catches everything, or one that `otherwise` accepts.
 */
function endsGuarded(body: ts.Block, otherwise: (last: ts.Statement) => boolean): boolean {
  const { statements } = body;
  const last = statements[statements.length - 1];
  if (!last || statements.slice(0, -1).some((statement) => containsAwait(statement) || containsThrow(statement))) return false;
  if (ts.isTryStatement(last) && last.catchClause) {
    const handlers = [last.catchClause.block, last.finallyBlock].filter((block) => block !== undefined);
    return handlers.every((block) => !containsAwait(block) && !containsThrow(block));
  }
  return otherwise(last);
}

function containsThrow(node: ts.Node): boolean {
  if (ts.isThrowStatement(node)) return true;
  if (ts.isFunctionLike(node)) return false;
  return ts.forEachChild(node, containsThrow) ?? false;
}
