import ts from 'typescript';
import type { RemoteConsole } from 'vscode-languageserver';

/** `asyncsense.trace.server`: how much the server writes to its output beyond problems. */
export type TraceLevel = 'off' | 'messages' | 'verbose';

/**
 * The server's output channel. Problems the user can act on are written once each, so a broken
 * tsconfig does not flood the output on every keystroke.
 */
export class Log {
  private readonly written = new Set<string>();
  trace: TraceLevel = 'off';

  constructor(private readonly remote: RemoteConsole) {}

  info(line: string): void {
    this.write('info', line);
  }

  warn(line: string): void {
    this.write('warn', line);
  }

  error(line: string): void {
    this.write('error', line);
  }

  /** Writes a line unless the very same line was already written. */
  once(level: 'info' | 'warn' | 'error', line: string): void {
    if (this.written.has(line)) return;
    this.written.add(line);
    this.write(level, line);
  }

  /** With `trace.server` at `messages` or `verbose`: what the server did and how long it took. */
  traceMessage(line: string): void {
    if (this.trace !== 'off') this.write('log', line);
  }

  /** With `trace.server` at `verbose` only. */
  traceVerbose(line: string): void {
    if (this.trace === 'verbose') this.write('log', line);
  }

  /** Writes an exception with its stack; used by every handler so that none is fatal. */
  exception(context: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.write('error', `${context}: ${detail}`);
  }

  /**
   * A timer of TypeScript's or of the server can fire after the client has gone and the connection
   * is closed: the line has nowhere to go, and writing it must not become an uncaught exception.
   */
  private write(level: 'info' | 'warn' | 'error' | 'log', line: string): void {
    try {
      this.remote[level](line);
    } catch {
      // The connection is closed.
    }
  }
}

/** Forwards tsserver's own log: errors always, the rest with `trace.server: verbose`. */
export function logToTsserverLogger(log: Log): ts.server.Logger {
  const msg = (text: string, type: ts.server.Msg = ts.server.Msg.Info): void => {
    if (type === ts.server.Msg.Err) log.error(`TypeScript: ${text}`);
    else log.traceVerbose(`TypeScript: ${text}`);
  };
  return {
    close: () => undefined,
    hasLevel: () => log.trace === 'verbose',
    loggingEnabled: () => log.trace === 'verbose',
    perftrc: (text) => msg(text, ts.server.Msg.Perf),
    info: (text) => msg(text, ts.server.Msg.Info),
    startGroup: () => undefined,
    endGroup: () => undefined,
    msg,
    getLogFileName: () => undefined,
  };
}
