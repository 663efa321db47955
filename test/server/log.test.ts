import assert from 'node:assert/strict';
import { Log } from 'asyncsense-language-server/dist/log';
import type { RemoteConsole } from 'vscode-languageserver';

describe('server: the log', () => {
  it('writes each problem once, and never throws when the connection is closed', () => {
    const lines: string[] = [];
    let closed = false;
    const write = (line: string): void => {
      if (closed) throw new Error('Connection is closed.');
      lines.push(line);
    };
    const remote = { info: write, warn: write, error: write, log: write } as unknown as RemoteConsole;
    const log = new Log(remote);
    log.once('warn', 'a tsconfig is broken');
    log.once('warn', 'a tsconfig is broken');
    log.error('a rule failed');
    assert.deepEqual(lines, ['a tsconfig is broken', 'a rule failed']);
    closed = true;
    assert.doesNotThrow(() => {
      log.error('after the client left');
      log.once('info', 'late news');
      log.exception('a timer', new Error('boom'));
    });
  });
});
