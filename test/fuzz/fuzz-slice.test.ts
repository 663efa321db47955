import assert from 'node:assert/strict';
import { runCampaign, type CampaignReport } from './campaign';
import { EngineTarget } from './engine-target';
import { EslintTarget } from './eslint-target';
import { MUTATION_KINDS } from './mutations';
import { ServerTarget } from './server-target';

/** The fixed-seed slices of `npm run fuzz` that run with every test run. */
const SEED = 20261123;

function failuresOf(report: CampaignReport): string[] {
  return report.failures.map(({ input, problems }) => `${input.origin} (${input.kind}): ${problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
}

describe('fuzzing (fixed-seed slices of npm run fuzz)', function () {
  this.timeout(300_000);

  it('runs 500 mutated and generated inputs through every rule and every fix of the engine without a failure', async () => {
    const report = await runCampaign(new EngineTarget(), SEED, 500);
    assert.equal(report.inputs, 500);
    // The slice exercises every mutation and every generated input, so a green run means something.
    for (const kind of [...MUTATION_KINDS, 'nested parentheses', '1 MB on one line', 'random bytes', 'JSX in .tsx']) {
      assert.ok((report.kinds.get(kind) ?? 0) > 0, `no input of kind "${kind}"`);
    }
    assert.ok(report.findings >= 100 && report.fixes >= 100, `the inputs exercised little: ${report.findings} findings, ${report.fixes} fixes`);
    assert.deepEqual(failuresOf(report), []);
    // Only the generated deep nesting is beyond TypeScript itself; no mutated fixture is.
    assert.deepEqual(report.typescriptLimits.filter((input) => input.origin !== 'generated').map((input) => input.origin), []);
  });

  it('runs 300 of them through ESLint, which reports what the engine reports wherever the input parses', async () => {
    const report = await runCampaign(new EslintTarget(), SEED, 300);
    assert.ok(report.findings >= 30 && report.fixes >= 30, `the inputs exercised little: ${report.findings} findings, ${report.fixes} fixes`);
    assert.deepEqual(failuresOf(report), []);
  });

  it('runs 300 of them through the language server over stdio, which stays up and answers every request with edits that apply', async () => {
    const server = new ServerTarget();
    try {
      const report = await runCampaign(server, SEED, 300);
      assert.ok(report.findings >= 30 && report.fixes >= 30, `the inputs exercised little: ${report.findings} findings, ${report.fixes} fixes`);
      assert.deepEqual(failuresOf(report), []);
    } finally {
      await server.stop();
    }
  });
});
