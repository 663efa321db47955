import ts from 'typescript';

/** TypeScript's internal `TransformFlags.ContainsAwait`: set where an await lies below, outside nested functions. */
const CONTAINS_AWAIT: number = (ts as unknown as { TransformFlags?: Record<string, number> }).TransformFlags?.['ContainsAwait'] ?? 0;

/**
 * Whether an `await` lies inside `node`, outside the functions it defines. The parser's flag answers
 * at once; where a TypeScript does not expose it, the tree is walked.
 */
export function containsAwait(node: ts.Node): boolean {
  if (ts.isFunctionLike(node)) return false;
  if (CONTAINS_AWAIT !== 0) return ((node as unknown as { transformFlags: number }).transformFlags & CONTAINS_AWAIT) !== 0;
  return walk(node);
}

function walk(node: ts.Node): boolean {
  if (ts.isAwaitExpression(node)) return true;
  return ts.forEachChild(node, (child) => !ts.isFunctionLike(child) && walk(child)) ?? false;
}
