/**
 * `eslint --fix` applies the safe fixes of the real rules, as the editor's fix-all on save does:
 * both blocking calls of a file, even though each fix moves the same import.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from '../helpers/fixtures';
import { createTypedEslint, describeFatalMessages } from './typed-eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import type { Linter } from 'eslint';

const FILE = path.join(FIXTURES_DIR, 'no-blocking-io', 'invalid-service-called-by-a-controller.ts');

describe('eslint --fix', function () {
  this.timeout(120_000);

  it('applies every safe fix of a file over several passes and leaves nothing to report', async () => {
    const config = { plugins: { asyncsense }, rules: { 'asyncsense/no-blocking-io': 'error' } } as unknown as Linter.Config;
    const [result] = await createTypedEslint(FIXTURES_DIR, config, {}, { fix: true }).lintFiles([FILE]);
    assert.ok(result);
    assert.deepEqual(describeFatalMessages(result), []);
    assert.deepEqual(result.messages, [], 'findings left after --fix');
    const fixed = result.output ?? '';
    assert.match(fixed, /^import \{ mkdir, writeFile \} from 'node:fs\/promises';$/mu);
    assert.doesNotMatch(fixed, /Sync\b|from 'node:fs';/u);
    assert.match(fixed, /^ {2}await mkdir\(dir, \{ recursive: true \}\);\n {2}await writeFile\(`\$\{dir\}\/snapshot\.json`, JSON\.stringify\(snapshot\)\);$/mu);
    assert.notEqual(fs.readFileSync(FILE, 'utf8'), fixed, 'the fixture itself must stay as it is');
  });

  it('fixes a file that starts with two byte order marks as it fixes the file without them', async () => {
    // ESLint parses such a file with one mark and applies fixes to its text without either.
    const config = { plugins: { asyncsense }, rules: { 'asyncsense/no-blocking-io': 'error' } } as unknown as Linter.Config;
    const eslint = createTypedEslint(FIXTURES_DIR, config, {}, { fix: true });
    const text = fs.readFileSync(FILE, 'utf8');
    const [plain] = await eslint.lintText(text, { filePath: FILE });
    const [marked] = await eslint.lintText(`\uFEFF\uFEFF${text}`, { filePath: FILE });
    assert.ok(plain?.output && marked?.output);
    assert.deepEqual(marked.messages, []);
    assert.equal(marked.output.replace(/^\uFEFF+/u, ''), plain.output);
  });
});
