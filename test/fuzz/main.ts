/**
 * `npm run fuzz`: seeded fuzz inputs through the engine, then a long editing session against the
 * server over LSP. Failing inputs are written to `.fuzz/failures/` with what went wrong, so each
 * can become a fixture.
 *
 *   node test/dist/fuzz/main.js [--seed N] [--count N] [--edits N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';
import { runCampaign } from './campaign';
import { EngineTarget } from './engine-target';
import { runLongSession } from './long-session';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const seed = option('seed', 20261123);
const count = option('count', 10_000);
const out = path.join(REPO_ROOT, '.fuzz', 'failures');
fs.rmSync(out, { recursive: true, force: true });
let written = 0;
const report = runCampaign(new EngineTarget(), seed, count, (input, problems) => {
  fs.mkdirSync(out, { recursive: true });
  const base = path.join(out, `${String(++written).padStart(4, '0')}-${input.kind.replace(/[^a-z0-9]+/giu, '-')}`);
  fs.writeFileSync(`${base}${input.extension}`, input.text);
  fs.writeFileSync(`${base}.txt`, `${input.origin}: ${input.kind}\n\n${problems.map((p) => `${p.where}: ${p.message}`).join('\n\n')}\n`);
  console.log(`FAIL ${input.origin} (${input.kind}): ${problems.map((p) => `${p.where}: ${p.message.split('\n')[0]}`).join('; ')}`);
});
console.log(`engine: ${report.inputs} inputs (seed ${seed}) in ${(report.milliseconds / 1000).toFixed(1)} s, ${report.failures.length} failing; ${report.findings} findings, ${report.fixes} fixes applied`);
if (report.typescriptLimits.length > 0) {
  console.log(`TypeScript itself overflows the stack on ${report.typescriptLimits.length}: ${report.typescriptLimits.map((input) => `${input.origin} (${input.kind})`).join(', ')}`);
}
console.log([...report.kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `  ${kind}: ${n}`).join('\n'));

void (async () => {
  const edits = option('edits', 2000);
  const session = await runLongSession(seed, edits, Math.floor(edits / 10));
  const growth = session.rssAtEnd / session.rssAfterWarmUp;
  console.log(`long session: ${session.edits} edits (seed ${seed}), ${session.pulls} pulls, ${session.cancelled} cancelled, ${session.reopened} reopened, `
    + `${session.reparses} times TypeScript failed an edit and the open files were parsed afresh; server ${session.serverAlive ? 'alive' : 'DEAD'}; `
    + `RSS ${(session.rssAfterWarmUp / 2 ** 20).toFixed(0)} MiB after warm-up, ${(session.rssAtEnd / 2 ** 20).toFixed(0)} MiB at the end (${((growth - 1) * 100).toFixed(1)}%); `
    + `${session.mismatches.length} files differ from a fresh server, ${session.errors.length} failed requests, ${session.outOfRange.length} diagnostics out of range`);
  for (const line of [...session.errors, ...session.mismatches, ...session.outOfRange]) console.log(`  ${line}`);
  const sessionFailed = !session.serverAlive || session.errors.length + session.mismatches.length + session.outOfRange.length > 0 || growth > 1.15;
  process.exitCode = report.failures.length > 0 || sessionFailed ? 1 : 0;
})();
