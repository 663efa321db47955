import ts from 'typescript';
import { unionParts } from './union-parts';

/** Methods that give back what a value holds open: a stream, a file handle, a pooled connection. */
const DISPOSE_METHODS = new Set(['close', 'destroy', 'release', 'dispose']);

/** `[Symbol.dispose]` and `[Symbol.asyncDispose]`, as the checker names them. */
const DISPOSE_SYMBOL = /^__@(?:async)?[dD]ispose@/u;

/**
 * Whether a value of this type holds something open that its owner must give back: some member
 * of it has a `close`, `destroy`, `release` or `dispose` method, or `[Symbol.dispose]` /
 * `[Symbol.asyncDispose]` (a `Readable`, a `FileHandle`, a pool's client, a browser page).
 */
export function isDisposable(checker: ts.TypeChecker, type: ts.Type): boolean {
  return unionParts(checker.getApparentType(type)).some((part) => {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return false;
    return checker.getPropertiesOfType(part).some((property) =>
      (DISPOSE_METHODS.has(property.name) || DISPOSE_SYMBOL.test(property.escapedName as string))
      && checker.getTypeOfSymbol(property).getCallSignatures().length > 0);
  });
}
