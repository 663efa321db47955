import path from 'node:path';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from './fixtures';

/** The benchmark's LSP client (bench/editor/lsp-client.js): the server in its own process, over stdio, started as the extension starts it. */
export interface StdioClient {
  open(file: string, text: string): Promise<string>;
  change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void>;
  close(uri: string): Promise<void>;
  diagnostics(uri: string): Promise<Diagnostic[]>;
  cancelledDiagnostics(uri: string): Promise<'answered' | 'cancelled'>;
  request(method: string, params: unknown): Promise<unknown>;
  rss(): number;
  stop(): Promise<void>;
  readonly alive: boolean;
  readonly logs: string[];
}

export interface StdioClientOptions {
  /** The `asyncsense` settings section the client answers `workspace/configuration` with. */
  readonly settings?: unknown;
  /** What the server's command line adds after `--stdio`. */
  readonly serverArgs?: readonly string[];
  /** The server's entry, when not the npm package's: a bundle. */
  readonly server?: string;
}

// The benchmark's JavaScript module.
const { LspClient } = require(path.join(REPO_ROOT, 'bench', 'editor', 'lsp-client.js')) as {
  LspClient: { start(folder: string, options?: StdioClientOptions): Promise<StdioClient> };
};

export function startStdioClient(folder: string, options: StdioClientOptions = {}): Promise<StdioClient> {
  return LspClient.start(folder, options);
}
