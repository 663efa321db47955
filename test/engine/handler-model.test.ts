import assert from 'node:assert/strict';
import ts from 'typescript';
import { handlerSource } from 'eslint-plugin-asyncsense/internal/util/handler-model';
import { programForSource } from '../helpers/fixtures';

const SOURCE = `
import { Worker, type Job } from 'bullmq';
export async function sendWelcome(job: Job<{ email: string }>): Promise<void> {
  await fetch('https://mail.example/send', { method: 'POST', body: job.data.email });
}
export async function audit(entry: { readonly id: string }): Promise<void> {
  await fetch('https://audit.example/', { method: 'POST', body: entry.id });
}
export const worker = new Worker('welcome', sendWelcome, { connection: { host: 'localhost' } });
`;

/** As no-non-idempotent-retry asks: only files that import a queue are read for registrations. */
const NARROW = { handlers: [], cacheKey: {}, registrationFiles: /bullmq/u };

/** The file's program, and a checker that counts the questions put to it. */
function counted(name: string): { program: ts.Program; sourceFile: ts.SourceFile; checker: ts.TypeChecker; calls: () => number } {
  const { program, sourceFile } = programForSource(SOURCE, name);
  const real = program.getTypeChecker();
  let calls = 0;
  const checker = new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls++;
        return (value as (...parameters: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { program, sourceFile, checker, calls: () => calls };
}

function functionNamed(sourceFile: ts.SourceFile, name: string): ts.FunctionDeclaration {
  const found = sourceFile.statements.find((statement): statement is ts.FunctionDeclaration =>
    ts.isFunctionDeclaration(statement) && statement.name?.text === name);
  assert.ok(found, `no function ${name}`);
  return found;
}

describe('handler model shared between rules', () => {
  it('gives every rule without registrations of its own the source one rule found in fewer files', () => {
    const { program, sourceFile, checker, calls } = counted('handler-model-found.ts');
    const fn = functionNamed(sourceFile, 'sendWelcome');
    const narrow = handlerSource({ program, checker, ...NARROW }, fn);
    assert.equal(narrow?.kind, 'delivery');
    const before = calls();
    // As no-blocking-io asks: the answer is kept once, and not looked for again.
    assert.equal(handlerSource({ program, checker, handlers: [] }, fn), narrow);
    assert.equal(calls(), before);
  });

  it('takes a function the whole project does not register to be registered in none of fewer files', () => {
    const { program, sourceFile, checker, calls } = counted('handler-model-none.ts');
    const fn = functionNamed(sourceFile, 'audit');
    assert.equal(handlerSource({ program, checker, handlers: [] }, fn), undefined);
    const before = calls();
    assert.equal(handlerSource({ program, checker, ...NARROW }, fn), undefined);
    assert.equal(calls(), before);
  });

  it('answers the same in fewer files when asked first', () => {
    const { program, sourceFile, checker } = counted('handler-model-alone.ts');
    assert.equal(handlerSource({ program, checker, ...NARROW }, functionNamed(sourceFile, 'audit')), undefined);
    assert.equal(handlerSource({ program, checker, ...NARROW }, functionNamed(sourceFile, 'sendWelcome'))?.kind, 'delivery');
  });
});
