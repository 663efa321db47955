import ts from 'typescript';

/**
 * The `try` block that a hand-written retry loop runs again after a failure, if `node` is in one:
 * a loop whose body has a `try` that leaves the loop on success (`return`, `break`) and a `catch`
 * that does not always leave it (it counts an attempt, waits, and goes round again).
 *
 *     for (let attempt = 1; ; attempt++) {
 *       try { return await send(order); } catch (error) { if (attempt === 3) throw error; }
 *     }
 */
export function retriedTryBlock(node: ts.Node): ts.Block | undefined {
  for (let current: ts.Node = node; current.parent && !ts.isFunctionLike(current.parent); current = current.parent) {
    const parent = current.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === current && isRetryTry(parent)) return parent.tryBlock;
  }
  return undefined;
}

function isRetryTry(statement: ts.TryStatement): boolean {
  const loop = loopAround(statement);
  if (!loop || !statement.catchClause) return false;
  return leavesOnSuccess(statement.tryBlock, loop) && !alwaysLeaves(statement.catchClause.block);
}

/** The loop whose body holds the `try` directly (or in the block that is its body). */
function loopAround(statement: ts.TryStatement): ts.IterationStatement | undefined {
  const parent = statement.parent;
  const owner = ts.isBlock(parent) ? parent.parent : parent;
  return ts.isForStatement(owner) || ts.isWhileStatement(owner) || ts.isDoStatement(owner) ? owner : undefined;
}

/** A `return`, or a `break` of this loop, among the statements the `try` block runs in order. */
function leavesOnSuccess(block: ts.Block, loop: ts.IterationStatement): boolean {
  return block.statements.some((statement) => ts.isReturnStatement(statement)
    || (ts.isBreakStatement(statement) && (!statement.label || (ts.isLabeledStatement(loop.parent) && loop.parent.label.text === statement.label.text))));
}

/** Whether the `catch` block ends by leaving the loop whatever happens: then the loop does not retry. */
function alwaysLeaves(block: ts.Block): boolean {
  const last = block.statements.at(-1);
  return last !== undefined && (ts.isThrowStatement(last) || ts.isReturnStatement(last) || ts.isBreakStatement(last));
}
