import ts from 'typescript';
import { unionParts } from './union-parts';

/**
 * Whether a value of this type may be a promise: some member of it has a `then` method that takes
 * a fulfilment and a rejection callback, as `PromiseLike` does. Builder chains whose `then` takes
 * options first (Cypress) are not promises; `any` is not reported.
 */
export function isPromiseLike(checker: ts.TypeChecker, type: ts.Type): boolean {
  let answer = answers.get(type);
  if (answer === undefined) answers.set(type, answer = hasPromiseThen(checker, type));
  return answer;
}

/** Answers by type: a type belongs to one checker, and a file asks about `Promise<void>` many times. */
const answers = new WeakMap<ts.Type, boolean>();

function hasPromiseThen(checker: ts.TypeChecker, type: ts.Type): boolean {
  return unionParts(checker.getApparentType(type)).some((part) => {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return false;
    const then = part.getProperty('then');
    if (!then) return false;
    const thenType = checker.getTypeOfSymbol(then);
    return thenType.getCallSignatures().some((signature) => takesTwoCallbacks(checker, signature));
  });
}

function takesTwoCallbacks(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  const parameters = signature.getParameters();
  if (parameters.length < 2) return false;
  return parameters.slice(0, 2).every((parameter) => {
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(parameter));
    return unionParts(type).every((part) => part.getCallSignatures().length > 0 || (part.flags & ts.TypeFlags.Any) !== 0);
  });
}
