import ts from 'typescript';

/** Whether a node is a function declared `async` (a declaration, method, arrow or function expression). */
export function isAsyncFunction(node: ts.Node): boolean {
  return ts.isFunctionLike(node) && (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}
