import ts from 'typescript';
import { nameOf } from './call-sites';
import { containsCall } from './code-walk';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * The `try` block that a hand-written retry runs again after a failure, if `node` is in one: a
 * loop whose body has a `try` that leaves the loop on success (`return`, `break`) and a `catch`
 * that does not always leave it (it counts an attempt, waits, and goes round again), or a `try`
 * whose `catch` calls the function it is in again.
 *
 *     for (let attempt = 1; ; attempt++) {
 *       try { return await send(order); } catch (error) { if (attempt === 3) throw error; }
 *     }
 *
 *     async function send(order, attempt = 1) {
 *       try { await post(order); } catch (error) { if (attempt === 3) throw error; return send(order, attempt + 1); }
 *     }
 */
export function retriedTry(node: ts.Node): RetriedTry | undefined {
  for (let current: ts.Node = node; current.parent && !ts.isFunctionLike(current.parent); current = current.parent) {
    const parent = current.parent;
    if (!ts.isTryStatement(parent) || parent.tryBlock !== current) continue;
    if (isRetryTry(parent)) return { block: parent.tryBlock, by: 'loop' };
    if (callsItselfOnFailure(parent)) return { block: parent.tryBlock, by: 'recursion' };
  }
  return undefined;
}

export interface RetriedTry {
  readonly block: ts.Block;
  /** A loop that goes round again, or a function that calls itself again. */
  readonly by: 'loop' | 'recursion';
}

/** A `try` whose `catch` calls the function around it again, by its name or as `this.name(…)`. */
function callsItselfOnFailure(statement: ts.TryStatement): boolean {
  const fn = ts.findAncestor(statement.parent, ts.isFunctionLike);
  const name = fn && nameOf(fn)?.text;
  return name !== undefined && statement.catchClause !== undefined && containsCall(statement.catchClause.block, (call) => {
    const callee = ts.isCallExpression(call) ? skipOuterExpressions(call.expression) : undefined;
    return callee !== undefined && ((ts.isIdentifier(callee) && callee.text === name)
      || (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && callee.name.text === name));
  });
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
