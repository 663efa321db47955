/**
 * Everything a test waits for arrives as an event: a log line, a published diagnostic, a refresh
 * request. Waiting means "until one matches, or fail after a timeout", never a sleep.
 */
export class EventLog<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<{ predicate: (item: T) => boolean; resolve: (item: T) => void }>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(item)) {
        this.waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  /** The number of events so far, to wait only for later ones with `waitFor(…, mark)`. */
  mark(): number {
    return this.items.length;
  }

  /** The first event from `since` on that matches, already seen or still to come. */
  waitFor(predicate: (item: T) => boolean, what: string, timeoutMs = 20_000, since = 0): Promise<T> {
    const seen = this.items.slice(since).find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
