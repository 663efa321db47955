import assert from 'node:assert/strict';
import { runRules } from 'eslint-plugin-asyncsense/engine';
import { programOf } from '../helpers/program-of';

/** A package's queue, as its typings declare it. */
const QUEUE = `declare module 'serial-queue' {
  export class SerialQueue {
    put<T>(fn: () => T | Promise<T>): Promise<Awaited<T>>;
  }
}
`;

const POOL = `export interface Tx { readonly hash: string }
export interface TxPool { getTxByHash(hash: string): Promise<Tx | undefined>; }
`;

const QUEUED_POOL = `import { SerialQueue } from 'serial-queue';
import type { Tx, TxPool } from './pool.js';
export class QueuedTxPool implements TxPool {
  readonly #queue = new SerialQueue();
  getTxByHash(hash: string): Promise<Tx | undefined> {
    return this.#queue.put(async () => (await fetch('https://node.example/txs/' + hash)).json() as Promise<Tx>);
  }
}
`;

const HANDLER = `import type { TxPool } from './pool.js';
export async function handleTxRequest(pool: TxPool, hashes: string[]) {
  return Promise.all(hashes.map((hash) => pool.getTxByHash(hash)));
}
`;

function findings(files: Record<string, string>): string[] {
  const program = programOf(files, { lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });
  const handler = program.getSourceFiles().find((file) => file.fileName.endsWith('/handler.ts'))!;
  return runRules(handler, program, { rules: { 'no-unbounded-concurrency': 'warn' } }).findings.map((finding) => finding.ruleId);
}

describe('a limiter behind the methods of an interface', () => {
  it('is found in the class that implements it, and a test helper that stands in for it is left out', () => {
    const MEMORY_POOL = `import type { Tx, TxPool } from '../pool.js';
export class InMemoryTxPool implements TxPool {
  readonly txs = new Map<string, Tx>();
  async getTxByHash(hash: string) { return this.txs.get(hash); }
}
`;
    const files = { 'queue.d.ts': QUEUE, 'pool.ts': POOL, 'queued-pool.ts': QUEUED_POOL, 'handler.ts': HANDLER };
    assert.deepEqual(findings(files), []);
    assert.deepEqual(findings({ ...files, 'test-helpers/memory-pool.ts': MEMORY_POOL }), []);
    // The same in-memory pool as production code is an implementation with no limit.
    assert.deepEqual(findings({ ...files, 'memory-pool.ts': MEMORY_POOL.replace("'../pool.js'", "'./pool.js'")
      .replace('this.txs.get(hash)', "(await fetch('https://cache.example/' + hash)).json() as Promise<Tx>") }), ['no-unbounded-concurrency']);
  });

  it('needs a queue by its type: a method of the same shape on another type limits nothing', () => {
    const files = { 'queue.d.ts': QUEUE.replace('SerialQueue', 'Tracer'), 'pool.ts': POOL,
      'queued-pool.ts': QUEUED_POOL.replace(/SerialQueue/gu, 'Tracer'), 'handler.ts': HANDLER };
    assert.deepEqual(findings(files), ['no-unbounded-concurrency']);
  });

  it('needs a package\'s queue: one the project writes itself is trusted only through `limiters`', () => {
    const OWN_QUEUE = `export class SerialQueue {
  put<T>(fn: () => T | Promise<T>): Promise<Awaited<T>> { return Promise.resolve(fn()) as Promise<Awaited<T>>; }
}
`;
    const files = { 'queue.ts': OWN_QUEUE, 'pool.ts': POOL,
      'queued-pool.ts': QUEUED_POOL.replace("from 'serial-queue'", "from './queue.js'"), 'handler.ts': HANDLER };
    assert.deepEqual(findings(files), ['no-unbounded-concurrency']);
  });
});
