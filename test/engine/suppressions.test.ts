import assert from 'node:assert/strict';
import { runRules, type SuppressionMode } from 'eslint-plugin-asyncsense/engine';
import { programForSource } from '../helpers/fixtures';

const HEADER = 'declare function save(): Promise<void>;\nexport {};\n';

/** The 1-based lines of the floating promises the engine reports. */
function reportedLines(body: string, mode: SuppressionMode = 'all'): number[] {
  const { program, sourceFile } = programForSource(HEADER + body);
  const { findings, failures } = runRules(sourceFile, program, { rules: {}, suppressions: mode });
  assert.deepEqual(failures, []);
  return findings.map((finding) => sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1 - 2);
}

describe('suppression comments', () => {
  it('reports without any comment', () => {
    assert.deepEqual(reportedLines('save();\nsave();\n'), [1, 2]);
  });

  it('eslint-disable-next-line names our rule with its prefix', () => {
    assert.deepEqual(reportedLines('// eslint-disable-next-line asyncsense/no-floating-promises\nsave();\nsave();\n'), [3]);
  });

  it('eslint-disable-next-line without rules silences everything on the next line', () => {
    assert.deepEqual(reportedLines('// eslint-disable-next-line\nsave();\nsave();\n'), [3]);
  });

  it('a list naming only other rules silences nothing of ours', () => {
    assert.deepEqual(reportedLines('// eslint-disable-next-line no-console, @typescript-eslint/no-unsafe-call\nsave();\n'), [2]);
  });

  it('switching off a peer (the same claim under another linter\'s id) switches ours off, in either mode', () => {
    const body = '// eslint-disable-next-line no-console, @typescript-eslint/no-floating-promises -- fire and forget\nsave();\nsave();\n';
    assert.deepEqual(reportedLines(body), [3]);
    assert.deepEqual(reportedLines(body, 'asyncsense-only'), [3]);
  });

  it('oxlint comments count only for peers, in its own spellings too', () => {
    const body = [
      '// oxlint-disable-next-line typescript/no-floating-promises',
      'save();',
      '// oxlint-disable-next-line',
      'save();',
      '// oxlint-disable-next-line asyncsense/no-floating-promises',
      'save();',
      'save(); // oxlint-disable-line @typescript-eslint/no-floating-promises',
    ].join('\n');
    assert.deepEqual(reportedLines(`${body}\n`), [4, 6]);
  });

  it('a block disabling a peer holds until it is enabled again', () => {
    const body = '/* eslint-disable @typescript-eslint/no-floating-promises */\nsave();\n/* eslint-enable @typescript-eslint/no-floating-promises */\nsave();\n';
    assert.deepEqual(reportedLines(body, 'asyncsense-only'), [4]);
  });

  it('a list with a description after -- still applies', () => {
    assert.deepEqual(reportedLines('// eslint-disable-next-line no-console, asyncsense/no-floating-promises -- fire and forget\nsave();\n'), []);
  });

  it('eslint-disable-line applies to its own line', () => {
    assert.deepEqual(reportedLines('save(); // eslint-disable-line asyncsense/no-floating-promises\nsave();\n'), [2]);
  });

  it('block eslint-disable holds until eslint-enable', () => {
    const body = 'save();\n/* eslint-disable asyncsense/no-floating-promises */\nsave();\nsave();\n/* eslint-enable asyncsense/no-floating-promises */\nsave();\n';
    assert.deepEqual(reportedLines(body), [1, 6]);
  });

  it('asyncsense-disable-next-line names the bare rule id', () => {
    assert.deepEqual(reportedLines('// asyncsense-disable-next-line no-floating-promises\nsave();\nsave();\n'), [3]);
  });

  it('directive text inside strings, templates and regexes is not a comment', () => {
    const body = [
      "const a = '// eslint-disable-next-line asyncsense/no-floating-promises';",
      'save();',
      'const b = `${a} /* eslint-disable */ ${a}`;',
      'save();',
      'const c = /\\/\\/ eslint-disable-line/u; save();',
      'void b, c;',
    ].join('\n');
    assert.deepEqual(reportedLines(`${body}\n`), [2, 4, 5]);
  });

  it('inside ESLint only our own comments are read, since ESLint applies its own', () => {
    const body = '// eslint-disable-next-line asyncsense/no-floating-promises\nsave();\n// asyncsense-disable-next-line no-floating-promises\nsave();\n';
    assert.deepEqual(reportedLines(body, 'asyncsense-only'), [2]);
    assert.deepEqual(reportedLines(body, 'all'), []);
  });
});
