'use strict';
/**
 * TypeScript's own tsserver (the same TypeScript asyncsense uses), in its own process, spoken to in
 * its own protocol: one JSON request per line in, `Content-Length` framed answers out.
 */
const { spawn } = require('node:child_process');

const TSSERVER = require.resolve('typescript/lib/tsserver.js');

class TsServerClient {
  static start() {
    const child = spawn(process.execPath, [TSSERVER, '--disableAutomaticTypingAcquisition', '--suppressDiagnosticEvents'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    return new TsServerClient(child);
  }

  constructor(child) {
    this.child = child;
    this.seq = 0;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
    child.stdout.on('data', (chunk) => this.read(chunk));
  }

  get pid() {
    return this.child.pid;
  }

  /** Sends a request and answers its response body. */
  request(command, args) {
    const seq = ++this.seq;
    this.child.stdin.write(`${JSON.stringify({ seq, type: 'request', command, arguments: args })}\n`);
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject }));
  }

  /** `open` has no response: it is followed by a request that has one. */
  notify(command, args) {
    this.child.stdin.write(`${JSON.stringify({ seq: ++this.seq, type: 'request', command, arguments: args })}\n`);
  }

  read(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const header = this.buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/u.exec(this.buffer.subarray(0, header).toString())?.[1]);
      const start = header + 4;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString());
      this.buffer = this.buffer.subarray(start + length);
      const waiter = message.type === 'response' ? this.pending.get(message.request_seq) : undefined;
      if (waiter) {
        this.pending.delete(message.request_seq);
        if (message.success) waiter.resolve(message.body);
        else waiter.reject(new Error(`tsserver ${message.command}: ${message.message}`));
      }
    }
  }

  async stop() {
    this.notify('exit', {});
    await new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', resolve);
      setTimeout(() => { this.child.kill(); resolve(); }, 5000).unref();
    });
  }
}

module.exports = { TsServerClient };
