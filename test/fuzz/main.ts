/**
 * `npm run fuzz`: seeded fuzz inputs through each front end (the engine, ESLint, the language
 * server over stdio), then a long editing session against the server. Failing inputs are written
 * to `.fuzz/failures/<front end>/` with what went wrong, so each can become a fixture.
 *
 *   node test/dist/fuzz/main.js [--seed N] [--count N] [--edits N] [--only engine,eslint,server,session]
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';
import { runCampaign, type Target } from './campaign';
import { EngineTarget } from './engine-target';
import { EslintTarget } from './eslint-target';
import { runLongSession } from './long-session';
import { ServerTarget } from './server-target';
import { SLICE_SEED } from './slice';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

const seed = Number(option('seed', String(SLICE_SEED)));
const count = Number(option('count', '10000'));
const edits = Number(option('edits', '2000'));
const only = new Set(option('only', 'engine,eslint,server,session').split(','));
const out = path.join(REPO_ROOT, '.fuzz', 'failures');

/** Runs the campaign through one front end and prints what it came to; returns whether every input passed. */
async function fuzz(name: string, target: Target): Promise<boolean> {
  const dir = path.join(out, name);
  fs.rmSync(dir, { recursive: true, force: true });
  let written = 0;
  const report = await runCampaign(target, seed, count, (input, problems) => {
    fs.mkdirSync(dir, { recursive: true });
    const base = path.join(dir, `${String(++written).padStart(4, '0')}-${input.kind.replace(/[^a-z0-9]+/giu, '-')}`);
    fs.writeFileSync(`${base}${input.extension}`, input.text);
    fs.writeFileSync(`${base}.txt`, `${input.origin}: ${input.kind}\n\n${problems.map((p) => `${p.where}: ${p.message}`).join('\n\n')}\n`);
    console.log(`FAIL ${name} ${input.origin} (${input.kind}): ${problems.map((p) => `${p.where}: ${p.message.split('\n')[0]}`).join('; ')}`);
  });
  console.log(`${name}: ${report.inputs} inputs (seed ${seed}) in ${(report.milliseconds / 1000).toFixed(1)} s, ${report.failures.length} failing; `
    + `${report.findings} findings, ${report.fixes} fixes applied`);
  if (report.typescriptLimits.length > 0) {
    console.log(`  TypeScript itself cannot take ${report.typescriptLimits.length}: ${report.typescriptLimits.map((input) => `${input.origin} (${input.kind})`).join(', ')}`);
  }
  if (name === 'engine') console.log([...report.kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `  ${kind}: ${n}`).join('\n'));
  return report.failures.length === 0;
}

async function session(): Promise<boolean> {
  const report = await runLongSession(seed, edits, Math.floor(edits / 10));
  const growth = report.rssAtEnd / report.rssAfterWarmUp;
  console.log(`long session: ${report.edits} edits (seed ${seed}), ${report.pulls} pulls, ${report.cancelled} cancelled, ${report.reopened} reopened, `
    + `${report.reparses} times TypeScript failed an edit and the open files were parsed afresh; server ${report.serverAlive ? 'alive' : 'DEAD'}; `
    + `RSS ${(report.rssAfterWarmUp / 2 ** 20).toFixed(0)} MiB after warm-up, ${(report.rssAtEnd / 2 ** 20).toFixed(0)} MiB at the end (${((growth - 1) * 100).toFixed(1)}%); `
    + `${report.mismatches.length} files differ from a fresh server, ${report.errors.length} failed requests, ${report.outOfRange.length} diagnostics out of range`);
  for (const line of [...report.errors, ...report.mismatches, ...report.outOfRange]) console.log(`  ${line}`);
  return report.serverAlive && report.errors.length + report.mismatches.length + report.outOfRange.length === 0 && growth <= 1.15;
}

void (async () => {
  let passed = true;
  if (only.has('engine')) passed = await fuzz('engine', new EngineTarget()) && passed;
  if (only.has('eslint')) passed = await fuzz('eslint', new EslintTarget()) && passed;
  if (only.has('server')) {
    const server = new ServerTarget();
    try {
      passed = await fuzz('server', server) && passed;
    } finally {
      await server.stop();
    }
  }
  if (only.has('session')) passed = await session() && passed;
  process.exitCode = passed ? 0 : 1;
})();
