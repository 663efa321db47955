import ts from 'typescript';
import { isPromiseLike } from './is-promise-like';
import { unionParts } from './union-parts';

/**
 * Whether a call is declared to return a value or a promise, as a `MaybePromise<T>` (`T |
 * Promise<T>`) or `Promise<void> | undefined`: the promise is there for the few implementations
 * that need one, and the usual answer comes at once, so there is seldom anything to overlap. Judged
 * by the signature, so that `service?.load()`, undefined only through the `?.`, still counts as a
 * promise.
 */
export function isMaybePromise(checker: ts.TypeChecker, operand: ts.Expression): boolean {
  if (!ts.isCallExpression(operand)) return false;
  const signature = checker.getResolvedSignature(operand);
  if (!signature) return false;
  const parts = unionParts(checker.getReturnTypeOfSignature(signature));
  return parts.length > 1 && parts.some((part) => isPromiseLike(checker, part)) && parts.some((part) => !isPromiseLike(checker, part));
}
