'use strict';
/**
 * The asyncsense language server in its own process, spoken to over stdio as an editor does:
 * `initialize` with pull diagnostics (as VS Code's client), then documents opened, changed and
 * asked for diagnostics.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-languageserver-protocol/node');

const SERVER = path.join(__dirname, '..', '..', 'server', 'bin', 'asyncsense-language-server.js');
// Started with the options the VS Code extension gives it (client/src/server-launch.ts).
const { SERVER_ENV, SERVER_NODE_ARGS } = require('../../client/dist/server-launch.js');

class LspClient {
  /**
   * Starts the server as the VS Code extension does and initializes it for `folder`; `nodeArgs` go
   * to its Node too (`--cpu-prof` to profile it); `serverArgs` to the server itself; `settings`
   * is the `asyncsense` section; `server` another entry than the npm package's (a bundle).
   */
  static async start(folder, { nodeArgs = [], serverArgs = [], settings = {}, server = SERVER } = {}) {
    const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...nodeArgs, server, '--stdio', ...serverArgs], {
      stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...SERVER_ENV },
    });
    const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection);
    connection.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      for (const resolve of client.refreshWaiters.splice(0)) resolve();
      return null;
    });
    connection.onNotification('window/logMessage', (line) => client.logs.push(line.message));
    connection.onNotification('textDocument/publishDiagnostics', () => {});
    connection.listen();
    const uri = pathToFileURL(folder).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      capabilities: {
        textDocument: { diagnostic: { dynamicRegistration: false }, publishDiagnostics: { versionSupport: true } },
        workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  constructor(child, connection) {
    this.child = child;
    this.connection = connection;
    this.logs = [];
    this.versions = new Map();
    this.refreshWaiters = [];
  }

  /** Resolves at the server's next `workspace/diagnostic/refresh`: files other than the edited one changed. */
  nextRefresh() {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  get pid() {
    return this.child.pid;
  }

  async open(file, text) {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    return uri;
  }

  async change(uri, contentChanges) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** The document's diagnostics, as the editor pulls them. */
  async diagnostics(uri) {
    const report = await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    return report.items ?? [];
  }

  async close(uri) {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Asks for the diagnostics and cancels at once, as an editor does when typing goes on; settles either way. */
  async cancelledDiagnostics(uri) {
    const source = new rpc.CancellationTokenSource();
    const request = this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    source.cancel();
    return request.then(() => 'answered', (error) => (error.code === rpc.LSPErrorCodes.RequestCancelled ? 'cancelled' : Promise.reject(error)));
  }

  /** Any request, for what the benchmark client has no method. */
  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  /** Resident set of the server process, in bytes. */
  rss() {
    const status = require('node:fs').readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/u.exec(status)[1]) * 1024;
  }

  /** Whether the server process is still running. */
  get alive() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop() {
    await this.connection.sendRequest('shutdown').catch(() => {});
    await this.connection.sendNotification('exit').catch(() => {});
    this.connection.dispose();
    await new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', resolve);
      setTimeout(() => { this.child.kill(); resolve(); }, 5000).unref();
    });
  }
}

module.exports = { LspClient };
