import ts from 'typescript';
import { unionParts } from './union-parts';

/** Methods that give back what a value holds open: a stream, a file handle, a pooled connection. */
const DISPOSE_METHODS = ['close', 'destroy', 'release', 'dispose'];

/**
 * Whether a value of this type holds something open that its owner must give back: some member
 * of it has a `close`, `destroy`, `release` or `dispose` method (a `Readable`, a `FileHandle`, a
 * `Dir`, a pool's client, a browser page). Each name is looked up on its own, so that a large type
 * (a query builder, an SDK client) is not listed member by member.
 */
export function isDisposable(checker: ts.TypeChecker, type: ts.Type): boolean {
  return unionParts(checker.getApparentType(type)).some((part) => {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return false;
    return DISPOSE_METHODS.some((name) => {
      const method = part.getProperty(name);
      return method !== undefined && checker.getTypeOfSymbol(method).getCallSignatures().length > 0;
    });
  });
}
