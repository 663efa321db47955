#!/usr/bin/env node
'use strict';
/**
 * Per-rule time of every asyncsense rule against typescript-eslint's no-floating-promises, in one
 * ESLint run over a generated project of N files (default 500), measured with ESLint's own
 * `TIMING=all` table.
 *
 *   node bench/rule-timing.js [N] [repeats=1]
 *
 * The project is generated into .e2e/bench/project-N (scratch, git-ignored) when missing. ESLint
 * runs twice, in child processes (bench/lint-child.mjs): order A puts typescript-eslint's rule
 * first, order B reverses the list. The first rule that asks the checker about a file pays for
 * checking it, so neither order alone is fair; the table gives both and their mean. A third run,
 * order W, type-checks every file first (a bench-only rule, `bench/check-file`) so that each rule's
 * time is its own work on an already checked file. Results go to stdout and to
 * bench/rule-timing-results.md. With repeats > 1 every order runs that many times, interleaved
 * (A B W A B W …), and the tables give medians; the findings come from the first run.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { ensureProject } = require('./generate-project');

const ROOT = path.join(__dirname, '..');
const PEER = '@typescript-eslint/no-floating-promises';

function versionOf(name) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Rows of ESLint's TIMING table: `rule | 123.456 | 12.3%`. */
function parseTimingTable(stdout) {
  const times = {};
  for (const line of stdout.split('\n')) {
    const match = /^(\S+)\s*\|\s*([\d.]+)\s*\|\s*[\d.]+%\s*$/.exec(line);
    if (match) times[match[1]] = Number(match[2]);
  }
  return times;
}

function runOrder(projectDir, order, scratch, only) {
  const outFile = path.join(scratch, `lint-${order}.json`);
  const started = performance.now();
  const args = [path.join(__dirname, 'lint-child.mjs'), projectDir, order, outFile, ...(only ? [only.join(',')] : [])];
  const child = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, TIMING: 'all' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) {
    throw new Error(`ESLint run ${order} failed (exit ${child.status}):\n${child.stderr}\n${child.stdout}`);
  }
  const times = parseTimingTable(child.stdout);
  if (Object.keys(times).length === 0) throw new Error(`no TIMING table in the output of run ${order}:\n${child.stdout}`);
  return { ...JSON.parse(fs.readFileSync(outFile, 'utf8')), times, processMs, table: child.stdout.trim() };
}

const fmt = (ms) => ms.toFixed(0);
const ratio = (x) => `${x.toFixed(2)}×`;

