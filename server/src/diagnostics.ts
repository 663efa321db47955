import { createHash } from 'node:crypto';
import {
  DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError,
  type CancellationToken, type Connection, type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { OpenDocuments } from './documents';
import type { Linter, LintResult } from './linter';
import type { Log } from './log';
import type { Projects } from './projects';

export interface DiagnosticsMode {
  /** The client cannot pull (`textDocument.diagnostic` missing): the server publishes. */
  readonly push: boolean;
  /** The client takes `workspace/diagnostic/refresh`, so pulled diagnostics of dependents can be renewed. */
  readonly refresh: boolean;
}

/** Which tsconfig checks an open document; `configFile` is `null` for a file in none. */
export interface ProjectStatusParams {
  readonly uri: string;
  readonly configFile: string | null;
}

export const PROJECT_STATUS_NOTIFICATION = 'asyncsense/projectStatus';

/** Typing pauses shorter than this do not start a check. */
const DEBOUNCE_MS = 150;

interface Run {
  cancelled: boolean;
}

/**
 * Keeps diagnostics current: the edited file first, then the open files that may depend on it.
 * A newer change cancels the run in progress, which stops before its next file.
 */
export class Diagnostics {
  private timer: NodeJS.Timeout | undefined;
  private run: Run | undefined;
  /** Files to check on the next run, the most urgent first. */
  private queue: string[] = [];
  private refreshWanted = false;
  /** Per open document, the tsconfig the client was last told checks it (`null`: none). */
  private readonly toldProjects = new Map<string, string | null>();

  constructor(
    private readonly connection: Connection,
    private readonly mode: DiagnosticsMode,
    private readonly documents: OpenDocuments,
    private readonly projects: Projects,
    private readonly linter: Linter,
    private readonly log: Log,
    private readonly ready: () => Promise<void>,
  ) {}

  /** An open document changed (or opened): it first, then the open files sharing its projects. */
  documentChanged(uri: string): void {
    const entry = this.documents.get(uri);
    if (!entry) return;
    const dependents = this.projects.openDependents(entry.fileName)
      .map((fileName) => this.documents.getByFileName(fileName)?.uri)
      .filter((dependent): dependent is string => dependent !== undefined);
    this.enqueue([uri, ...dependents], dependents.length > 0);
  }

  /** Settings or files on disk changed: every open document may have new findings. */
  everythingChanged(): void {
    this.enqueue(this.documents.all().map((entry) => entry.uri), true);
  }

  documentClosed(uri: string): void {
    this.queue = this.queue.filter((queued) => queued !== uri);
    this.toldProjects.delete(uri);
    if (this.mode.push) void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error: unknown) => this.log.exception('Clearing diagnostics', error));
  }

  /** `textDocument/diagnostic`: the current version's findings, or `unchanged` when the client has them. */
  async pull(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    await this.ready();
    // Lets edits and cancellations that are already queued arrive before the work starts.
    await yieldToEventLoop();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    const result = this.linter.lint(uri);
    if (result) this.tellProject(result);
    const diagnostics = result?.diagnostics ?? [];
    const resultId = hashDiagnostics(diagnostics);
    if (resultId === previousResultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: [...diagnostics] };
  }

  /**
   * Tells the client which tsconfig checks a document (`asyncsense/projectStatus`), when that
   * changes: a status item can then say that a file outside every tsconfig is checked with default
   * compiler options.
   */
  private tellProject(result: LintResult): void {
    const configFile = result.configFile ?? null;
    if (this.toldProjects.get(result.uri) === configFile) return;
    this.toldProjects.set(result.uri, configFile);
    const params: ProjectStatusParams = { uri: result.uri, configFile };
    void this.connection.sendNotification(PROJECT_STATUS_NOTIFICATION, params)
      .catch((error: unknown) => this.log.exception('Telling the client about the project', error));
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (this.run) this.run.cancelled = true;
  }

  private enqueue(uris: readonly string[], othersAffected: boolean): void {
    this.linter.invalidate();
    this.queue = [...new Set([...uris, ...this.queue])];
    this.refreshWanted ||= othersAffected;
    if (this.run) this.run.cancelled = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start().catch((error: unknown) => this.log.exception('Checking open files', error));
    }, DEBOUNCE_MS);
  }

  private async start(): Promise<void> {
    const run: Run = { cancelled: false };
    this.run = run;
    if (this.mode.push) await this.publishQueued(run);
    else await this.requestRefresh(run);
    if (this.run === run) this.run = undefined;
  }

  private async publishQueued(run: Run): Promise<void> {
    await this.ready();
    while (this.queue.length > 0) {
      await yieldToEventLoop();
      if (run.cancelled) return;
      const uri = this.queue.shift()!;
      try {
        const result = this.linter.lint(uri);
        if (!result) continue;
        this.tellProject(result);
        await this.connection.sendDiagnostics({ uri, version: result.version, diagnostics: [...result.diagnostics] });
      } catch (error) {
        this.log.exception(`Checking ${uri}`, error);
      }
    }
  }

  /**
   * Pull clients ask for the edited file themselves; the files that depend on it are only asked
   * for again when the server says so.
   */
  private async requestRefresh(run: Run): Promise<void> {
    this.queue = [];
    if (!this.refreshWanted || !this.mode.refresh || run.cancelled) return;
    this.refreshWanted = false;
    await this.connection.languages.diagnostics.refresh();
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function hashDiagnostics(diagnostics: readonly unknown[]): string {
  return createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64url');
}
