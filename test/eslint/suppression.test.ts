/**
 * A suppression comment written once silences a finding in every front end, and ESLint counts
 * its own directives for our rules as used.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ESLint } from 'eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import { runRules } from 'eslint-plugin-asyncsense/engine';
import {
  ALL_RULES_AT_ERROR, asLinterConfig, createTypedEslint, describeFatalMessages, engineFindingToComparable,
  eslintMessageToComparable,
} from './typed-eslint';
import { programForProject, sourceFileOf, writeTempProject } from './temp-project';

const SUPPRESSED = `import { writeFile } from 'node:fs/promises';

export async function saveAll(): Promise<void> {
  // eslint-disable-next-line asyncsense/no-floating-promises
  writeFile('/tmp/a.txt', 'a');
  // asyncsense-disable-next-line no-floating-promises
  writeFile('/tmp/b.txt', 'b');
  writeFile('/tmp/c.txt', 'c'); // eslint-disable-line asyncsense/no-floating-promises -- flushed on exit
  /* eslint-disable asyncsense/no-floating-promises */
  writeFile('/tmp/d.txt', 'd');
  /* eslint-enable asyncsense/no-floating-promises */
  writeFile('/tmp/reported.txt', 'e');
  // asyncsense-disable-next-line some-other-rule
  writeFile('/tmp/also-reported.txt', 'f');
}
`;

/** An ESLint directive with nothing to silence: ESLint must still call it unused. */
const UNUSED = `import { writeFile } from 'node:fs/promises';

export async function save(): Promise<void> {
  // eslint-disable-next-line asyncsense/no-floating-promises
  await writeFile('/tmp/a.txt', 'a');
}
`;

describe('suppression comments in the engine and in ESLint', () => {
  let dir: string;
  let results: ESLint.LintResult[];

  before(async () => {
    dir = writeTempProject('suppression', { 'suppressed.ts': SUPPRESSED, 'unused.ts': UNUSED });
    const eslint = createTypedEslint(dir, asLinterConfig(asyncsense.configs.all), {
      reportUnusedDisableDirectives: 'error',
    });
    results = await eslint.lintFiles([path.join(dir, 'suppressed.ts'), path.join(dir, 'unused.ts')]);
  });

  it('silences the same lines in both front ends and nothing else', () => {
    const program = programForProject(dir);
    const sourceFile = sourceFileOf(program, path.join(dir, 'suppressed.ts'));
    const engine = runRules(sourceFile, program, { rules: ALL_RULES_AT_ERROR, suppressions: 'all' });
    const expected = engine.findings.map((finding) => engineFindingToComparable(finding, sourceFile));
    assert.deepEqual(expected.map((finding) => finding.range), ['12:3-12:38', '14:3-14:43']);

    const result = results.find((r) => r.filePath.endsWith('suppressed.ts'))!;
    assert.deepEqual(describeFatalMessages(result), []);
    assert.deepEqual(result.messages.map((message) => eslintMessageToComparable(message, sourceFile.text)), expected);
  });

  it('does not report a used eslint-disable for our rule as unused', () => {
    const result = results.find((r) => r.filePath.endsWith('suppressed.ts'))!;
    assert.deepEqual(result.messages.filter((message) => message.ruleId === null), []);
  });

  it('does report an eslint-disable for our rule that silences nothing', () => {
    const result = results.find((r) => r.filePath.endsWith('unused.ts'))!;
    assert.deepEqual(
      result.messages.map((message) => [message.line, message.ruleId, /Unused eslint-disable directive/u.test(message.message)]),
      [[4, null, true]],
    );
  });
});