function main() {
  const n = Number(process.argv[2] ?? 500);
  if (!Number.isInteger(n) || n < 1) throw new Error(`N must be a positive integer, not ${process.argv[2]}`);
  const scratch = path.join(ROOT, '.e2e', 'bench');
  const projectDir = path.join(scratch, `project-${n}`);
  const planted = ensureProject(n, projectDir);

  const repeats = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`repeats must be a positive integer, not ${process.argv[3]}`);
  const all = { A: [], B: [], W: [] };
  for (let r = 0; r < repeats; r++) {
    for (const order of ['A', 'B', 'W']) {
      process.stdout.write(`ESLint run ${r + 1}/${repeats}, order ${order} …\n`);
      all[order].push(runOrder(projectDir, order, scratch));
    }
  }
  // Each asyncsense rule alone on type-checked files, with the peer in the same run: its own cost,
  // which the shared pass of all rules (orders A, B, W) cannot split per rule.
  const ours = all.A[0].ruleIds.filter((id) => id.startsWith('asyncsense/'));
  const alone = Object.fromEntries(ours.map((id) => [id, []]));
  for (let r = 0; r < repeats; r++) {
    for (const id of ours) {
      process.stdout.write(`ESLint run ${r + 1}/${repeats}, ${id} alone …\n`);
      alone[id].push(runOrder(projectDir, 'W', scratch, ['bench/check-file', PEER, id]));
    }
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const runs = {};
  for (const [order, list] of Object.entries(all)) {
    const times = {};
    for (const id of Object.keys(list[0].times)) times[id] = median(list.map((run) => run.times[id] ?? 0));
    runs[order] = {
      ...list[0],
      times,
      lintMs: median(list.map((run) => run.lintMs)),
      processMs: median(list.map((run) => run.processMs)),
      parseMs: median(list.map((run) => run.parseMs)),
    };
  }
  const { A, B, W } = runs;
  const ruleIds = A.ruleIds;
  const mean = (id) => ((A.times[id] ?? 0) + (B.times[id] ?? 0)) / 2;
  const peerMean = mean(PEER);

  const cpus = os.cpus();
  const lines = [];
  lines.push('# Rule timing: asyncsense vs typescript-eslint no-floating-promises');
  lines.push('');
  lines.push(`Command: \`node bench/rule-timing.js ${n} ${repeats}\` (\`npm run bench\` runs it for 500 files, once per order). `
    + `${repeats === 1 ? 'One ESLint run' : `${repeats} ESLint runs (medians below)`} per order over the generated`);
  lines.push('project (`bench/generate-project.js`), typed linting through `projectService`, all rules in the same run, per-rule');
  lines.push('times from ESLint\'s `TIMING=all`. Order A lists typescript-eslint\'s rule first, order B reverses the list.');
  lines.push('');
  lines.push('## Machine');
  lines.push('');
  lines.push(`- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores`);
  lines.push(`- Load average when the run ended (1/5/15 min): ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  lines.push(`- Node ${process.version}, TypeScript ${versionOf('typescript')}, ESLint ${versionOf('eslint')}, typescript-eslint ${versionOf('typescript-eslint')}`);
  lines.push('');
  lines.push('## Project');
  lines.push('');
  lines.push(`- N = ${n}: ${A.files} files linted, ${planted.lines} lines, ${planted.functions} functions in ${planted.packages} packages`);
  lines.push(`- Planted anti-patterns: ${planted.plantedFunctions} functions (${(planted.plantedShare * 100).toFixed(1)}%)`);
  lines.push('');
  lines.push('## Time');
  lines.push('');
  lines.push('| | order A | order B | order W |');
  lines.push('|---|--:|--:|--:|');
  lines.push(`| lint wall time (ESLint \`lintFiles\`), ms | ${fmt(A.lintMs)} | ${fmt(B.lintMs)} | ${fmt(W.lintMs)} |`);
  lines.push(`| process wall time, ms | ${fmt(A.processMs)} | ${fmt(B.processMs)} | ${fmt(W.processMs)} |`);
  lines.push(`| typed parse (ESLint stats), ms | ${fmt(A.parseMs)} | ${fmt(B.parseMs)} | ${fmt(W.parseMs)} |`);
  lines.push(`| full type check of every file first (\`bench/check-file\`), ms | | | ${fmt(W.times['bench/check-file'] ?? 0)} |`);
  lines.push('');
  const sumOurs = (run) => ours.reduce((total, id) => total + (run.times[id] ?? 0), 0);
  lines.push(`All ${ours.length} asyncsense rules check a file together in one walk (the first of them to reach the`);
  lines.push('file runs the batch, so ESLint\'s `TIMING` puts their shared time on that one); their sum is what they cost.');
  lines.push('');
  lines.push(`| | order A | order B | mean | ratio to \`${PEER}\` | files pre-checked (W) | ratio (W) |`);
  lines.push('|---|--:|--:|--:|--:|--:|--:|');
  lines.push(`| every asyncsense rule, one pass, ms | ${fmt(sumOurs(A))} | ${fmt(sumOurs(B))} | ${fmt((sumOurs(A) + sumOurs(B)) / 2)} | ${ratio((sumOurs(A) + sumOurs(B)) / 2 / peerMean)} | ${fmt(sumOurs(W))} | ${ratio(sumOurs(W) / (W.times[PEER] ?? 1))} |`);
  lines.push(`| \`${PEER}\`, ms | ${fmt(A.times[PEER] ?? 0)} | ${fmt(B.times[PEER] ?? 0)} | ${fmt(peerMean)} | 1.00× | ${fmt(W.times[PEER] ?? 0)} | 1.00× |`);
  lines.push('');
  lines.push('Each asyncsense rule alone, on files type-checked first, with the peer in the same run. Each run');
  lines.push('gives a ratio of the two times in one process, so that a machine busier in one run than in another');
  lines.push('shifts both; the ratio column is the median of those, and the times are medians too:');
  lines.push('');
  lines.push(`| rule | ms alone | \`${PEER}\` in the same run, ms | ratio | ratio in each run |`);
  lines.push('|---|--:|--:|--:|---|');
  for (const id of ours) {
    const own = median(alone[id].map((run) => run.times[id] ?? 0));
    const peer = median(alone[id].map((run) => run.times[PEER] ?? 0));
    const ratios = alone[id].map((run) => (run.times[id] ?? 0) / (run.times[PEER] ?? 1));
    lines.push(`| \`${id}\` | ${fmt(own)} | ${fmt(peer)} | ${ratio(median(ratios))} | ${ratios.map(ratio).join(', ')} |`);
  }
  lines.push('');
  lines.push('In orders A and B the first rule to ask the checker about a file pays for checking it (asyncsense does');
  lines.push('its work on the `Program` node, which ESLint visits first); order W checks every file first, so each');
  lines.push('time there is the rule\'s own work.');
  lines.push('');
  lines.push('## Findings: planted vs found');
  lines.push('');
  lines.push('| rule | planted | found (A) | found (B) |');
  lines.push('|---|--:|--:|--:|');
  const expected = { ...planted.planted, [PEER]: planted.expectedTypescriptEslintNoFloatingPromises };
  const mismatches = [];
  for (const id of [...ruleIds].sort()) {
    lines.push(`| \`${id}\` | ${expected[id] ?? 0} | ${A.found[id] ?? 0} | ${B.found[id] ?? 0} |`);
  }
  // Per file: a planted site should be found in its file, and nothing else should be.
  const plantedByFile = {};
  for (const site of planted.sites) {
    const count = (plantedByFile[site.file] ??= {});
    count[site.rule] = (count[site.rule] ?? 0) + 1;
    if (site.rule === 'asyncsense/no-floating-promises') count[PEER] = (count[PEER] ?? 0) + 1;
  }
  const allFiles = new Set([...Object.keys(plantedByFile), ...Object.keys(A.byFile)]);
  for (const file of [...allFiles].sort()) {
    for (const id of ruleIds) {
      const want = plantedByFile[file]?.[id] ?? 0;
      const got = A.byFile[file]?.[id]?.length ?? 0;
      if (want !== got) mismatches.push(`${file}: ${id} planted ${want}, found ${got}${got ? ` (lines ${A.byFile[file][id].join(', ')})` : ''}`);
    }
  }
  lines.push('');
  lines.push(mismatches.length === 0
    ? 'Every planted site is found in its file, and nothing else is reported.'
    : `Per-file differences (order A):\n\n${mismatches.map((m) => `- ${m}`).join('\n')}`);
  if (A.fatal.length + B.fatal.length > 0) {
    lines.push('');
    lines.push(`Parse or rule errors: ${[...A.fatal, ...B.fatal].slice(0, 10).join('; ')}`);
  }
  lines.push('');
  lines.push('## Raw ESLint TIMING tables');
  lines.push('');
  for (const [order, list] of Object.entries(all)) {
    list.forEach((run, index) => {
      lines.push(`Order ${order}${repeats > 1 ? `, run ${index + 1}` : ''} (${run.ruleIds.join(', ')}):`);
      lines.push('');
      lines.push('```');
      lines.push(run.table);
      lines.push('```');
      lines.push('');
    });
  }
  const report = `${lines.join('\n').trimEnd()}\n`;
  fs.writeFileSync(path.join(__dirname, 'rule-timing-results.md'), report);
  process.stdout.write(`\n${report}`);
}

main();
