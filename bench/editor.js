#!/usr/bin/env node
'use strict';
/**
 * Editor benchmarks over generated projects of N files (default 200 and 2000), each against its
 * peer in the same run:
 *
 * - latency: a 300-line file edited 50 times (after 20 warm-up edits, which the JIT of both sides needs); for asyncsense, the time
 *   from `didChange` to the pulled diagnostics of that version, over LSP on stdio; for the peer,
 *   ESLint's `lintText` with typescript-eslint's project service and `no-floating-promises` +
 *   `no-misused-promises`, as vscode-eslint runs it;
 * - cold start: server start to the first diagnostics of that file, against tsserver (the same
 *   TypeScript) asked for its semantic diagnostics;
 * - memory: resident set of the server with 20 files open and checked, against tsserver with the
 *   same files.
 *
 *   node bench/editor.js [N …]
 *
 * Writes the tables to stdout and returns them to bench/index.js, which writes bench/results.md.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { ensureProject } = require('./generate-project');
const { editSequence } = require('./editor/edits');
const { percentile, runForSizes } = require('./measure');
const { LspClient } = require('./editor/lsp-client');
const { TsServerClient } = require('./editor/tsserver-client');

const ROOT = path.join(__dirname, '..');
const WARM = 20;
const EDITS = 50;
const OPEN_FILES = 20;
/** Cross-file edits measured after the warm-up: an exported method made async and back. */
const CROSS_FILE_EDITS = 20;
const COLD_RUNS = 3;

function project(n) {
  const dir = path.join(ROOT, '.e2e', 'bench', `editor-${n}`);
  return { dir, summary: ensureProject(n, dir, { editTarget: true }) };
}

/** The edited file first, then other files of the project, `count` in all. */
function filesToOpen(dir, target, count) {
  const all = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && full !== target) all.push(full);
    }
  };
  walk(path.join(dir, 'packages'));
  const step = Math.max(1, Math.floor(all.length / (count - 1)));
  return [target, ...all.filter((_, index) => index % step === 0).slice(0, count - 1)];
}

function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/u.exec(status)[1]) * 1024;
}

async function ourLatency(dir, target, editLine) {
  const client = await LspClient.start(dir);
  try {
    const original = fs.readFileSync(target, 'utf8');
    const uri = await client.open(target, original);
    await client.diagnostics(uri);
    const latencies = [];
    for (const [index, edit] of editSequence(original, editLine, WARM + EDITS).entries()) {
      const before = performance.now();
      await client.change(uri, [edit.change]);
      await client.diagnostics(uri);
      if (index >= WARM) latencies.push(performance.now() - before);
    }
    return latencies;
  } finally {
    await client.stop();
  }
}

/**
 * An open file's exported method made async, then back, in turns: the time from that `didChange`
 * to the open dependent's pulled diagnostics, after the server asked for a refresh. The dependent
 * must show the floating call exactly while the method is async.
 */
async function ourCrossFile(dir, target, crossFile) {
  const client = await LspClient.start(dir);
  try {
    const dependent = await client.open(target, fs.readFileSync(target, 'utf8'));
    const file = path.join(dir, crossFile.file);
    const uri = await client.open(file, fs.readFileSync(file, 'utf8'));
    await client.diagnostics(uri);
    const base = (await client.diagnostics(dependent)).length;
    const latencies = [];
    for (let index = 0; index < WARM + CROSS_FILE_EDITS; index++) {
      const toAsync = index % 2 === 0;
      const [from, to] = toAsync ? [crossFile.from, crossFile.to] : [crossFile.to, crossFile.from];
      const refreshed = client.nextRefresh();
      const before = performance.now();
      await client.change(uri, [{ range: { start: { line: crossFile.line, character: 0 }, end: { line: crossFile.line, character: from.length } }, text: to }]);
      await refreshed;
      const found = (await client.diagnostics(dependent)).length;
      if (index >= WARM) latencies.push(performance.now() - before);
      if (found !== base + (toAsync ? 1 : 0)) throw new Error(`the dependent has ${found} finding(s) after edit ${index}, expected ${base + (toAsync ? 1 : 0)}`);
    }
    return latencies;
  } finally {
    await client.stop();
  }
}

