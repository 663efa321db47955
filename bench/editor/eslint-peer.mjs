/**
 * What vscode-eslint does for each edit of a TypeScript file with typed rules: ESLint's
 * `lintText` with typescript-eslint's project service and `no-floating-promises` +
 * `no-misused-promises`, given the editor's text. In its own process, so that its memory and
 * caches are its own.
 *
 *   node bench/editor/eslint-peer.mjs <projectDir> <file> <editLine> <warm> <edits>
 *
 * Prints `{ latencies: [ms, …] }` for the edits after the warm-up.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const require = createRequire(import.meta.url);
const { editSequence } = require('./edits.js');
const [projectDir, file, editLine, warm, count] = process.argv.slice(2);

const eslint = new ESLint({
  cwd: projectDir,
  overrideConfigFile: true,
  overrideConfig: [{
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: projectDir } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-floating-promises': 'warn', '@typescript-eslint/no-misused-promises': 'warn' },
  }],
});

const original = fs.readFileSync(file, 'utf8');
const started = performance.now();
await eslint.lintText(original, { filePath: file });
const firstLint = performance.now() - started;
const edits = editSequence(original, Number(editLine), Number(warm) + Number(count));
const latencies = [];
for (const [index, edit] of edits.entries()) {
  const before = performance.now();
  const [result] = await eslint.lintText(edit.text, { filePath: file });
  if (result.messages.some((message) => message.fatal)) throw new Error(result.messages[0].message);
  if (index >= Number(warm)) latencies.push(performance.now() - before);
}
process.stdout.write(`${JSON.stringify({ firstLint, latencies, rss: process.memoryUsage().rss })}\n`);
