import * as vscode from 'vscode';
import {
  CloseAction,
  State,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClient,
} from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';
import type { ServerStatus, StatusItem } from './status-item';

/** The server's word on which tsconfig checks an open document (see the server's diagnostics.ts). */
const PROJECT_STATUS_NOTIFICATION = 'asyncsense/projectStatus';

/** Restarts allowed within three minutes before a crashing server is left stopped. */
const MAX_RESTART_COUNT = 4;

/** Owns the language client: starting, restarting, stopping, and what the status item says. */
export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private stateListener: vscode.Disposable | undefined;
  private crashed = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly traceChannel: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  async start(): Promise<void> {
    this.crashed = false;
    // A client whose start failed keeps answering start() with that failure: only a new one retries.
    if (this.client === undefined || this.client.state === State.StartFailed) await this.replaceClient();
    try {
      await this.client!.start();
    } catch (error) {
      // Said in the log and the status item rather than thrown out of activate(), so the restart
      // command stays usable.
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`The asyncsense server could not start: ${message}`);
      this.status.show('crashed', `server failed to start: ${message}`);
    }
  }

  /**
   * Stops the server and starts it again. `relaunch`: with a new client, which reads afresh how to
   * launch the server (its command line depends on workspace trust and settings).
   */
  async restart(reason: string, relaunch = false): Promise<void> {
    this.log.info(`Restarting the asyncsense server: ${reason}.`);
    await this.stop();
    if (relaunch) await this.replaceClient();
    await this.start();
  }

  async stop(): Promise<void> {
    if (!this.client?.needsStop()) return;
    try {
      await this.client.stop();
    } catch (error) {
      // A server that is already gone cannot answer `shutdown`; its process is cleaned up anyway.
      this.log.warn(`Stopping the asyncsense server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.stateListener?.dispose();
  }

  private async replaceClient(): Promise<void> {
    this.stateListener?.dispose();
    await this.client?.dispose().catch(() => undefined);
    const errorHandler = this.createErrorHandler();
    const client = createLanguageClient({
      context: this.context,
      log: this.log,
      traceChannel: this.traceChannel,
      errorHandler: errorHandler.handler,
    });
    errorHandler.setDefault(client.createDefaultErrorHandler(MAX_RESTART_COUNT));
    this.stateListener = vscode.Disposable.from(
      client.onDidChangeState(({ newState }) => this.showState(newState)),
      client.onNotification(PROJECT_STATUS_NOTIFICATION, (params: { uri: string; configFile: string | null }) =>
        this.status.setProject(params.uri, params.configFile)),
    );
    this.client = client;
  }

  private showState(state: State): void {
    let status: ServerStatus;
    if (state === State.Starting) status = 'starting';
    else if (state === State.Running) {
      this.crashed = false;
      status = 'running';
    } else status = this.crashed || state === State.StartFailed ? 'crashed' : 'stopped';
    this.status.show(status);
    // The same state in the log, so a bug report's output shows when the server came and went.
    this.log.info(`Server state: ${status}.`);
  }

  /**
   * The library's restart policy, which needs the client to exist, plus a note of whether the last
   * stop was a crash.
   */
  private createErrorHandler(): { handler: ErrorHandler; setDefault(fallback: ErrorHandler): void } {
    let fallback: ErrorHandler | undefined;
    const handler: ErrorHandler = {
      error: (error, message, count) => fallback!.error(error, message, count),
      closed: async (): Promise<CloseHandlerResult> => {
        this.crashed = true;
        const result = await fallback!.closed();
        if (result.action !== CloseAction.Restart) return result;
        // Said in the log and the status item; a pop-up per crash would only nag while it recovers.
        this.log.warn('The asyncsense server exited unexpectedly; restarting it.');
        return { ...result, handled: true };
      },
    };
    return { handler, setDefault: (value) => (fallback = value) };
  }
}