function peerLatency(dir, target, editLine) {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'editor', 'eslint-peer.mjs'), dir, target, String(editLine), String(WARM), String(EDITS)], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`the ESLint peer failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()).latencies;
}

/** Start to the first diagnostics of `target`; then the other files opened and checked, and the RSS. */
async function ourColdStart(dir, files) {
  const started = performance.now();
  const client = await LspClient.start(dir);
  try {
    const uri = await client.open(files[0], fs.readFileSync(files[0], 'utf8'));
    await client.diagnostics(uri);
    const coldMs = performance.now() - started;
    for (const file of files.slice(1)) await client.diagnostics(await client.open(file, fs.readFileSync(file, 'utf8')));
    return { coldMs, rss: rssOf(client.pid) };
  } finally {
    await client.stop();
  }
}

async function tsserverColdStart(dir, files) {
  const started = performance.now();
  const server = TsServerClient.start();
  try {
    server.notify('open', { file: files[0], projectRootPath: dir });
    await server.request('semanticDiagnosticsSync', { file: files[0] });
    const coldMs = performance.now() - started;
    for (const file of files.slice(1)) {
      server.notify('open', { file, projectRootPath: dir });
      await server.request('semanticDiagnosticsSync', { file });
    }
    return { coldMs, rss: rssOf(server.pid) };
  } finally {
    await server.stop();
  }
}

async function measure(n) {
  const { dir, summary } = project(n);
  const target = path.join(dir, summary.editTarget.file);
  const { editLine } = summary.editTarget;
  process.stderr.write(`N=${n}: latency (asyncsense)…\n`);
  const ours = await ourLatency(dir, target, editLine);
  process.stderr.write(`N=${n}: cross-file edit (asyncsense)…\n`);
  const crossFile = await ourCrossFile(dir, target, summary.editTarget.crossFile);
  process.stderr.write(`N=${n}: latency (ESLint + typescript-eslint)…\n`);
  const peer = peerLatency(dir, target, editLine);
  const files = filesToOpen(dir, target, OPEN_FILES);
  const ourCold = [];
  const theirCold = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    process.stderr.write(`N=${n}: cold start and memory, run ${run + 1}/${COLD_RUNS}…\n`);
    ourCold.push(await ourColdStart(dir, files));
    theirCold.push(await tsserverColdStart(dir, files));
  }
  return {
    n, files: summary.files + 1, lines: summary.editTarget.lines,
    latency: {
      ours: { p50: percentile(ours, 50), p95: percentile(ours, 95) },
      peer: { p50: percentile(peer, 50), p95: percentile(peer, 95) },
    },
    crossFile: { p50: percentile(crossFile, 50), p95: percentile(crossFile, 95) },
    cold: { ours: percentile(ourCold.map((run) => run.coldMs), 50), tsserver: percentile(theirCold.map((run) => run.coldMs), 50) },
    rss: { ours: percentile(ourCold.map((run) => run.rss), 50), tsserver: percentile(theirCold.map((run) => run.rss), 50) },
  };
}

const ms = (value) => `${value.toFixed(1)} ms`;
const mib = (value) => `${(value / 2 ** 20).toFixed(0)} MiB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

/** The results as markdown rows, with the goal each is held to. */
function table(results) {
  const rows = ['| N | measure | asyncsense | peer | ratio | goal |', '|---|---|---|---|---|---|'];
  for (const r of results) {
    const { ours, peer } = r.latency;
    rows.push(`| ${r.n} | edit → diagnostics p50 | ${ms(ours.p50)} | ${ms(peer.p50)} (ESLint + typescript-eslint) | ${ratio(ours.p50, peer.p50)} | ≤ 20 ms, ≤ 0.3× |`);
    rows.push(`| ${r.n} | edit → diagnostics p95 | ${ms(ours.p95)} | ${ms(peer.p95)} (ESLint + typescript-eslint) | ${ratio(ours.p95, peer.p95)} | ≤ 50 ms, ≤ 0.3× |`);
    rows.push(`| ${r.n} | exported method made async → open dependent's diagnostics p50 / p95 | ${ms(r.crossFile.p50)} / ${ms(r.crossFile.p95)} | | | ≤ 500 ms |`);
    rows.push(`| ${r.n} | cold start → first diagnostics | ${ms(r.cold.ours)} | ${ms(r.cold.tsserver)} (tsserver) | ${ratio(r.cold.ours, r.cold.tsserver)} | ≤ 1.2× |`);
    rows.push(`| ${r.n} | RSS, ${OPEN_FILES} files open | ${mib(r.rss.ours)} | ${mib(r.rss.tsserver)} (tsserver) | ${ratio(r.rss.ours, r.rss.tsserver)} | ≤ 1.3× |`);
  }
  return rows.join('\n');
}

async function main(sizes) {
  const results = [];
  for (const n of sizes) results.push(await measure(n));
  return { results, table: table(results), settings: { warm: WARM, edits: EDITS, crossFileEdits: CROSS_FILE_EDITS, openFiles: OPEN_FILES, coldRuns: COLD_RUNS } };
}

if (require.main === module) runForSizes(main, [200, 2000]);

module.exports = { main };
