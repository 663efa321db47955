import assert from 'node:assert/strict';
import ts from 'typescript';
import { fixtureRuleIds, listFixtures, loadFixtureProgram } from '../helpers/fixtures';

/**
 * A fixture with a type error tests less than it claims: an import that does not resolve is `any`,
 * and no rule can tell what a call of `any` does. Every fixture must type-check.
 */
describe('fixtures type-check', () => {
  for (const ruleId of fixtureRuleIds()) {
    it(`${ruleId} fixtures have no TypeScript errors`, () => {
      const program = loadFixtureProgram();
      const errors = listFixtures(ruleId).flatMap((fixture) => {
        const sourceFile = program.getSourceFile(fixture.file);
        assert.ok(sourceFile, `${fixture.file} is not part of fixtures/tsconfig.json`);
        return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
          .map((diagnostic) => `${fixture.name}: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
      });
      assert.deepEqual(errors, []);
    });
  }
});
