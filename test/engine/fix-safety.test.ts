import assert from 'node:assert/strict';
import { applyEdits, rules, runRules, type Finding } from 'eslint-plugin-asyncsense/engine';
import { fileDiagnostics, fixtureRuleIds, listFixtures, loadFixtureProgram, programOfFile, type Fixture } from '../helpers/fixtures';


/** The invalid fixtures of a rule whose findings offer suggestions (some shapes are reported without one). */
function fixturesWithSuggestions(ruleId: string): Fixture[] {
  const program = loadFixtureProgram();
  return listFixtures(ruleId).filter((fixture) => fixture.kind === 'invalid' && runRules(
    program.getSourceFile(fixture.file)!, program, { rules: { [ruleId]: 'warn' } },
  ).findings.some((finding) => finding.suggestions.length > 0));
}

describe('every suggestion keeps the program correct and removes its finding', () => {
  for (const ruleId of fixtureRuleIds()) {
    const withSuggestions = fixturesWithSuggestions(ruleId);

    it(`${ruleId} offers suggestions where its metadata says it does`, () => {
      const rule = rules.find((candidate) => candidate.id === ruleId)!;
      assert.equal(withSuggestions.length > 0, rule.meta.hasSuggestions === true);
    });

    for (const fixture of withSuggestions) {
      it(`${ruleId}/${fixture.name}`, () => {
        const config = { rules: { [ruleId]: 'warn' as const } };
        const shared = loadFixtureProgram();
        const text = shared.getSourceFile(fixture.file)!.text;
        // Before and after each fix, the fixture is checked in a program of its own, which must
        // find what the program of all fixtures finds.
        const program = programOfFile(shared, fixture.file, text);
        const sourceFile = program.getSourceFile(fixture.file)!;
        const before = fileDiagnostics(program, fixture.file);
        const { findings } = runRules(sourceFile, program, config);
        const where = (list: readonly Finding[]): string[] => list.map((finding) => `${finding.start}-${finding.end}: ${finding.message}`);
        assert.deepEqual(where(findings), where(runRules(shared.getSourceFile(fixture.file)!, shared, config).findings));
        let checked = 0;
        for (const finding of findings) {
          for (const suggestion of finding.suggestions) {
            const output = applyEdits(sourceFile.text, suggestion.edits());
            const fixed = programOfFile(shared, fixture.file, output);
            const label = `"${suggestion.title}" at offset ${finding.start}`;
            assert.deepEqual(fileDiagnostics(fixed, fixture.file), before, `${label} adds TypeScript errors`);
            const after = runRules(fixed.getSourceFile(fixture.file)!, fixed, config).findings;
            assert.ok(after.length < findings.length, `${label} does not remove its finding`);
            checked++;
          }
        }
        assert.ok(checked > 0);
      });
    }
  }
});
