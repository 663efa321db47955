import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './document-selector';
import { SERVER_ENV, SERVER_NODE_ARGS } from './server-launch';
import { USE_WORKSPACE_VERSION, workspaceTypescript } from './workspace-typescript';

/** Also the configuration section the client reads `trace.server` from and the server asks for. */
export const CLIENT_ID = 'asyncsense';

export interface LanguageClientParts {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly traceChannel: vscode.LogOutputChannel;
  readonly errorHandler: ErrorHandler;
}

/** The client for the bundled server, which sits next to this file in the packaged extension. */
export function createLanguageClient(parts: LanguageClientParts): LanguageClient {
  const module = path.join(parts.context.extensionPath, 'dist', 'server.js');
  const env = { ...process.env, ...SERVER_ENV };
  const typescript = workspaceTypescript(
    vscode.workspace.isTrusted,
    vscode.workspace.getConfiguration(CLIENT_ID).get<boolean>(USE_WORKSPACE_VERSION) === true,
    (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath),
  );
  if (typescript.note !== undefined) parts.log.warn(typescript.note);
  const args = [...typescript.args];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args, options: { execArgv: [...SERVER_NODE_ARGS], env } },
    debug: { module, transport: TransportKind.ipc, args, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'], env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // No `synchronize`: the server registers for configuration changes (section `asyncsense`) and
    // for watched files (sources, tsconfig/jsconfig, package.json) itself, as it does with every
    // editor; client-side watchers on top would report each change twice.
    outputChannel: parts.log,
    traceOutputChannel: parts.traceChannel,
    errorHandler: parts.errorHandler,
    // A function, so every (re)start tells the server the trust state of that moment.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
  };
  return new LanguageClient(CLIENT_ID, 'asyncsense', serverOptions, clientOptions);
}
