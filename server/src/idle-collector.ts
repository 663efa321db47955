/** How long the server must have been idle before it collects. */
export const IDLE_COLLECT_MS = 2000;

/**
 * Every keystroke builds a new program and checker, and V8 lets an old generation full of them
 * grow well past what is alive before it collects. When the server has been idle a moment, a full
 * collection gives that memory back, as tsserver does with its own timer. It needs `global.gc`:
 * the VS Code extension starts the server with `--expose-gc`; elsewhere nothing happens.
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly collect: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
    private readonly idleMs = IDLE_COLLECT_MS,
  ) {}

  /** Work happened: collect once the server has been idle for `idleMs`. */
  worked(): void {
    if (!this.collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
    }, this.idleMs);
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
