/**
 * Parity: the same fixtures through the engine and through ESLint (typescript-eslint parser,
 * projectService) yield the same findings, ranges, messages and suggestion outputs.
 */
import assert from 'node:assert/strict';
import type { ESLint } from 'eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import { rules, runRules } from 'eslint-plugin-asyncsense/engine';
import { FIXTURES_DIR, fixtureRuleIds, listFixtures, loadFixtureProgram } from '../helpers/fixtures';
import {
  ALL_RULES_AT_ERROR, asLinterConfig, createTypedEslint, describeFatalMessages, engineFindingToComparable,
  eslintMessageToComparable, lintFilesByPath, type ComparableFinding,
} from './typed-eslint';
import { sourceFileOf } from './temp-project';

const ruleIds = rules.map((rule) => rule.id);
const fixtures = ruleIds.flatMap((ruleId) => (fixtureRuleIds().includes(ruleId) ? listFixtures(ruleId) : []));

describe('ESLint parity with the engine over fixtures/', () => {
  let eslintResults: Map<string, ESLint.LintResult>;

  before(async () => {
    // Fixtures may carry directives for rules that are not loaded here; those are not our findings.
    const eslint = createTypedEslint(FIXTURES_DIR, asLinterConfig(asyncsense.configs.all), {
      reportUnusedDisableDirectives: 'off',
    });
    eslintResults = await lintFilesByPath(eslint, fixtures.map((fixture) => fixture.file));
  });

  it('has a fixture folder with valid and invalid scenarios for every rule', () => {
    for (const ruleId of ruleIds) {
      const kinds = new Set(listFixtures(ruleId).map((fixture) => fixture.kind));
      assert.deepEqual([...kinds].sort(), ['invalid', 'valid'], `fixtures/${ruleId}/`);
    }
  });

  for (const fixture of fixtures) {
    it(`${fixture.ruleId}/${fixture.name}`, () => {
      const program = loadFixtureProgram();
      const sourceFile = sourceFileOf(program, fixture.file);
      const engine = runRules(sourceFile, program, { rules: ALL_RULES_AT_ERROR, suppressions: 'all' });
      assert.deepEqual(engine.failures, [], 'the engine reported rule failures');
      const expected = engine.findings.map((finding) => engineFindingToComparable(finding, sourceFile));

      const result = eslintResults.get(fixture.file)!;
      assert.deepEqual(describeFatalMessages(result), [], 'ESLint could not lint the fixture');
      const actual: ComparableFinding[] = result.messages
        .map((message) => eslintMessageToComparable(message, sourceFile.text));

      assert.deepEqual(actual, expected);
      // A fixture is valid for its own rule; another rule may rightly report on it, and both
      // front ends must then agree on that too.
      const own = expected.filter((finding) => finding.ruleId === `asyncsense/${fixture.ruleId}`);
      if (fixture.kind === 'valid') assert.deepEqual(own, [], 'a valid fixture has findings of its rule');
      else assert.ok(own.length > 0, 'an invalid fixture has no finding of its rule');
    });
  }
});
