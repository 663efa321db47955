/**
 * Whether the server is asked to check with the workspace's own TypeScript. Free of the `vscode`
 * module, so plain Node tests it.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The setting, under the `asyncsense` section. */
export const USE_WORKSPACE_VERSION = 'typescript.useWorkspaceVersion';

export interface WorkspaceTypescript {
  /** What to add to the server's command line: `--typescript <folder>`, or nothing. */
  readonly args: readonly string[];
  /** What the output says when the setting is on and cannot be followed. */
  readonly note: string | undefined;
}

/**
 * The first workspace folder's `node_modules/typescript`, when the user wants the workspace's
 * TypeScript and the workspace is trusted: loading it runs the workspace's code. The server then
 * checks that its version has the compiler API asyncsense needs, and falls back with a note if not.
 */
export function workspaceTypescript(trusted: boolean, wanted: boolean, folders: readonly string[]): WorkspaceTypescript {
  if (!wanted) return { args: [], note: undefined };
  if (!trusted) {
    return { args: [], note: `asyncsense.${USE_WORKSPACE_VERSION} is ignored in an untrusted workspace: asyncsense checks with its own TypeScript and loads no code from the workspace.` };
  }
  const folder = folders.map((root) => path.join(root, 'node_modules', 'typescript'))
    .find((candidate) => fs.existsSync(path.join(candidate, 'package.json')));
  if (folder === undefined) {
    return { args: [], note: `asyncsense.${USE_WORKSPACE_VERSION} is on, but no workspace folder has node_modules/typescript; asyncsense checks with its own TypeScript.` };
  }
  return { args: ['--typescript', folder], note: undefined };
}
