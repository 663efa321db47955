import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';
import { runRules } from 'eslint-plugin-asyncsense/engine';
import { isTestFile } from 'eslint-plugin-asyncsense/internal/util/is-test-file';
import { FIXTURES_DIR, loadFixtureProgram } from '../helpers/fixtures';

describe('tests, mocks and seed data', () => {
  const skipped = [
    ['no-await-in-loop', 'valid-seed-in-a-test-file.test.ts'],
    ['prefer-parallel-awaits', 'valid-reads-in-a-test-file.spec.ts'],
    ['no-unbounded-concurrency', 'valid-fan-out-in-a-test-file.test.ts'],
  ] as const;

  for (const [ruleId, name] of skipped) {
    it(`${ruleId} checks them when checkTestFiles is set`, () => {
      const program = loadFixtureProgram();
      const sourceFile = program.getSourceFile(path.join(FIXTURES_DIR, ruleId, name));
      assert.ok(sourceFile);
      assert.equal(runRules(sourceFile, program, { rules: { [ruleId]: 'warn' } }).findings.length, 0);
      const checked = runRules(sourceFile, program, { rules: { [ruleId]: ['warn', { checkTestFiles: true }] } });
      assert.deepEqual(checked.failures, []);
      assert.ok(checked.findings.length > 0, 'the same code is reported once test files are checked');
    });
  }

  it('are told by the path below the project directory', () => {
    const inProject = (directory: string, file: string): boolean => {
      const program = { getCurrentDirectory: () => directory } as ts.Program;
      return isTestFile(program, { fileName: file } as ts.SourceFile);
    };
    assert.equal(inProject('/work/app', '/work/app/src/user.test.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/user.e2e-spec.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/test/helpers/db.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/__mocks__/mailer.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/prisma/seed/users.ts'), true);
    assert.equal(inProject('/work/app', '/work/app/src/testimonials/list.ts'), false);
    assert.equal(inProject('/work/app', '/work/app/src/latest.ts'), false);
    // A project that itself sits in a folder called `test` is not all test code.
    assert.equal(inProject('/tmp/test/app', '/tmp/test/app/src/jobs/sync.ts'), false);
    // Outside the directory (a sibling whose name starts the same way), the path is still read from it.
    assert.equal(inProject('/work/app', '/work/application/test/db.ts'), true);
    assert.equal(inProject('/work/app', '/work/application/src/db.ts'), false);
  });
});
