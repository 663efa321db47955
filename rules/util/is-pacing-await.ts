import ts from 'typescript';
import { COMBINATORS } from './promise-combinator';
import { skipOuterExpressions } from './skip-outer-expressions';

/** Timers and waits: a loop that awaits one spaces its work out on purpose (backoff, rate limits). */
const PAUSE = /^(?:sleep|delay|wait|pause|backoff|setTimeout|setImmediate|once|throttle)/iu;

/** Work that is already a batch, or already behind a concurrency limit. */
const BATCH = new Set([...COMBINATORS, 'pMap', 'pMapSettled', 'pAll', 'mapLimit', 'eachLimit', 'mapSeries', 'eachSeries', 'addAll']);

/**
 * Whether awaiting `operand` paces the loop it is in: a sleep, a timer, waiting for an event such
 * as a stream's `drain` or a request's `onsuccess`, or a whole batch of work (`Promise.all(chunk.map(…))`).
 * Such a loop runs one step at a time by design.
 */
export function isPacingAwait(operand: ts.Expression): boolean {
  const node = skipOuterExpressions(operand);
  if (isWait(node)) return true;
  const name = ts.isCallExpression(node) ? calleeName(node.expression) : undefined;
  return name !== undefined && BATCH.has(name);
}

/**
 * Whether awaiting `operand` waits on purpose rather than for work: a sleep, a timer, or an event
 * (`await once(server, 'listening')`, `new Promise((resolve) => setTimeout(resolve, ms))`).
 */
export function isWait(operand: ts.Expression): boolean {
  const node = skipOuterExpressions(operand);
  if (ts.isNewExpression(node)) return containsTimer(node) || settlesOnEvent(node);
  if (!ts.isCallExpression(node)) return false;
  const name = calleeName(node.expression);
  return name !== undefined && PAUSE.test(name);
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

/**
 * `new Promise((resolve) => { request.onsuccess = resolve; })`: the promise waits for an event of
 * work already under way (an IndexedDB request, a file reader), which it does not start.
 */
function settlesOnEvent(node: ts.NewExpression): boolean {
  const [executor] = node.arguments ?? [];
  const fn = executor && skipOuterExpressions(executor);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const settlers = new Set(fn.parameters.map((parameter) => parameter.name).filter(ts.isIdentifier).map((name) => name.text));
  const visit = (child: ts.Node): boolean => {
    if (ts.isBinaryExpression(child) && child.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && ts.isPropertyAccessExpression(child.left) && /^on[a-z]/u.test(child.left.name.text)) {
      const value = skipOuterExpressions(child.right);
      if (ts.isIdentifier(value) && settlers.has(value.text)) return true;
    }
    return ts.forEachChild(child, visit) ?? false;
  };
  return settlers.size > 0 && visit(fn.body);
}
