import assert from 'node:assert/strict';
import ts from 'typescript';
import { applyEdits, runRules } from 'eslint-plugin-asyncsense/engine';
import { fixtureRuleIds, listFixtures, loadFixtureProgram, programWithText } from '../helpers/fixtures';

/** Diagnostics as comparable strings: code and message, positions left out since fixes move text. */
function diagnosticsOf(program: ts.Program, file: string): string[] {
  const sourceFile = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
    .map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
    .sort();
}

describe('every suggestion keeps the program correct and removes its finding', () => {
  for (const ruleId of fixtureRuleIds()) {
    for (const fixture of listFixtures(ruleId).filter((f) => f.kind === 'invalid')) {
      it(`${ruleId}/${fixture.name}`, () => {
        const program = loadFixtureProgram();
        const sourceFile = program.getSourceFile(fixture.file)!;
        const before = diagnosticsOf(program, fixture.file);
        const { findings } = runRules(sourceFile, program, { rules: { [ruleId]: 'warn' } });
        let checked = 0;
        for (const finding of findings) {
          for (const suggestion of finding.suggestions) {
            const output = applyEdits(sourceFile.text, suggestion.edits());
            const fixed = programWithText(program, fixture.file, output);
            const label = `"${suggestion.title}" at offset ${finding.start}`;
            assert.deepEqual(diagnosticsOf(fixed, fixture.file), before, `${label} adds TypeScript errors`);
            const after = runRules(fixed.getSourceFile(fixture.file)!, fixed, { rules: { [ruleId]: 'warn' } }).findings;
            assert.ok(after.length < findings.length, `${label} does not remove its finding`);
            checked++;
          }
        }
        assert.ok(checked > 0, 'an invalid fixture should offer at least one suggestion');
      });
    }
  }
});
