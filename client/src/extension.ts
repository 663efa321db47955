import * as vscode from 'vscode';
import { RESTART_SERVER_COMMAND, SHOW_OUTPUT_COMMAND } from './commands';
import { ServerController } from './server-controller';
import { StatusItem } from './status-item';
import { createTraceChannel } from './trace-channel';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
    // The server reads the workspace's trust from its initialization options, once, at start: a
    // restart is how it learns that trust was granted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => server.restart('workspace trust granted')),
  );
  await server.start();
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
  controller = undefined;
}
