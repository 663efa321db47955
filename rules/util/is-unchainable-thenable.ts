import ts from 'typescript';
import { isPromiseLike } from './is-promise-like';
import { unionParts } from './union-parts';

/**
 * A thenable whose `then` returns nothing, as Fastify's `reply` declares it: it can be awaited,
 * but it is not a promise. Its owner settles it and reports its errors; nobody can chain on it,
 * so no rejection of it goes unhandled.
 */
export function isUnchainableThenable(checker: ts.TypeChecker, type: ts.Type): boolean {
  let answer = answers.get(type);
  if (answer === undefined) answers.set(type, answer = hasOnlyUnchainableThen(checker, type));
  return answer;
}

/** Answers by type: a type belongs to one checker, and a file asks about `Promise<void>` many times. */
const answers = new WeakMap<ts.Type, boolean>();

function hasOnlyUnchainableThen(checker: ts.TypeChecker, type: ts.Type): boolean {
  const thenables = unionParts(checker.getApparentType(type)).filter((part) => isPromiseLike(checker, part));
  return thenables.length > 0 && thenables.every((part) => {
    const then = part.getProperty('then');
    const signatures = then ? checker.getTypeOfSymbol(then).getCallSignatures() : [];
    return signatures.length > 0
      && signatures.every((signature) => (checker.getReturnTypeOfSignature(signature).flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0);
  });
}
