#!/usr/bin/env node
/**
 * One asyncsense rule beside typescript-eslint's no-floating-promises, on files type-checked first
 * (order W of `bench/lint-child.mjs`), N times: the quick check of one rule's speed while working
 * on it. `bench/rule-timing.js` is the full table.
 *
 *   node bench/rule-ratio.js <rule> [runs=3] [files=500]
 *
 * Prints each run's times and the ratio of the two, measured in the same process.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureProject } = require('./generate-project');

const PEER = '@typescript-eslint/no-floating-promises';
const [rule, runsArg = '3', filesArg = '500'] = process.argv.slice(2);
const runs = Number(runsArg);
const files = Number(filesArg);
if (!rule || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(files) || files < 1) {
  console.error('usage: node bench/rule-ratio.js <rule> [runs=3] [files=500]');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const projectDir = path.join(root, '.e2e', 'bench', `project-${files}`);
ensureProject(files, projectDir);
const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asyncsense-ratio-')), 'out.json');
const ours = `asyncsense/${rule.replace(/^asyncsense\//u, '')}`;
const ratios = [];
for (let run = 1; run <= runs; run++) {
  execFileSync(process.execPath, [path.join(__dirname, 'lint-child.mjs'), projectDir, 'W', outFile, ['bench/check-file', PEER, ours].join(',')],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TIMING: 'all' } });
  const { statsRuleMs } = JSON.parse(fs.readFileSync(outFile, 'utf8'));
  const ratio = statsRuleMs[ours] / statsRuleMs[PEER];
  ratios.push(ratio);
  console.log(`run ${run}: ${ours} ${statsRuleMs[ours].toFixed(0)} ms, ${PEER} ${statsRuleMs[PEER].toFixed(0)} ms, ratio ${ratio.toFixed(2)}×`);
}
const sorted = [...ratios].sort((a, b) => a - b);
console.log(`median ratio ${sorted[Math.floor(sorted.length / 2)].toFixed(2)}×`);
