/**
 * `npm run fuzz`: seeded fuzz inputs through the engine. Failing inputs are written to
 * `.fuzz/failures/` with what went wrong, so each can become a fixture.
 *
 *   node test/dist/fuzz/main.js [--seed N] [--count N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';
import { runCampaign } from './campaign';
import { EngineTarget } from './engine-target';

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
process.exitCode = report.failures.length > 0 ? 1 : 0;
