import ts from 'typescript';
import { containsAwait } from './contains-await';
import { declaredFunctionBody } from './declared-function-body';
import { isAsyncFunction } from './is-async-function';
import { isPromiseLike } from './is-promise-like';

/**
 * `await this.getArtifactsDirectory(scope)`, where the project declares `async
 * getArtifactsDirectory()` with no await in it and no promise that it returns: the function
 * has done all its work by the time it returns its promise, so awaiting it alongside other work
 * overlaps nothing.
 */
export function resolvesAtOnce(checker: ts.TypeChecker, operand: ts.Expression): boolean {
  if (!ts.isCallExpression(operand)) return false;
  const body = declaredFunctionBody(checker, operand.expression);
  const declaration = body?.parent;
  if (!body || !declaration || !isAsyncFunction(declaration)) return false;
  let byBody = answers.get(checker);
  if (!byBody) answers.set(checker, byBody = new WeakMap());
  let answer = byBody.get(body);
  if (answer === undefined) {
    answer = !containsAwait(body) && !(ts.isBlock(body) ? returnsWork(checker, body) : isWork(checker, body as ts.Expression));
    byBody.set(body, answer);
  }
  return answer;
}

/** Answers per checker and function body: a function is called from many places. */
const answers = new WeakMap<ts.TypeChecker, WeakMap<ts.Node, boolean>>();

/** A `return` of a promise, which may still be at work; a `for await`. */
function returnsWork(checker: ts.TypeChecker, node: ts.Node): boolean {
  if (ts.isFunctionLike(node)) return false;
  if (ts.isReturnStatement(node)) return node.expression !== undefined && isWork(checker, node.expression);
  if (ts.isForOfStatement(node) && node.awaitModifier) return true;
  return ts.forEachChild(node, (child) => returnsWork(checker, child)) ?? false;
}

function isWork(checker: ts.TypeChecker, value: ts.Expression): boolean {
  return isPromiseLike(checker, checker.getTypeAtLocation(value));
}
