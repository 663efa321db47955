import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runRules, type RunResult } from 'eslint-plugin-asyncsense/engine';
import { FIXTURES_DIR, fixtureRuleIds, listFixtures, loadFixtureProgram } from '../helpers/fixtures';
import { renderSnapshot, snapshotPath } from '../helpers/snapshots';

/** `UPDATE_SNAPSHOTS=1 npm test` rewrites them; CI never does, so a stale snapshot fails. */
const UPDATE = process.env['UPDATE_SNAPSHOTS'] === '1' && process.env['CI'] !== 'true';

describe('fixtures through the engine match their snapshots', () => {
  for (const ruleId of fixtureRuleIds()) {
    describe(ruleId, () => {
      for (const fixture of listFixtures(ruleId)) {
        it(fixture.name, () => {
          const program = loadFixtureProgram();
          const sourceFile = program.getSourceFile(fixture.file);
          assert.ok(sourceFile, `${fixture.file} is not part of fixtures/tsconfig.json`);
          const result: RunResult = runRules(sourceFile, program, { rules: { [ruleId]: 'warn' } });
          assert.deepEqual(result.failures, [], 'no rule may throw on a fixture');
          const own = result.findings.filter((finding) => finding.ruleId === ruleId);
          if (fixture.kind === 'valid') assert.equal(own.length, 0, `valid fixture reported: ${own.map((f) => f.message).join('; ')}`);
          else assert.ok(own.length > 0, 'invalid fixture reported nothing');
          const rendered = renderSnapshot(`${ruleId}: ${fixture.name}`, sourceFile, result.findings);
          const file = snapshotPath(fixture.file);
          if (UPDATE) fs.writeFileSync(file, rendered);
          assert.ok(fs.existsSync(file), `missing snapshot ${path.relative(FIXTURES_DIR, file)}: run UPDATE_SNAPSHOTS=1 npm test and read it`);
          assert.equal(rendered, fs.readFileSync(file, 'utf8'));
        });
      }
    });
  }

  it('leaves no snapshot without its fixture', () => {
    for (const ruleId of fixtureRuleIds()) {
      const dir = path.join(FIXTURES_DIR, ruleId);
      const fixtures = new Set(listFixtures(ruleId).map((fixture) => snapshotPath(fixture.file)));
      const orphans = fs.readdirSync(dir).filter((name) => name.endsWith('.snap.md'))
        .map((name) => path.join(dir, name)).filter((file) => !fixtures.has(file));
      assert.deepEqual(orphans, []);
    }
  });
});
