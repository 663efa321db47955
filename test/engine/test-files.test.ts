import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';
import { runRules } from 'eslint-plugin-asyncsense/engine';
import { isScriptFile } from 'eslint-plugin-asyncsense/internal/util/is-script-file';
import { isTestFile } from 'eslint-plugin-asyncsense/internal/util/is-test-file';
import { FIXTURES_DIR, loadFixtureProgram } from '../helpers/fixtures';

/** A fixture the rule skips by default is reported, with no failure, once the option is set. */
function assertCheckedWithOption(ruleId: string, name: string, option: 'checkTestFiles' | 'checkScripts'): void {
  const program = loadFixtureProgram();
  const sourceFile = program.getSourceFile(path.join(FIXTURES_DIR, ruleId, name));
  assert.ok(sourceFile);
  assert.equal(runRules(sourceFile, program, { rules: { [ruleId]: 'warn' } }).findings.length, 0);
  const checked = runRules(sourceFile, program, { rules: { [ruleId]: ['warn', { [option]: true }] } });
  assert.deepEqual(checked.failures, []);
  assert.ok(checked.findings.length > 0, `the same code is reported once ${option} is set`);
}

/** A program in `directory` and a file at `file`, as much of them as the path questions read. */
function programAndFile(directory: string, file: string, text = ''): [ts.Program, ts.SourceFile] {
  return [{ getCurrentDirectory: () => directory } as ts.Program, { fileName: file, text } as ts.SourceFile];
}

describe('tests, mocks and seed data', () => {
  const skipped = [
    ['no-await-in-loop', 'valid-seed-in-a-test-file.test.ts'],
    ['prefer-parallel-awaits', 'valid-reads-in-a-test-file.spec.ts'],
    ['prefer-parallel-awaits', 'valid-reads-in-a-shared-test-suite.ts'],
    ['no-unbounded-concurrency', 'valid-fan-out-in-a-test-file.test.ts'],
  ] as const;

  for (const [ruleId, name] of skipped) {
    it(`${ruleId} checks them when checkTestFiles is set`, () => assertCheckedWithOption(ruleId, name, 'checkTestFiles'));
  }

  it('are told by the path below the project directory', () => {
    const inProject = (directory: string, file: string): boolean => isTestFile(...programAndFile(directory, file));
    assert.equal(inProject('/work/app', '/work/app/src/user.test.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/user.e2e-spec.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/test/helpers/db.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/__mocks__/mailer.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/connectors/mock.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/mailer.mock.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/hammock.ts'), false);
    assert.equal(inProject('/work/app', '/work/app/src/mockup.ts'), false);
    assert.equal(inProject('/work/app', '/work/app/src/modules/specHelper.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/test-utils.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/testHelpers.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/testimonialHelpers.ts'), false);
    assert.equal(inProject('/work/app', '/work/app/src/specifications.ts'), false);
    assert.equal(inProject('/work/app', '/work/app/prisma/seed/users.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/testimonials/list.ts'), false);
    assert.equal(inProject('/work/app', '/work/app/src/latest.ts'), false);
    // A project that itself sits in a folder called `test` is not all test code.
    assert.equal(inProject('/tmp/test/app', '/tmp/test/app/src/jobs/sync.ts'), false);
    // Outside the directory (a sibling whose name starts the same way), the path is still read from it.
    assert.equal(inProject('/work/app', '/work/application/test/db.ts'), true);
    assert.equal(inProject('/work/app', '/work/application/src/db.ts'), false);
    // Helpers for tests gathered in a folder of their own.
    assert.equal(inProject('/work/app', '/work/app/src/test-helpers/make-clients.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/test_utils/ports.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/testimonial-helpers/quote.ts'), false);
  });

  it('are told by the tests a file declares, as a suite shared by test files does', () => {
    const declaring = (text: string): boolean => isTestFile({ getCurrentDirectory: () => '/work/app' } as ts.Program,
      ts.createSourceFile('/work/app/src/pool/pool_test_suite.ts', text, ts.ScriptTarget.Latest, true));
    const suite = `export function describePool(make: () => Pool) {\n  it('adds', async () => { await make().add(1); });\n}`;
    assert.equal(declaring(suite), true);
    assert.equal(declaring(`import { test } from 'vitest';\n${suite.replace('it(', 'test(')}`), true);
    assert.equal(declaring(`import { describe, it } from 'node:test';\ndescribe('pool', () => { it('adds', () => {}); });`), true);
    // The project's own \`test\`, a regular expression's \`test\`, or a call given no function.
    assert.equal(declaring(`import { test } from './checks';\ntest('name', () => true);`), false);
    assert.equal(declaring(`export const isId = (value: string) => /^[a-z]+$/.test(value);`), false);
    assert.equal(declaring(`function test(name: string, run: () => void) { run(); }\ntest('warm-up', () => {});`), false);
    assert.equal(declaring(`declare function it(name: string): void;\nit('ready');`), false);
  });
});

describe('command-line programs, their commands\' actions and scripts', () => {
  const skipped = [
    ['no-await-in-loop', 'scripts/valid-copies-in-a-script.ts'],
    ['prefer-parallel-awaits', 'cli/valid-reads-in-a-command.ts'],
    ['no-await-in-loop', 'valid-copies-in-a-command-action.ts'],
    ['prefer-parallel-awaits', 'valid-reads-in-a-command-action.ts'],
    ['no-await-in-loop', 'valid-loads-in-an-executable.ts'],
    ['no-await-in-loop', 'valid-protocols-registered-when-the-service-starts.ts'],
  ] as const;

  for (const [ruleId, name] of skipped) {
    it(`${ruleId} checks ${name} when checkScripts is set`, () => assertCheckedWithOption(ruleId, name, 'checkScripts'));
  }

  it('are told by the path below the project directory', () => {
    const inProject = (directory: string, file: string): boolean => isScriptFile(...programAndFile(directory, file));
    assert.equal(inProject('/work/app', '/work/app/src/cli/init.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/scripts/rotate-keys.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/cli.ts'), true);
    // An executable is a command-line program wherever it sits, `bin/` included.
    assert.equal(isScriptFile(...programAndFile('/work/app', '/work/app/src/bin/app.ts', '#!/usr/bin/env node\n')), true);
    // As ESLint hands the file to its parser; a banner or a triple-slash directive is no such line.
    assert.equal(isScriptFile(...programAndFile('/work/app', '/work/app/src/bin/app.ts', '///usr/bin/env node\n')), true);
    assert.equal(isScriptFile(...programAndFile('/work/app', '/work/app/src/bin/app.ts', '//////////////\n')), false);
    assert.equal(isScriptFile(...programAndFile('/work/app', '/work/app/src/app.ts', '/// <reference types="node" />\n')), false);
    assert.equal(inProject('/work/app', '/work/app/db/migrations/0042-backfill-totals.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/cli.mjs'), true);
    // A domain's `bin` (a warehouse's bins) holds handlers like any other folder.
    assert.equal(inProject('/work/app', '/work/app/src/bin/handler.ts'), false);
    assert.equal(inProject('/work/app', '/work/app/src/client.ts'), false);
    assert.equal(inProject('/work/app', '/work/app/src/clients/cli-args.ts'), false);
    // A project that itself sits in a folder called `scripts` is not all scripts.
    assert.equal(inProject('/home/me/scripts/app', '/home/me/scripts/app/src/jobs/sync.ts'), false);
  });
});
