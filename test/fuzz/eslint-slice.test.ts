import assert from 'node:assert/strict';
import { runCampaign } from './campaign';
import { EslintTarget } from './eslint-target';
import { failuresOf, SLICE_SEED, SLICE_TIMEOUT_MS } from './slice';

describe('fuzzing ESLint (fixed-seed slice of npm run fuzz)', function () {
  this.timeout(SLICE_TIMEOUT_MS);

  it('runs 300 mutated and generated inputs through ESLint, which reports what the engine reports wherever the input parses', async () => {
    const report = await runCampaign(new EslintTarget(), SLICE_SEED, 300);
    assert.ok(report.findings >= 30 && report.fixes >= 30, `the inputs exercised little: ${report.findings} findings, ${report.fixes} fixes`);
    assert.deepEqual(failuresOf(report), []);
  });
});
