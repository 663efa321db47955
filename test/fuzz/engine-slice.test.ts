import assert from 'node:assert/strict';
import { runCampaign } from './campaign';
import { EngineTarget } from './engine-target';
import { MUTATION_KINDS } from './mutations';
import { failuresOf, SLICE_SEED, SLICE_TIMEOUT_MS } from './slice';

describe('fuzzing the engine (fixed-seed slice of npm run fuzz)', function () {
  this.timeout(SLICE_TIMEOUT_MS);

  it('runs 500 mutated and generated inputs through every rule and every fix of the engine without a failure', async () => {
    const report = await runCampaign(new EngineTarget(), SLICE_SEED, 500);
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
});
