/**
 * Input a CI run meets in real repositories: huge files, code that does not parse, broken
 * tsconfigs, files no tsconfig includes. ESLint must finish, with findings wherever the file can be
 * analysed and one clear message where it cannot.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';
import asyncsense from 'eslint-plugin-asyncsense';
import { asLinterConfig, createTypedEslint, lintFilesByPath } from './typed-eslint';
import { writeTempProject } from './temp-project';

const FLOATING = 'declare function save(): Promise<void>;\nexport function run(): void {\n  save();\n}\n';

/**
 * typescript-eslint shares one project service per process, so whether a broken tsconfig is read
 * leniently (and the file linted) or refused (with one parsing error naming the tsconfig) depends
 * on what that service has already loaded. Either is acceptable; a crash or silence is not.
 */
function assertLintedOrOneClearError(messages: Awaited<ReturnType<typeof lintOne>>, problem: RegExp): void {
  if (messages.some((m) => m.ruleId === 'asyncsense/no-floating-promises')) {
    assert.deepEqual(messages.map((m) => [m.ruleId, m.line]), [['asyncsense/no-floating-promises', 3]]);
    return;
  }
  assert.equal(messages.length, 1, JSON.stringify(messages));
  assert.equal(messages[0]!.fatal, true);
  assert.match(messages[0]!.message, problem);
}

async function lintOne(dir: string, file: string): Promise<{ ruleId: string | null; fatal: boolean; line: number; message: string }[]> {
  const eslint = createTypedEslint(dir, asLinterConfig(asyncsense.configs.recommended));
  const results = await lintFilesByPath(eslint, [path.join(dir, file)]);
  return [...results.values()][0]!.messages.map((message) => ({
    ruleId: message.ruleId, fatal: message.fatal === true, line: message.line, message: message.message,
  }));
}

describe('ESLint on bad input', () => {
  it('reports every floating promise of a 20,000-line file', async () => {
    const lines = ['declare function save(id: number): Promise<void>;', 'export function run(): void {'];
    for (let i = 0; lines.length < 19_999; i++) lines.push(i % 100 === 0 ? `  save(${i});` : `  const v${i} = ${i} * 2; void v${i};`);
    lines.push('}');
    const dir = writeTempProject('bad-input-huge', { 'huge.ts': `${lines.join('\n')}\n` });
    const messages = await lintOne(dir, 'huge.ts');
    assert.equal(messages.filter((m) => m.fatal).length, 0);
    assert.equal(messages.filter((m) => m.ruleId === 'asyncsense/no-floating-promises').length, 200);
  });

  it('reports one parsing error for code that does not parse, and does not throw', async () => {
    const dir = writeTempProject('bad-input-syntax', { 'broken.ts': 'declare function save(): Promise<void>;\nsave(\nfunction {\n' });
    const messages = await lintOne(dir, 'broken.ts');
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.fatal, true);
    assert.match(messages[0]!.message, /^Parsing error:/u);
  });

  it('reports one parsing error for code nested 5,000 deep, which the parser cannot take, and does not throw', () => {
    const dir = writeTempProject('bad-input-deep', { 'deep.ts': `export async function deep(): Promise<void> {\n  await ${'('.repeat(5000)}fetch('/a')${')'.repeat(5000)};\n}\n` });
    // In a process of its own: typescript-eslint's project service, shared by every lint of a
    // process, keeps failing on the project whose file overflowed its parser.
    const script = `
      import { ESLint } from 'eslint';
      import * as tsParser from '@typescript-eslint/parser';
      import asyncsense from 'eslint-plugin-asyncsense';
      const eslint = new ESLint({ cwd: process.argv[1], overrideConfigFile: true, overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: process.argv[1] } } },
        { ...asyncsense.configs.recommended, files: ['**/*.ts'] },
      ] });
      const [result] = await eslint.lintFiles(['deep.ts']);
      console.log(JSON.stringify(result.messages.map((m) => ({ fatal: m.fatal === true, message: m.message }))));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, dir], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [{ fatal: true, message: 'Parsing error: Maximum call stack size exceeded' }]);
  });

  it('checks files under a tsconfig with broken JSON, or says once that it cannot', async () => {
    const dir = writeTempProject('bad-input-json', { 'tsconfig.json': '{ "compilerOptions": { "strict": true, }', 'a.ts': FLOATING });
    assertLintedOrOneClearError(await lintOne(dir, 'a.ts'), /tsconfig/u);
  });

  it('checks files under a tsconfig whose extends does not exist, or names the missing file once', async () => {
    const dir = writeTempProject('bad-input-extends', { 'tsconfig.json': '{ "extends": "./missing.json", "include": ["*.ts"] }', 'a.ts': FLOATING });
    assertLintedOrOneClearError(await lintOne(dir, 'a.ts'), /missing\.json/u);
  });

  it('says a file outside every tsconfig cannot get type information, once', async () => {
    const dir = writeTempProject('bad-input-outside', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src/**/*.ts'] }),
      'scripts/loose.ts': FLOATING,
    });
    const messages = await lintOne(dir, 'scripts/loose.ts');
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.fatal, true);
    // Either the file is not in the tsconfig's project, or that tsconfig itself includes nothing.
    assert.match(messages[0]!.message, /was not found by the project service|No inputs were found in config file/u);
  });
});
