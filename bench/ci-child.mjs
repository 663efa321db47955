/**
 * One ESLint run over a whole generated project, as CI runs it, in its own process so that its
 * time and memory are its own. Run with the project as the working directory.
 *
 *   node bench/ci-child.mjs <recommended|all|peer|parse> <concurrency> <out.json>
 *
 * The configurations are in bench/ci-config.mjs. Writes the wall time and every message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import { CONFIGS } from './ci-config.mjs';

const [config, concurrency, outFile] = process.argv.slice(2);
if (!CONFIGS[config]) {
  process.stderr.write('usage: node bench/ci-child.mjs <recommended|all|peer|parse> <concurrency> <out.json>\n');
  process.exit(2);
}
process.env.ASYNCSENSE_BENCH_CONFIG = config;

const projectDir = process.cwd();
const eslint = new ESLint({
  overrideConfigFile: path.join(path.dirname(fileURLToPath(import.meta.url)), 'ci-config.mjs'),
  concurrency: Number(concurrency),
});
const started = performance.now();
const results = await eslint.lintFiles(['packages/**/*.ts']);
const wallMs = performance.now() - started;
const messages = results.flatMap((result) => result.messages.map((message) =>
  `${path.relative(projectDir, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'}`)).sort();
const fatal = results.reduce((sum, result) => sum + result.fatalErrorCount, 0);
fs.writeFileSync(outFile, `${JSON.stringify({ config, concurrency: Number(concurrency), wallMs, files: results.length, fatal, messages })}\n`);
