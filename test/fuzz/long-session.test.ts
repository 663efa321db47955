import assert from 'node:assert/strict';
import { runLongSession } from './long-session';

/**
 * The slice of `npm run fuzz`'s long session that runs with every test run: 100 edits of warm-up,
 * then 200 more. This seed's edits trip TypeScript's incremental parser on one file (a "Debug
 * Failure" in `adjustIntersectingElement`), so the slice also proves the server parses the open
 * files afresh and goes on.
 */
const SEED = 2;

describe('a long editing session over LSP (slice of npm run fuzz)', function () {
  this.timeout(180_000);

  it('survives random edits, cancelled pulls, code actions, closes and reopens, ends as a fresh server would, and keeps its memory', async () => {
    const report = await runLongSession(SEED, 300, 100);
    assert.ok(report.serverAlive, 'the server process died');
    assert.deepEqual(report.errors, [], 'requests failed during the session');
    assert.deepEqual(report.outOfRange, [], 'diagnostics outside their document');
    assert.deepEqual(report.mismatches, [], 'final diagnostics differ from a fresh server on the same texts');
    assert.ok(report.pulls > 10 && report.cancelled > 5 && report.reopened > 0, `little was exercised: ${JSON.stringify(report)}`);
    assert.ok(report.reparses >= 1, 'the seed no longer trips TypeScript\'s incremental parser: pick one that does');
    assert.ok(report.rssAtEnd <= report.rssAfterWarmUp * 1.15,
      `RSS grew from ${mb(report.rssAfterWarmUp)} after the warm-up to ${mb(report.rssAtEnd)} (more than 15%)`);
  });
});

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
