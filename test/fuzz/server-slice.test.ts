import assert from 'node:assert/strict';
import { runCampaign } from './campaign';
import { ServerTarget } from './server-target';
import { failuresOf, SLICE_SEED, SLICE_TIMEOUT_MS } from './slice';

describe('fuzzing the language server (fixed-seed slice of npm run fuzz)', function () {
  this.timeout(SLICE_TIMEOUT_MS);

  it('runs 300 mutated and generated inputs through the language server over stdio, which stays up and answers every request with edits that apply', async () => {
    const server = new ServerTarget();
    try {
      const report = await runCampaign(server, SLICE_SEED, 300);
      assert.ok(report.findings >= 30 && report.fixes >= 30, `the inputs exercised little: ${report.findings} findings, ${report.fixes} fixes`);
      assert.deepEqual(failuresOf(report), []);
    } finally {
      await server.stop();
    }
  });
});
