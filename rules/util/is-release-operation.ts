import { words } from './last-word';

/** Words of operations that give back what is already held: a connection (Redis's `quit`), a listener, a worker. */
const RELEASE = new Set([
  'close', 'destroy', 'disconnect', 'stop', 'abort', 'terminate', 'shutdown', 'dispose', 'release', 'unsubscribe', 'unlisten', 'unhandle',
  'unregister', 'end', 'hangup', 'quit',
]);

/**
 * Waits for an event of something already open: `pEvent(connection, 'close')`, `once(stream,
 * 'end')`, or for a signal the program itself gives (`trigger.wait()`, a latch, a condition,
 * `pubsub.waitFor(peer)`).
 */
const EVENT_WAITS = new Set(['pEvent', 'pEventMultiple', 'once', 'wait', 'waitFor']);

/**
 * Whether an operation, by a word of its name, releases something it already holds:
 * `connection.close()`, `safelyCloseConnectionIfUnused(connection)`, `listener.stop()`. Closing
 * every open connection at once opens nothing new, so there is nothing to run out of. Waiting for
 * an event of what is already open (`pEvent(connection, 'close')`) opens nothing either.
 */
export function isReleaseOperation(name: string | undefined): boolean {
  if (name === undefined) return false;
  if (EVENT_WAITS.has(name)) return true;
  const parts = words(name).map((word) => word.toLowerCase());
  // `hangUp` is one word written as two.
  return parts.some((word, index) => RELEASE.has(word) || RELEASE.has(word + (parts[index + 1] ?? '')));
}
