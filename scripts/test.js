#!/usr/bin/env node
// Runs every test: mocha in one process per group of test files, as many groups at a time as the
// machine has cores, the longest first. A process per group keeps one group's caches (a program of
// every fixture, typescript-eslint's project service, a language server) from weighing on another's.
// Each group's output is printed whole when it ends, then a summary. Exits non-zero when a group
// fails, skips or focuses a test, or a compiled test has lost its source.
//
//   node scripts/test.js [--jobs N] [mocha options...]     e.g. --grep parity
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const MOCHA = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
/** The compiled tests: every `*.test.js` below it. */
const TEST_ROOT = path.join(ROOT, 'test', 'dist');

/**
 * Roughly how many seconds each group takes with another beside it on two cores: only the order
 * they start in depends on these. A group is a folder of test/dist, or a file named here, which
 * runs in a process of its own.
 */
const EXPECTED_SECONDS = {
  server: 145,
  engine: 125,
  'fuzz/eslint-slice.test.js': 100,
  'fuzz/server-slice.test.js': 70,
  'fuzz/engine-slice.test.js': 65,
  eslint: 65,
  vscode: 50,
  fuzz: 15,
};
const OWN_PROCESS = Object.keys(EXPECTED_SECONDS).filter((name) => name.endsWith('.test.js'));

function parseArguments(argv) {
  const mochaArgs = [];
  let jobs = Math.max(1, os.availableParallelism());
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs') jobs = Math.max(1, Number(argv[++i]) || 1);
    else mochaArgs.push(argv[i]);
  }
  return { jobs, mochaArgs };
}

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

/** The groups, longest first: each file of OWN_PROCESS alone, every other file with its folder. */
function groupsOf(files) {
  const groups = new Map();
  for (const file of files.sort()) {
    const relative = path.relative(TEST_ROOT, file).split(path.sep).join('/');
    const name = OWN_PROCESS.includes(relative) ? relative : relative.split('/')[0];
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(file);
  }
  const expected = (name) => EXPECTED_SECONDS[name] ?? 60;
  return [...groups].map(([name, groupFiles]) => ({ name, files: groupFiles })).sort((a, b) => expected(b.name) - expected(a.name));
}

/**
 * How long a group may run: longer than any test's own timeout (the editor test's 19 minutes), so
 * that only a process that never ends (a handle its tests left open) is stopped here.
 */
const GROUP_TIMEOUT_MS = 25 * 60_000;
/** How long the output of a group may stay open after mocha exits (held by a process its tests started). */
const OUTPUT_GRACE_MS = 5_000;

function runGroup(group, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    // A process group of its own, so that stopping it stops what its tests started.
    const child = spawn(process.execPath, [MOCHA, ...args, ...group.files], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timers = [setTimeout(() => {
      output += `\n(stopped after ${GROUP_TIMEOUT_MS / 60_000} minutes)\n`;
      stop(child, 'SIGKILL');
    }, GROUP_TIMEOUT_MS)];
    const finish = (code) => {
      if (!running.delete(child)) return;
      for (const timer of timers) clearTimeout(timer);
      // Whatever its tests left running goes with it.
      stop(child, 'SIGKILL');
      const count = (word) => Number(new RegExp(`(\\d+) ${word}`, 'u').exec(output)?.[1] ?? 0);
      resolve({ ...group, code, output, seconds: (Date.now() - started) / 1000, passing: count('passing'), failing: count('failing') });
    };
    child.on('close', (code, signal) => finish(code ?? signal));
    child.on('exit', (code, signal) => timers.push(setTimeout(() => finish(code ?? signal), OUTPUT_GRACE_MS)));
  });
}

function stop(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has ended already.
  }
}

function duration(seconds) {
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${seconds.toFixed(1)}s`;
}

const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) stop(child, signal);
    process.exit(130);
  });
}

async function main() {
  const { jobs, mochaArgs } = parseArguments(process.argv.slice(2));
  if (!fs.existsSync(TEST_ROOT)) {
    process.stderr.write(`no compiled tests in ${path.relative(ROOT, TEST_ROOT)}: run npm run build first\n`);
    process.exitCode = 1;
    return;
  }
  const files = testFiles(TEST_ROOT);
  // tsc leaves the output of a deleted test behind, and mocha would run it.
  const stale = files.filter((file) => !fs.existsSync(path.join(ROOT, 'test', path.relative(TEST_ROOT, file)).replace(/\.js$/u, '.ts')));
  if (stale.length > 0) {
    process.stderr.write(`compiled tests whose source is gone:\n  ${stale.map((file) => path.relative(ROOT, file)).join('\n  ')}\nremove test/dist and build again\n`);
    process.exitCode = 1;
    return;
  }
  const groups = groupsOf(files);
  // Mocha reads the rest of its options from .mocharc.json.
  const args = ['--forbid-only', '--forbid-pending', ...(process.stdout.isTTY ? ['--color'] : []), ...mochaArgs];
  const lanes = Math.min(jobs, groups.length);
  process.stdout.write(`asyncsense tests: ${groups.length} groups, ${lanes} at a time\n`);
  const started = Date.now();
  const queue = [...groups];
  const results = [];
  await Promise.all(Array.from({ length: lanes }, async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      process.stdout.write(`\n── started ${group.name} (${group.files.length} files)\n`);
      const result = await runGroup(group, args);
      results.push(result);
      process.stdout.write(`\n── ${result.name}: exit ${result.code}, ${result.passing} passing, ${result.failing} failing, ${duration(result.seconds)}\n${result.output}`);
    }
  }));
  process.stdout.write('\n── summary\n');
  for (const result of results) {
    process.stdout.write(`${result.code === 0 ? 'ok  ' : 'FAIL'} ${result.name.padEnd(28)} ${String(result.passing).padStart(5)} passing ${String(result.failing).padStart(3)} failing  ${duration(result.seconds).padStart(7)}  exit ${result.code}\n`);
  }
  const passing = results.reduce((sum, result) => sum + result.passing, 0);
  const failed = results.filter((result) => result.code !== 0);
  process.stdout.write(`${passing} passing in ${results.length} groups, ${failed.length} failed, ${duration((Date.now() - started) / 1000)} on ${lanes} lanes\n`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
