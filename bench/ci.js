#!/usr/bin/env node
'use strict';
/**
 * CI benchmark: ESLint over a whole generated project with asyncsense's recommended config, with
 * typescript-eslint's async rules (plus core `no-await-in-loop` and `n/no-sync`), and with the
 * files parsed with types and no rule, each in its own process; then asyncsense's config again
 * with `concurrency: 2`, whose messages must be the same.
 *
 *   node bench/ci.js [N …]
 *
 * A rule set's own time is its wall time minus the typed parse's.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureProject } = require('./generate-project');
const { percentile, runForSizes } = require('./measure');

const ROOT = path.join(__dirname, '..');
/** Runs of each configuration; the table gives the median wall time. */
const RUNS = 3;

function project(n) {
  const dir = path.join(ROOT, '.e2e', 'bench', `editor-${n}`);
  ensureProject(n, dir, { editTarget: true });
  return dir;
}

function run(dir, config, concurrency) {
  const out = path.join(os.tmpdir(), `asyncsense-ci-${process.pid}-${config}-${concurrency}.json`);
  const child = spawnSync(process.execPath, [path.join(__dirname, 'ci-child.mjs'), config, String(concurrency), out], {
    cwd: dir, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`ESLint (${config}, concurrency ${concurrency}) failed`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out);
  if (result.fatal > 0) throw new Error(`ESLint (${config}) could not parse ${result.fatal} file(s)`);
  return result;
}

async function measure(n) {
  const dir = project(n);
  const walls = { recommended: [], all: [], peer: [], parse: [] };
  const results = {};
  for (let index = 0; index < RUNS; index++) {
    for (const config of Object.keys(walls)) {
      process.stderr.write(`N=${n}: ESLint ${config}, run ${index + 1}/${RUNS}…\n`);
      results[config] = run(dir, config, 1);
      walls[config].push(results[config].wallMs);
    }
  }
  process.stderr.write(`N=${n}: ESLint recommended with concurrency 2…\n`);
  const parallel = run(dir, 'recommended', 2);
  const same = JSON.stringify(parallel.messages) === JSON.stringify(results.recommended.messages);
  const wall = Object.fromEntries(Object.entries(walls).map(([config, values]) => [config, percentile(values, 50)]));
  return {
    n, files: results.parse.files, wall, parallelWall: parallel.wallMs, same,
    findings: { recommended: results.recommended.messages.length, all: results.all.messages.length, peer: results.peer.messages.length },
  };
}

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

function table(results) {
  const rows = ['| N | measure | asyncsense | peer | ratio | goal |', '|---|---|---|---|---|---|'];
  for (const r of results) {
    const own = r.wall.recommended - r.wall.parse;
    const theirs = r.wall.peer - r.wall.parse;
    rows.push(`| ${r.n} | ESLint wall, recommended | ${s(r.wall.recommended)} | ${s(r.wall.peer)} (typescript-eslint async rules, no-await-in-loop, n/no-sync) | ${ratio(r.wall.recommended, r.wall.peer)} | ≤ 0.8× |`);
    rows.push(`| ${r.n} | rules' own time (wall − typed parse ${s(r.wall.parse)}) | ${s(own)} | ${s(theirs)} | ${ratio(own, theirs)} | ≤ 0.5× |`);
    rows.push(`| ${r.n} | ESLint wall, all six rules | ${s(r.wall.all)} | ${s(r.wall.peer)} | ${ratio(r.wall.all, r.wall.peer)} | (information) |`);
    rows.push(`| ${r.n} | recommended, \`concurrency: 2\` | ${s(r.parallelWall)}, ${r.same ? 'same' : '**different**'} findings (${r.findings.recommended}) | | | same findings |`);
  }
  return rows.join('\n');
}

async function main(sizes) {
  const results = [];
  for (const n of sizes) results.push(await measure(n));
  return { results, table: table(results), runs: RUNS };
}

if (require.main === module) runForSizes(main, [200, 2000]);

module.exports = { main };
