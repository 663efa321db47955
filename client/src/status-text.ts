/**
 * What the status item says, from the server's state and what it told about the active file's
 * project. Free of the `vscode` module, so that it can be tested anywhere.
 */
export type ServerStatus = 'starting' | 'running' | 'stopped' | 'crashed';

export interface StatusText {
  readonly text: string;
  readonly detail: string;
  /** A problem worth a look (`warning`), a failure (`error`), or nothing to do. */
  readonly level: 'info' | 'warning' | 'error';
}

/** The server's word on the active file: its tsconfig, `null` for none, `undefined` when not told yet. */
export type ProjectOfFile = string | null | undefined;

const LOOKS: Record<ServerStatus, StatusText> = {
  starting: { text: 'asyncsense', detail: 'server starting', level: 'info' },
  running: { text: 'asyncsense', detail: 'server running', level: 'info' },
  stopped: { text: 'asyncsense: stopped', detail: 'server stopped', level: 'info' },
  crashed: { text: 'asyncsense: crashed', detail: 'server stopped after a crash; see the output', level: 'error' },
};

/**
 * The running server's look, with the project of the active file: its tsconfig by a path relative
 * to the workspace (`relative`), or the note that no tsconfig includes it.
 */
export function describeStatus(status: ServerStatus, project: ProjectOfFile, relative: (file: string) => string, detail?: string): StatusText {
  const look = LOOKS[status];
  if (detail !== undefined) return { ...look, detail };
  if (status !== 'running' || project === undefined) return look;
  if (project === null) {
    return { ...look, detail: 'no tsconfig.json includes this file: checked with default compiler options', level: 'warning' };
  }
  return { ...look, detail: `server running, ${relative(project)}` };
}
