/**
 * One ESLint run over a generated bench project, in its own process so that ESLint's `TIMING`
 * table (printed to stdout when the process exits) belongs to this run alone.
 *
 *   TIMING=all node bench/lint-child.mjs <projectDir> <A|B> <out.json> [rule,rule,…]
 *
 * Order A is typescript-eslint's no-floating-promises first, then every asyncsense rule in the
 * order of `configs.all`; order B is the reverse. Order W ("warm") is order A behind a first rule,
 * `bench/check-file`, that type-checks the whole file (`program.getSemanticDiagnostics`) before any
 * other rule runs, so that every rule's time is its own work on a checked file. A comma-separated
 * rule list replaces all of these (for profiling one rule alone). Findings and ESLint's own
 * per-file stats go to out.json.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import generatorProgram from './generator/program.js';

const [projectDir, order = 'A', outFile, only] = process.argv.slice(2);
if (!projectDir || !outFile || !['A', 'B', 'W'].includes(order)) {
  process.stderr.write('usage: node bench/lint-child.mjs <projectDir> <A|B|W> <out.json> [rule,rule,…]\n');
  process.exit(2);
}

const PEER = '@typescript-eslint/no-floating-promises';
const OPTIONS = Object.fromEntries(Object.entries(generatorProgram.RULE_OPTIONS).map(([id, options]) => [`asyncsense/${id}`, options]));
const ours = Object.keys(asyncsense.configs.all.rules);
const orderA = [PEER, ...ours];
const CHECK_FILE = 'bench/check-file';
const ruleIds = only
  ? only.split(',')
  : order === 'A' ? orderA : order === 'B' ? [...orderA].reverse() : [CHECK_FILE, ...orderA];

/** Type-checks the file being linted, and reports nothing. */
const bench = {
  meta: { name: 'bench' },
  rules: {
    'check-file': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const services = context.sourceCode.parserServices;
        return {
          Program(node) {
            const sourceFile = services.esTreeNodeToTSNodeMap.get(node);
            services.program.getSemanticDiagnostics(sourceFile);
          },
        };
      },
    },
  },
};

const eslint = new ESLint({
  cwd: projectDir,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: projectDir },
      },
      plugins: { '@typescript-eslint': tseslint.plugin, asyncsense, bench },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: Object.fromEntries(ruleIds.map((id) => [id, OPTIONS[id] ? ['error', OPTIONS[id]] : 'error'])),
    },
  ],
  stats: true,
});

const started = performance.now();
const results = await eslint.lintFiles(['packages']);
const lintMs = performance.now() - started;

const found = Object.fromEntries(ruleIds.map((id) => [id, 0]));
const byFile = {};
const fatal = [];
let parseMs = 0;
const statsRuleMs = {};
for (const result of results) {
  const file = result.filePath.slice(projectDir.length + 1).split('\\').join('/');
  for (const message of result.messages) {
    if (!message.ruleId) {
      fatal.push(`${file}:${message.line}: ${message.message}`);
      continue;
    }
    found[message.ruleId] = (found[message.ruleId] ?? 0) + 1;
    ((byFile[file] ??= {})[message.ruleId] ??= []).push(message.line);
  }
  for (const pass of result.stats?.times?.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [id, time] of Object.entries(pass.rules ?? {})) statsRuleMs[id] = (statsRuleMs[id] ?? 0) + time.total;
  }
}

fs.writeFileSync(outFile, `${JSON.stringify({ order: only ? 'custom' : order, ruleIds, files: results.length, lintMs, parseMs, statsRuleMs, found, fatal, byFile }, null, 2)}\n`);
