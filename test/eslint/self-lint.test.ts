/**
 * The project lints itself with its own rules (eslint.config.mjs at the root, typed linting, every
 * rule): our own code must not do what we tell others not to.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../helpers/fixtures';

describe('self-lint with eslint.config.mjs', () => {
  let results: ESLint.LintResult[];
  const format = (result: ESLint.LintResult, message: ESLint.LintResult['messages'][number]): string =>
    `${path.relative(REPO_ROOT, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? ''} ${message.message}`;

  before(async () => {
    results = await new ESLint({ cwd: REPO_ROOT }).lintFiles(['.']);
  });

  it('lints the TypeScript of rules/ and test/ and leaves out builds, fixtures and scratch files', () => {
    const files = results.map((result) => path.relative(REPO_ROOT, result.filePath));
    for (const expected of ['rules/eslint/index.ts', 'rules/engine.ts', 'test/eslint/self-lint.test.ts']) {
      assert.ok(files.includes(expected), `${expected} was not linted`);
    }
    const stray = files.filter((file) => /(^|\/)(dist|node_modules|fixtures|\.e2e)\//u.test(file));
    assert.deepEqual(stray, []);
  });

  it('parses every file with type information and has no configuration problems', () => {
    const problems = results.flatMap((result) => result.messages
      .filter((message) => message.fatal || message.ruleId === null)
      .map((message) => format(result, message)));
    assert.deepEqual(problems, []);
  });

  it('finds nothing with the asyncsense rules', () => {
    const findings = results.flatMap((result) => result.messages
      .filter((message) => message.ruleId?.startsWith('asyncsense/'))
      .map((message) => format(result, message)));
    assert.deepEqual(findings, [], `asyncsense findings in our own code:\n${findings.join('\n')}`);
  });
});
