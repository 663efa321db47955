import ts from 'typescript';
import { lastWord, words } from './last-word';
import { operationName } from './operation-name';
import { skipOuterExpressions } from './skip-outer-expressions';

/** Deliveries of an event to whoever listens: listeners see events in the order they happened. */
const DISPATCH = /^(?:emit|dispatch|trigger|fire)(?![a-z])|^run\w*Handlers?$|^on[A-Z]/u;

/** Receivers that hold listeners: `this.events.removed.emit(…)`, `hooks.runHandlerChain(…)`. */
const LISTENERS = new Set(['events', 'hooks', 'callbacks', 'handlers', 'listeners', 'observers', 'emitter']);

/** Steps of a part's life: parts start, stop, reset and close in an order their owner chose. */
const LIFECYCLE = new Set([
  'start', 'stop', 'open', 'close', 'quit', 'end', 'connect', 'disconnect', 'reset', 'erase', 'dispose', 'destroy', 'shutdown', 'terminate',
  'activate', 'deactivate', 'initialize', 'init', 'teardown', 'recover', 'reconnect', 'resubscribe', 'migrate',
]);

/**
 * `counter.increment()`, `nextSequence()`: the next number of a sequence, taken once per call. Not
 * a bare `next()`, which also steps a generator of sample values (`dates.next().value`).
 */
const SEQUENCE = /^(?:increment|incr)(?![a-z])|^next[A-Z]/u;

/** Undoing what was done: a rollback applies its steps one at a time. */
const UNDO = new Set(['compensate', 'rollback', 'undo', 'revert']);

/**
 * Whether an awaited call is a step whose order is the point: it delivers an event to listeners
 * (`emit`, `dispatch`, `onCryptoEvent`, a receiver named `hooks` or `events`), it is a step of
 * the item's own life with nothing of the item passed along (`part.close()`, `peer.stop()`,
 * `queue.recover()` after a reconnect), it
 * carries the next number of a sequence (`counter.increment()`, `nextSequence()`), or it undoes something
 * (`compensate`, `rollback`). `varies` tells whether an expression takes a new
 * value in each iteration.
 */
export function isOrderedStep(call: ts.CallExpression, varies: (node: ts.Expression) => boolean): boolean {
  const name = operationName(call);
  if (name === undefined) return false;
  const first = words(name)[0]?.toLowerCase();
  if (DISPATCH.test(name) || (first !== undefined && UNDO.has(first))) return true;
  // `send({ …, counter: counter.increment() })`: receivers expect the numbers in order.
  if (call.arguments.some(takesSequenceNumber)) return true;
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (holdsListeners(callee.expression)) return true;
  return first !== undefined && LIFECYCLE.has(first) && varies(callee.expression)
    && !call.arguments.some((argument) => varies(argument));
}

function holdsListeners(receiver: ts.Expression): boolean {
  for (let node = skipOuterExpressions(receiver); ; node = skipOuterExpressions(node.expression)) {
    if (ts.isIdentifier(node)) return LISTENERS.has(lastWord(node.text));
    if (!ts.isPropertyAccessExpression(node)) return false;
    if (LISTENERS.has(lastWord(node.name.text))) return true;
  }
}

function takesSequenceNumber(node: ts.Node): boolean {
  if (ts.isFunctionLike(node)) return false;
  if (ts.isCallExpression(node) && SEQUENCE.test(operationName(node) ?? '')) return true;
  return ts.forEachChild(node, takesSequenceNumber) ?? false;
}
