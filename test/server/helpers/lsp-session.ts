import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { startServer } from 'asyncsense-language-server';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type CodeAction, type Diagnostic, type DocumentDiagnosticReport, type FileEvent, type InitializeResult,
  type ProtocolConnection, type PublishDiagnosticsParams, type Range, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { EventLog } from './events';

export interface SessionOptions {
  /** Whether the client pulls diagnostics (`textDocument.diagnostic`); otherwise the server pushes. */
  readonly pull?: boolean;
  /** The `asyncsense` section the client answers `workspace/configuration` with. */
  readonly settings?: unknown;
  readonly workspaceFolder?: string;
  /** What the client sends as `initializationOptions` (the VS Code extension sends `{ trusted }`). */
  readonly initializationOptions?: unknown;
  /** Several roots of one window (a multi-root workspace); the first is also `rootUri`. */
  readonly workspaceFolders?: readonly string[];
}

export interface LogLine {
  readonly type: number;
  readonly message: string;
}

/**
 * A language client and the asyncsense server in one process, joined by two pipes, as an editor
 * would be joined to it over stdio.
 */
export class LspSession {
  readonly logs = new EventLog<LogLine>();
  readonly published = new EventLog<PublishDiagnosticsParams>();
  readonly refreshes = new EventLog<number>();
  /** `asyncsense/projectStatus`: which tsconfig checks a document (`null`: none). */
  readonly projectStatuses = new EventLog<{ uri: string; configFile: string | null }>();
  /** What `workspace/configuration` answers for `asyncsense`; tests change it, then notify. */
  settings: unknown;
  private readonly versions = new Map<string, number>();

  private constructor(readonly client: ProtocolConnection, private readonly pipes: PassThrough[], options: SessionOptions) {
    this.settings = options.settings ?? {};
    client.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'asyncsense' ? this.settings : null)));
    client.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes.push(this.refreshes.mark());
      return null;
    });
    client.onRequest('client/registerCapability', () => null);
    client.onNotification('window/logMessage', (line: LogLine) => this.logs.push(line));
    client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => this.published.push(params));
    client.onNotification('asyncsense/projectStatus', (params: { uri: string; configFile: string | null }) => this.projectStatuses.push(params));
  }

  static async start(options: SessionOptions = {}): Promise<LspSession> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(server);
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const session = new LspSession(client, [toServer, toClient], options);
    client.listen();
    const pull = options.pull ?? true;
    const folders = options.workspaceFolders ?? (options.workspaceFolder ? [options.workspaceFolder] : []);
    const folder = folders[0];
    const result: InitializeResult = await client.sendRequest('initialize', {
      processId: null,
      ...(options.initializationOptions === undefined ? {} : { initializationOptions: options.initializationOptions }),
      rootUri: folder ? pathToFileURL(folder).href : null,
      workspaceFolders: folders.length > 0 ? folders.map((root, index) => ({ uri: pathToFileURL(root).href, name: `workspace-${index}` })) : null,
      capabilities: {
        textDocument: {
          ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
          ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
        },
      },
    });
    session.initializeResult = result;
    await client.sendNotification('initialized', {});
    return session;
  }

  initializeResult: InitializeResult | undefined;

  async open(file: string, given?: string): Promise<string> {
    const text = given ?? await fs.promises.readFile(file, 'utf8');
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    await this.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text },
    });
    return uri;
  }

  /** Sends changes as the next version of the document; returns that version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.client.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  async configurationChanged(): Promise<void> {
    await this.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report: DocumentDiagnosticReport = await this.client.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  /** Waits for the next published diagnostics of `uri` that satisfy `predicate`. */
  waitForPublished(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, what: string, since = 0): Promise<PublishDiagnosticsParams> {
    return this.published.waitFor((params) => params.uri === uri && predicate(params.diagnostics), what, 20_000, since);
  }

  waitForLog(pattern: RegExp, since = 0): Promise<LogLine> {
    return this.logs.waitFor((line) => pattern.test(line.message), `a log line matching ${pattern}`, 20_000, since);
  }

  dispose(): void {
    this.client.dispose();
    for (const pipe of this.pipes) pipe.end();
  }
}
