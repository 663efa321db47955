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
  return signature !== undefined && isValueOrPromise(checker, checker.getReturnTypeOfSignature(signature));
}

/** What only says "nothing": with `valueNeeded`, `Promise<T> | undefined` is a promise or nothing. */
const NOTHING = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;

/**
 * Whether a type joins a promise and something that is not one. With `valueNeeded`, the other part
 * must be a value: `id ? fetch(id) : undefined` is still a request whenever it is not nothing.
 */
export function isValueOrPromise(checker: ts.TypeChecker, type: ts.Type, { valueNeeded = false } = {}): boolean {
  const parts = unionParts(type);
  return parts.length > 1 && parts.some((part) => isPromiseLike(checker, part))
    && parts.some((part) => !isPromiseLike(checker, part) && (!valueNeeded || (part.flags & NOTHING) === 0));
}
