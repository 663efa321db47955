import assert from 'node:assert/strict';
import { runRules } from 'eslint-plugin-asyncsense/engine';
import { programForSource } from '../helpers/fixtures';

/** The browser's own types, where IndexedDB is declared. */
const DOM = { lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'] };

function ruleIds(text: string, rule: string): string[] {
  const { program, sourceFile } = programForSource(text, 'inline.ts', DOM);
  return runRules(sourceFile, program, { rules: { [rule]: 'warn' } }).findings.map((finding) => finding.ruleId);
}

describe('IndexedDB as I/O', () => {
  const COUNTS = `function count(store: IDBObjectStore): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = store.count();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
export async function sessionCounts(db: IDBDatabase): Promise<number> {
  const olm = await count(db.transaction('sessions').objectStore('sessions'));
  const megolm = await count(db.transaction('inbound_group_sessions').objectStore('inbound_group_sessions'));
  return olm + megolm;
}
`;

  it('is a wait two independent reads overlap (prefer-parallel-awaits)', () => {
    assert.deepEqual(ruleIds(COUNTS, 'prefer-parallel-awaits'), ['prefer-parallel-awaits']);
    // Without the reads, the same shape only computes, and is not reported.
    assert.deepEqual(ruleIds(COUNTS.replace('store.count()', 'store.name.length as unknown as IDBRequest<number>'), 'prefer-parallel-awaits'), []);
  });

  it('holds no handle per request, so a put per element of one transaction is not unbounded fan-out', () => {
    const PUTS = `export async function markAll(db: IDBDatabase, ids: string[]): Promise<void> {
  const store = db.transaction('backup', 'readwrite').objectStore('backup');
  await Promise.all(ids.map((id) => new Promise((resolve, reject) => {
    const request = store.put({ id });
    request.onsuccess = resolve;
    request.onerror = reject;
  })));
}
`;
    assert.deepEqual(ruleIds(PUTS, 'no-unbounded-concurrency'), []);
  });
});
