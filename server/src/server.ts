import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { embeddedLibFiles } from './embedded-lib-files';
import {
  CodeActionKind, DidChangeConfigurationNotification, ErrorCodes, ResponseError, DidChangeWatchedFilesNotification, FileChangeType,
  TextDocumentSyncKind, type ClientCapabilities, type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { buildCodeActions, FIX_ALL_KIND } from './code-actions';
import { Diagnostics } from './diagnostics';
import { OpenDocuments, uriToFileName } from './documents';
import { guardNotification, guardRequest, requireDocumentUri } from './guard';
import { Linter } from './linter';
import { Log } from './log';
import { Projects } from './projects';
import { DEFAULT_SETTINGS, toSettings, type Settings } from './settings';
import type { TypescriptChoice } from './typescript-choice';
import type { FileChange, FileChangeKind } from './watching-host';

export { FIX_ALL_KIND } from './code-actions';
export { DIAGNOSTIC_SOURCE } from './convert';

export interface ServerOptions {
  /**
   * Where TypeScript's `lib.*.d.ts` files are. Defaults to the directory of the running
   * TypeScript, which a bundle must provide next to itself.
   */
  readonly typescriptLibDirectory?: string;
  /** The TypeScript the command line asked for, which the output tells about (see `typescript-choice`). */
  readonly typescript?: TypescriptChoice;
  /** Whether the TypeScript loaded has `typescript-patch`'s change. */
  readonly typescriptPatched?: boolean;
}

const WATCHED_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/{tsconfig,jsconfig}*.json', '**/package.json'];

const FILE_CHANGE_KINDS: Readonly<Record<FileChangeType, FileChangeKind>> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/** Serves asyncsense over an LSP connection: wires the protocol to projects, linter and diagnostics. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = new Log(connection.console);
  const documents = new OpenDocuments();
  const libDirectory = options.typescriptLibDirectory ?? path.dirname(ts.sys.getExecutingFilePath());
  let settings: Settings = DEFAULT_SETTINGS;
  let capabilities: ClientCapabilities = {};
  let workspaceRoots: string[] = [];
  let projects: Projects | undefined;
  let linter: Linter | undefined;
  let diagnostics: Diagnostics | undefined;
  let markReady!: () => void;
  const settingsLoaded = new Promise<void>((resolve) => (markReady = resolve));
  const ready = (): Promise<void> => settingsLoaded;

  const started = (): { projects: Projects; linter: Linter; diagnostics: Diagnostics } => {
    if (!projects || !linter || !diagnostics) throw new Error('the server is not initialized yet');
    return { projects, linter, diagnostics };
  };

  connection.onInitialize(guardRequest(log, 'initialize', (params): InitializeResult => {
    capabilities = params.capabilities ?? {};
    workspaceRoots = workspaceRootsOf(params);
    const mode = {
      push: capabilities.textDocument?.diagnostic === undefined,
      refresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    };
    projects = new Projects(log, {
      libDirectory,
      onProjectsUpdated: () => diagnostics?.everythingChanged(),
    });
    linter = new Linter(projects, documents, () => settings, log);
    diagnostics = new Diagnostics(connection, mode, documents, projects, linter, log, ready);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: { identifier: 'asyncsense', interFileDependencies: true, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: 'asyncsense-language-server' },
    };
  }));

  connection.onInitialized(guardNotification(log, 'initialized', async () => {
    const note = options.typescript?.note;
    if (note !== undefined && options.typescript?.fellBack) log.warn(note);
    else if (note !== undefined) log.info(note);
    const reuse = options.typescriptPatched ? ', reusing referenced projects\' output names across programs' : '';
    log.info(`Checking with TypeScript ${ts.version} (${ts.sys.getExecutingFilePath()}${reuse}).`);
    const libFile = path.join(libDirectory, 'lib.d.ts');
    if (!embeddedLibFiles?.has('lib.d.ts') && !(await fs.promises.access(libFile).then(() => true, () => false))) {
      log.error(`TypeScript's library files (lib.*.d.ts) are not in ${libDirectory}; types of the standard library will be missing.`);
    }
    await registerDynamicCapabilities();
    await loadSettings(undefined);
    markReady();
  }));

  connection.onDidOpenTextDocument(guardNotification(log, 'textDocument/didOpen', ({ textDocument }) => {
    const fileName = uriToFileName(textDocument.uri);
    if (fileName === undefined) {
      log.traceMessage(`${textDocument.uri} is not a file on disk; it is not checked.`);
      return;
    }
    documents.open(textDocument.uri, fileName, textDocument.languageId, textDocument.version, textDocument.text);
    started().projects.open(fileName, textDocument.text, textDocument.languageId, workspaceRootOf(fileName));
    started().diagnostics.documentChanged(textDocument.uri);
  }));

  connection.onDidChangeTextDocument(guardNotification(log, 'textDocument/didChange', ({ textDocument, contentChanges }) => {
    const entry = documents.get(textDocument.uri);
    if (!entry) return;
    const edits = documents.change(textDocument.uri, textDocument.version, contentChanges);
    started().projects.edit(entry.fileName, edits);
    started().diagnostics.documentChanged(textDocument.uri);
  }));

  connection.onDidCloseTextDocument(guardNotification(log, 'textDocument/didClose', ({ textDocument }) => {
    const entry = documents.close(textDocument.uri);
    if (!entry) return;
    started().projects.close(entry.fileName);
    started().linter.forget(textDocument.uri);
    started().diagnostics.documentClosed(textDocument.uri);
  }));

  connection.onDidChangeWatchedFiles(guardNotification(log, 'workspace/didChangeWatchedFiles', ({ changes }) => {
    const fileChanges: FileChange[] = [];
    for (const change of changes) {
      const fileName = uriToFileName(change.uri);
      const kind = FILE_CHANGE_KINDS[change.type];
      if (fileName !== undefined && kind !== undefined) fileChanges.push({ fileName, kind });
    }
    if (fileChanges.length === 0) return;
    started().projects.notifyFileChanges(fileChanges);
    started().diagnostics.everythingChanged();
  }));

  connection.onDidChangeConfiguration(guardNotification(log, 'workspace/didChangeConfiguration', async (params) => {
    await loadSettings((params?.settings as Record<string, unknown> | undefined)?.['asyncsense']);
    started().diagnostics.everythingChanged();
  }));

  connection.languages.diagnostics.on(guardRequest(log, 'textDocument/diagnostic', (params, token) => {
    const uri = requireDocumentUri(params, 'textDocument/diagnostic');
    return started().diagnostics.pull(uri, params.previousResultId, token);
  }));

  connection.onCodeAction(guardRequest(log, 'textDocument/codeAction', async (params, token) => {
    const uri = requireDocumentUri(params, 'textDocument/codeAction');
    if (!params.range || !params.context) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/codeAction needs params.range and params.context.');
    }
    await ready();
    if (token.isCancellationRequested) return [];
    const result = started().linter.lint(uri);
    if (!result) return [];
    return buildCodeActions(result, {
      range: params.range,
      only: params.context.only,
      diagnostics: params.context.diagnostics ?? [],
      versionedEdits: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      fixedText: () => started().linter.fixedText(uri),
    });
  }));

  connection.onShutdown(() => {
    try {
      diagnostics?.dispose();
    } catch (error) {
      log.exception('shutdown failed', error);
    }
  });

  connection.listen();

  /**
   * Reads `asyncsense.*` from the client: asked for when the client answers
   * `workspace/configuration`, else taken from what `didChangeConfiguration` carried.
   */
  async function loadSettings(pushed: unknown): Promise<void> {
    let section = pushed;
    if (capabilities.workspace?.configuration === true) {
      try {
        section = await connection.workspace.getConfiguration('asyncsense');
      } catch (error) {
        log.exception('Reading the asyncsense settings', error);
      }
    }
    settings = toSettings(section, log);
    log.trace = settings.trace;
  }

  async function registerDynamicCapabilities(): Promise<void> {
    const registrations: Promise<unknown>[] = [];
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true) {
      registrations.push(connection.client.register(DidChangeConfigurationNotification.type, { section: 'asyncsense' }));
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      registrations.push(connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_FILES.map((globPattern) => ({ globPattern })),
      }));
    }
    const outcomes = await Promise.allSettled(registrations);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') log.exception('Registering for client notifications', outcome.reason);
    }
  }

  /** The workspace folder holding a file: tsconfig lookup stops there, as in the editor's own TypeScript. */
  function workspaceRootOf(fileName: string): string | undefined {
    return workspaceRoots
      .filter((root) => fileName === root || fileName.startsWith(root.endsWith('/') ? root : `${root}/`))
      .sort((a, b) => b.length - a.length)[0];
  }
}

function workspaceRootsOf(params: { workspaceFolders?: { uri: string }[] | null; rootUri?: string | null }): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToFileName).filter((root): root is string => root !== undefined);
}
