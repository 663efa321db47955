import assert from 'node:assert/strict';
import ts from 'typescript';
import { runRules, type Finding } from 'eslint-plugin-asyncsense/engine';
import { programForSource } from '../helpers/fixtures';

const RULE = 'no-non-idempotent-retry';

function findingsOf(text: string, options?: object): readonly Finding[] {
  const { program, sourceFile } = programForSource(text);
  const errors = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
  assert.deepEqual(errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')), [], 'the input type-checks');
  return runRules(sourceFile, program, { rules: { [RULE]: options ? ['warn', options] : 'warn' } }).findings;
}

describe('no-non-idempotent-retry options', () => {
  it('treats functions passed to the user\'s retryWrappers as retried', () => {
    const text = `declare function withBackoff<T>(run: () => Promise<T>): Promise<T>;
export async function submit(body: string): Promise<void> {
  await withBackoff(() => fetch('https://orders.example/api', { method: 'POST', body }));
}
`;
    assert.deepEqual(findingsOf(text), [], 'an unknown wrapper is not a retry');
    const findings = findingsOf(text, { retryWrappers: [{ from: 'file', name: 'withBackoff' }] });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^A POST request in a function retried by `withBackoff` has no idempotency guard, and `withBackoff` runs it again after a failure:/u);
  });

  it('treats functions passed to the user\'s consumers as delivered at least once', () => {
    const text = `import { Pool } from 'pg';
declare function onMessage(queue: string, handle: (body: string) => Promise<void>): void;
const pool = new Pool();
onMessage('orders', async (body) => {
  await pool.query('INSERT INTO orders (body) VALUES ($1)', [body]);
});
`;
    assert.deepEqual(findingsOf(text), []);
    const findings = findingsOf(text, { consumers: [{ from: 'file', name: 'onMessage' }] });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^An INSERT without ON CONFLICT in a consumer registered with `onMessage` has no idempotency guard, and `onMessage` may deliver a message again:/u);
  });

  it('stops at the user\'s request handlers: what a request does is not retried with what registers it', () => {
    const text = `import pRetry from 'p-retry';
declare function route(path: string, handle: () => Promise<void>): void;
export async function mount(): Promise<void> {
  await pRetry(async () => {
    route('/submit', async () => {
      await fetch('https://orders.example/api', { method: 'POST', body: '{}' });
    });
  });
}
`;
    assert.equal(findingsOf(text).length, 1, 'without the option the callback counts as part of the retried function');
    assert.deepEqual(findingsOf(text, { handlers: [{ from: 'file', name: 'route' }] }), []);
  });
});
