/**
 * The plugin as users meet it: its shape, loading from an ES module config, the error when type
 * information is missing, and an unseen project linted with the recommended config.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import { ruleDocsUrl, rules } from 'eslint-plugin-asyncsense/engine';
import { REPO_ROOT } from '../helpers/fixtures';
import { writeTempProject } from './temp-project';
import { asLinterConfig } from './typed-eslint';
import { readmeEslintConfig, UNSEEN_PROJECT_FILES, UNSEEN_PROJECT_FLOATING } from './unseen-project';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'rules', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

describe('the ESLint plugin', () => {
  it('names itself after its package', () => {
    assert.deepEqual(asyncsense.meta, { name: manifest.name, version: manifest.version, namespace: 'asyncsense' });
    assert.equal(manifest.name, 'eslint-plugin-asyncsense');
  });

  it('has every engine rule under its id, with the engine metadata', () => {
    assert.deepEqual(Object.keys(asyncsense.rules).sort(), rules.map((rule) => rule.id).sort());
    for (const rule of rules) {
      const { meta } = asyncsense.rules[rule.id]!;
      assert.ok(['problem', 'suggestion'].includes(meta.type), `${rule.id}: type ${meta.type}`);
      assert.deepEqual(meta.docs, {
        description: rule.meta.description,
        recommended: rule.meta.recommended,
        requiresTypeChecking: true,
        url: ruleDocsUrl(rule.id),
      });
      assert.deepEqual(meta.messages, rule.meta.messages);
      assert.deepEqual(meta.schema, rule.meta.schema);
      assert.equal(meta.hasSuggestions, true);
      assert.equal(meta.fixable, rule.meta.fixable ? 'code' : undefined);
      assert.deepEqual(meta.defaultOptions, rule.meta.schema.length > 0 ? [rule.meta.defaultOptions] : []);
    }
  });

  it('has a recommended config with the recommended rules and an all config with every rule, as errors', () => {
    const atError = (ids: string[]): Record<string, string> => Object.fromEntries(ids.map((id) => [`asyncsense/${id}`, 'error']));
    assert.deepEqual(asyncsense.configs.recommended, {
      name: 'asyncsense/recommended',
      plugins: { asyncsense },
      rules: atError(rules.filter((rule) => rule.meta.recommended).map((rule) => rule.id)),
    });
    assert.deepEqual(asyncsense.configs.all, {
      name: 'asyncsense/all',
      plugins: { asyncsense },
      rules: atError(rules.map((rule) => rule.id)),
    });
    assert.equal(asyncsense.configs.all.plugins?.['asyncsense'], asyncsense);
    assert.ok(Object.keys(asyncsense.configs.recommended.rules ?? {}).length > 0);
  });

  it('is the default export when imported from an ES module', async () => {
    const dir = writeTempProject('esm-import', {
      'load-plugin.mjs': "import asyncsense from 'eslint-plugin-asyncsense';\nexport default asyncsense;\n",
    });
    const loaded = (await import(pathToFileURL(path.join(dir, 'load-plugin.mjs')).href)) as { default: unknown };
    assert.equal(loaded.default, asyncsense);
  });
});

describe('linting without type information', () => {
  const code = 'export async function save() {}\nsave();\n';
  const ruleName = `asyncsense/${rules.find((rule) => rule.meta.recommended)!.id}`;

  async function lintError(config: Linter.Config, filePath: string): Promise<Error> {
    const eslint = new ESLint({
      cwd: REPO_ROOT,
      overrideConfigFile: true,
      overrideConfig: [config, { ...asLinterConfig(asyncsense.configs.recommended), files: ['**/*.js', '**/*.ts'] }],
    });
    try {
      const results = await eslint.lintText(code, { filePath });
      throw new Error(`expected linting to fail, got ${JSON.stringify(results.map((result) => result.messages))}`);
    } catch (error) {
      assert.ok(error instanceof Error);
      return error;
    }
  }

  it('stops with one error naming the rule when the default parser is used', async () => {
    const error = await lintError({ files: ['**/*.js'] }, path.join(REPO_ROOT, 'plain.js'));
    assert.match(error.message, new RegExp(`^Error while loading rule '${ruleName}': ${ruleName} needs type information`, 'u'));
    assert.match(error.message, /not parsed by the typescript-eslint parser/u);
    assert.match(error.message, /parserOptions: \{ projectService: true/u);
  });

  it('stops with one error naming the rule when the parser has no projectService', async () => {
    const error = await lintError(
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      path.join(REPO_ROOT, 'no-project.ts'),
    );
    assert.match(error.message, new RegExp(`${ruleName} needs type information`, 'u'));
    assert.match(error.message, /parserOptions\.projectService is not set/u);
    assert.match(error.message, /parserOptions: \{ projectService: true/u);
  });
});

describe('an unseen project linted with the README\'s config', () => {
  it('reports exactly its floating promises', async () => {
    const dir = writeTempProject('unseen-project', { ...UNSEEN_PROJECT_FILES, 'eslint.config.mjs': readmeEslintConfig() });
    const results = await new ESLint({ cwd: dir }).lintFiles(['.']);

    const linted = results.map((result) => path.relative(dir, result.filePath)).filter((file) => file.endsWith('.ts')).sort();
    assert.deepEqual(linted, Object.keys(UNSEEN_PROJECT_FILES).sort());
    const actual = results.flatMap((result) => result.messages.map((message) =>
      `${path.relative(dir, result.filePath)}:${message.line}:${message.column} ${message.ruleId} ${message.messageId ?? message.message}`));
    const expected = UNSEEN_PROJECT_FLOATING.map(({ file, text, messageId }) => {
      const source = UNSEEN_PROJECT_FILES[file]!;
      const offset = source.indexOf(text);
      assert.ok(offset >= 0 && source.indexOf(text, offset + 1) < 0, `"${text}" occurs once in ${file}`);
      const before = source.slice(0, offset).split('\n');
      return `${file}:${before.length}:${before.at(-1)!.length + 1} asyncsense/no-floating-promises ${messageId}`;
    });
    assert.deepEqual(actual.sort(), expected.sort());
  });
});
