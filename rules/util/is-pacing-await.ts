import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/** Timers and waits: a loop that awaits one spaces its work out on purpose (backoff, rate limits). */
const PAUSE = /^(?:sleep|delay|wait|pause|backoff|setTimeout|setImmediate|once|throttle)/iu;

/** Work that is already a batch, or already behind a concurrency limit. */
const BATCH = new Set(['all', 'allSettled', 'any', 'race', 'pMap', 'pMapSettled', 'pAll', 'mapLimit', 'eachLimit', 'mapSeries', 'eachSeries', 'addAll']);

/**
 * Whether awaiting `operand` paces the loop it is in: a sleep, a timer, waiting for an event such
 * as a stream's `drain`, or a whole batch of work (`Promise.all(chunk.map(…))`). Such a loop runs
 * one step at a time by design.
 */
export function isPacingAwait(operand: ts.Expression): boolean {
  const node = skipOuterExpressions(operand);
  if (ts.isNewExpression(node)) return containsTimer(node);
  if (!ts.isCallExpression(node)) return false;
  const name = calleeName(node.expression);
  return name !== undefined && (PAUSE.test(name) || BATCH.has(name));
}

function calleeName(callee: ts.Expression): string | undefined {
  const node = skipOuterExpressions(callee);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

/** `new Promise((resolve) => setTimeout(resolve, ms))`. */
function containsTimer(node: ts.Node): boolean {
  if (ts.isCallExpression(node)) {
    const name = calleeName(node.expression);
    if (name !== undefined && PAUSE.test(name)) return true;
  }
  return ts.forEachChild(node, containsTimer) ?? false;
}
