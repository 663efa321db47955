import ts from 'typescript';
import { containsAwait } from './contains-await';
import { declaredFunctionBody } from './declared-function-body';
import { isAsyncFunction } from './is-async-function';
import { isPromiseLike } from './is-promise-like';
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
 * body catches everything, or an async function of the project whose body does. A body catches
 * everything when each of its awaits, and each `throw`, lies in the `try` block of a `try` whose
 * `catch` (and `finally`) neither throws nor awaits, no project function called outside such a
 * block throws, and whatever it returns outside such a block is a call that cannot reject either
 * (a background queue's `add`). Per-iteration guards
 * (`for (…) { try { await … } catch { log } }`) and several guarded steps one after another count.
 * Awaiting `Promise.allSettled` never rejects.
 */
export function cannotReject(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const callee = skipOuterExpressions(call.expression);
  if (valueMatchesSpecifier(program, checker, callee, TASK_RUNNERS)
    || typeMatchesSpecifier(program, checker.getTypeAtLocation(callee), TASK_RUNNER_TYPES)) {
    return call.arguments.length > 0
      && call.arguments.every((argument) => !isFunction(argument) || isGuardedFunction(program, checker, argument, depth));
  }
  const body = declaredFunctionBody(checker, callee);
  if (body === undefined || !ts.isBlock(body) || !isAsyncFunction(body.parent)) return false;
  let byBody = answers.get(checker);
  if (!byBody) answers.set(checker, byBody = new WeakMap());
  let answer = byBody.get(body);
  if (answer === undefined) {
    // Without a `try` or a `return` in its text, no body can pass; most do not have one.
    const text = body.getSourceFile().text.slice(body.pos, body.end);
    answer = /\b(?:try|return)\b/u.test(text) && catchesEverything(program, checker, body, depth);
    byBody.set(body, answer);
  }
  return answer;
}

/** Answers per checker and function body: one function is called, and left floating, in many places. */
const answers = new WeakMap<ts.TypeChecker, WeakMap<ts.Block, boolean>>();

function isFunction(node: ts.Expression): node is ts.ArrowFunction | ts.FunctionExpression {
  const value = skipOuterExpressions(node);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
}

function isGuardedFunction(program: ts.Program, checker: ts.TypeChecker, node: ts.Expression, depth: number): boolean {
  const fn = skipOuterExpressions(node) as ts.ArrowFunction | ts.FunctionExpression;
  return isAsyncFunction(fn) && ts.isBlock(fn.body) && catchesEverything(program, checker, fn.body, depth);
}

/**
 * Whether no await, throw or returned promise of `body` can escape a `try` that catches it all,
 * and the body has such a `try` or returns a call that cannot reject: an async function with no
 * guard at all rejects as soon as any of its code throws.
 */
function catchesEverything(program: ts.Program, checker: ts.TypeChecker, body: ts.Block, depth: number): boolean {
  let guards = 0;
  return !escapes(body, false) && guards > 0;

  /** Whether a failure inside `node` can escape the body. */
  function escapes(node: ts.Node, guarded: boolean): boolean {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isTryStatement(node)) {
      const guard = isGuard(node);
      if (guard) guards++;
      return escapes(node.tryBlock, guarded || guard)
        || (node.catchClause !== undefined && escapes(node.catchClause.block, guarded))
        || (node.finallyBlock !== undefined && escapes(node.finallyBlock, guarded));
    }
    if (!guarded) {
      if (ts.isThrowStatement(node)) return true;
      if (ts.isCallExpression(node) && callsThrowingFunction(node)) return true;
      if (ts.isForOfStatement(node) && node.awaitModifier) return true;
      if (ts.isAwaitExpression(node) && !settlesWithoutRejecting(node.expression)) return true;
      if (ts.isReturnStatement(node) && node.expression) {
        const returned = returnedCall(node.expression);
        if (returned && settlesWithoutRejecting(returned)) guards++;
        else if (isPromiseLike(checker, checker.getTypeAtLocation(node.expression))) return true;
      }
    }
    return ts.forEachChild(node, (child) => escapes(child, guarded)) ?? false;
  }

  function settlesWithoutRejecting(operand: ts.Expression): boolean {
    const value = skipOuterExpressions(operand);
    if (!ts.isCallExpression(value)) return false;
    const callee = skipOuterExpressions(value.expression);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
      && callee.expression.text === 'Promise' && callee.name.text === 'allSettled') {
      return true;
    }
    return cannotReject(program, checker, value, depth + 1);
  }

  /** `this.updateMetadata(content)` outside any guard, where the project's `updateMetadata` throws. */
  function callsThrowingFunction(call: ts.CallExpression): boolean {
    const body = declaredFunctionBody(checker, skipOuterExpressions(call.expression));
    return body !== undefined && !isAsyncFunction(body.parent) && containsThrow(body);
  }

  function returnedCall(expression: ts.Expression): ts.CallExpression | undefined {
    let returned = skipOuterExpressions(expression);
    if (ts.isAwaitExpression(returned)) returned = skipOuterExpressions(returned.expression);
    return ts.isCallExpression(returned) ? returned : undefined;
  }
}

/** A `try` whose `catch` takes every failure and whose handlers neither throw nor await. */
function isGuard(statement: ts.TryStatement): boolean {
  if (!statement.catchClause) return false;
  const handlers = [statement.catchClause.block, statement.finallyBlock].filter((block) => block !== undefined);
  return handlers.every((block) => !containsAwait(block) && !containsThrow(block));
}

function containsThrow(node: ts.Node): boolean {
  if (ts.isThrowStatement(node)) return true;
  if (ts.isFunctionLike(node)) return false;
  return ts.forEachChild(node, containsThrow) ?? false;
}
