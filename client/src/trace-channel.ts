import * as vscode from 'vscode';

export type TraceSetting = 'off' | 'messages' | 'verbose';

const TRACE_SECTION = 'asyncsense.trace.server';

/**
 * The language client traces only while its trace channel's log level is Trace, and otherwise
 * ignores `<id>.trace.server`. This channel turns the setting into that log level, so
 * `asyncsense.trace.server` alone switches tracing on and off, and writes the trace into the server
 * log where the rest of the story already is.
 */
export function createTraceChannel(log: vscode.LogOutputChannel): vscode.LogOutputChannel & vscode.Disposable {
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  let level = traceSettingToLogLevel(readTraceSetting());
  const configListener = vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(TRACE_SECTION)) return;
    const next = traceSettingToLogLevel(readTraceSetting());
    if (next === level) return;
    level = next;
    levelChanged.fire(level);
  });
  const write = (message: string): void => {
    if (level === vscode.LogLevel.Trace) log.info(`[trace] ${message}`);
  };
  return {
    name: log.name,
    get logLevel() { return level; },
    onDidChangeLogLevel: levelChanged.event,
    trace: write,
    debug: write,
    info: write,
    warn: write,
    error: (error) => write(error instanceof Error ? error.message : error),
    append: (value) => write(value),
    appendLine: (value) => write(value),
    replace: (value) => write(value),
    clear: () => log.clear(),
    show: (columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
      log.show(typeof columnOrPreserveFocus === 'boolean' ? columnOrPreserveFocus : preserveFocus),
    hide: () => log.hide(),
    dispose: () => {
      configListener.dispose();
      levelChanged.dispose();
    },
  };
}

function readTraceSetting(): TraceSetting {
  const value = vscode.workspace.getConfiguration().get<string>(TRACE_SECTION, 'off');
  return value === 'messages' || value === 'verbose' ? value : 'off';
}

function traceSettingToLogLevel(setting: TraceSetting): vscode.LogLevel {
  return setting === 'off' ? vscode.LogLevel.Info : vscode.LogLevel.Trace;
}
