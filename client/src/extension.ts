import * as vscode from 'vscode';
import { RESTART_SERVER_COMMAND, SHOW_OUTPUT_COMMAND } from './commands';
import { ServerController } from './server-controller';
import { StatusItem, type ShownStatus } from './status-item';
import { CLIENT_ID } from './language-client';
import { createTraceChannel } from './trace-channel';
import { USE_WORKSPACE_VERSION } from './workspace-typescript';

let controller: ServerController | undefined;

/** What the extension offers other extensions: `vscode.extensions.getExtension('asyncsense.asyncsense').exports`. */
export interface AsyncsenseApi {
  /** The language status item as shown for the active editor: server state and the file's tsconfig. */
  status(): ShownStatus;
}

export async function activate(context: vscode.ExtensionContext): Promise<AsyncsenseApi> {
  const log = vscode.window.createOutputChannel('asyncsense', { log: true });
  const traceChannel = createTraceChannel(log);
  const status = new StatusItem();
  const server = new ServerController(context, log, traceChannel, status);
  controller = server;
  context.subscriptions.push(
    log,
    traceChannel,
    status,
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, () => server.restart('requested')),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => log.show()),
    // The server reads the workspace's trust from its initialization options, once, at start, and
    // which TypeScript it loads from its command line: a relaunch is how it learns of a change.
    vscode.workspace.onDidGrantWorkspaceTrust(() => server.restart('workspace trust granted', true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${CLIENT_ID}.${USE_WORKSPACE_VERSION}`)) void server.restart(`${CLIENT_ID}.${USE_WORKSPACE_VERSION} changed`, true);
    }),
  );
  await server.start();
  return { status: () => status.shown() };
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
  controller = undefined;
}
