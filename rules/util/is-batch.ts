import ts from 'typescript';
import { constInitializer } from './const-initializer';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unionParts } from './union-parts';

/**
 * Whether values of this type are batches: lists themselves (`string[]`, a chunk of a chunked
 * list), each sent in one request. Tuples (`Object.entries` pairs) are single items.
 */
export function isBatch(checker: ts.TypeChecker, type: ts.Type): boolean {
  const parts = unionParts(checker.getNonNullableType(type));
  return parts.length > 0 && parts.every((part) => checker.isArrayType(part));
}

/**
 * Whether a list is the code's own cut of another into batches of a chosen size: a call given a
 * list and a number that answers a list of lists (`chunk(ids, 50)`, `splitEvery(50, ids)`), or a
 * `const` set to one. A list of lists from elsewhere (`albums: string[][]`) holds groups, not batches.
 */
export function isListOfBatches(checker: ts.TypeChecker, list: ts.Expression): boolean {
  let node = skipOuterExpressions(list);
  if (ts.isIdentifier(node)) node = skipOuterExpressions(constInitializer(checker, node) ?? node);
  if (!ts.isCallExpression(node)) return false;
  const element = checker.getIndexTypeOfType(checker.getNonNullableType(checker.getTypeAtLocation(node)), ts.IndexKind.Number);
  if (element === undefined || !isBatch(checker, element)) return false;
  const argumentTypes = node.arguments.map((argument) => checker.getNonNullableType(checker.getTypeAtLocation(argument)));
  return argumentTypes.some((type) => (type.flags & ts.TypeFlags.NumberLike) !== 0)
    && argumentTypes.some((type) => checker.isArrayLikeType(type));
}
