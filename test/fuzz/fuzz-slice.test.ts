import assert from 'node:assert/strict';
import { runCampaign } from './campaign';
import { EngineTarget } from './engine-target';
import { MUTATION_KINDS } from './mutations';

/** The fixed-seed slice of `npm run fuzz` that runs with every test run. */
const SEED = 20261123;
const COUNT = 500;

describe('fuzzing the engine (fixed-seed slice of npm run fuzz)', function () {
  this.timeout(300_000);

  it(`runs ${COUNT} mutated and generated inputs through every rule and every fix without a failure`, () => {
    const report = runCampaign(new EngineTarget(), SEED, COUNT);
    assert.equal(report.inputs, COUNT);
    // The slice exercises every mutation and every generated input, so a green run means something.
    for (const kind of [...MUTATION_KINDS, 'nested parentheses', '1 MB on one line', 'random bytes', 'JSX in .tsx']) {
      assert.ok((report.kinds.get(kind) ?? 0) > 0, `no input of kind "${kind}"`);
    }
    assert.ok(report.findings >= 100 && report.fixes >= 100, `the inputs exercised little: ${report.findings} findings, ${report.fixes} fixes`);
    const failures = report.failures.map(({ input, problems }) => `${input.origin} (${input.kind}): ${problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
    assert.deepEqual(failures, []);
    // Only the generated deep nesting is beyond TypeScript itself; no mutated fixture is.
    assert.deepEqual(report.typescriptLimits.filter((input) => input.origin !== 'generated').map((input) => input.origin), []);
  });
});
