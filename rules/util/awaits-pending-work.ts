import ts from 'typescript';
import { isMaybePromise } from './is-maybe-promise';
import { isPromiseLike } from './is-promise-like';
import { resolvesAtOnce } from './resolves-at-once';

/**
 * Whether awaiting a call waits for work still under way, which other work could overlap: the
 * call returns a promise, is not declared to return a value or a promise (`T | Promise<T>`, whose
 * usual answer comes at once), and is not one of the project's `async` functions that has done
 * its work by the time it returns.
 */
export function awaitsPendingWork(checker: ts.TypeChecker, operand: ts.Expression): boolean {
  return isPromiseLike(checker, checker.getTypeAtLocation(operand)) && !isMaybePromise(checker, operand) && !resolvesAtOnce(checker, operand);
}
