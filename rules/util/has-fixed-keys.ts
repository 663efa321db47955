import ts from 'typescript';
import { unionParts } from './union-parts';

/** Whether an object's own enumerable keys are fixed by its type: no index signature, not an array. */
export function hasFixedKeys(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(expression);
  return unionParts(type).every((part) => {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
    const apparent = checker.getApparentType(part);
    return checker.getIndexInfosOfType(apparent).length === 0 && !checker.isArrayLikeType(apparent);
  });
}
