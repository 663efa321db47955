/**
 * Every suggestion for every finding in the generated benchmark project (200 files in packages
 * with project references), applied: the file adds no TypeScript error and loses that finding.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyEdits, rules, runRules, type RulesConfig } from 'eslint-plugin-asyncsense/engine';
import ts from 'typescript';
import { fileDiagnostics, programWithText, REPO_ROOT } from '../helpers/fixtures';

// The benchmark's JavaScript modules.
const { ensureProject } = require(path.join(REPO_ROOT, 'bench', 'generate-project.js')) as {
  ensureProject(n: number, dir: string): unknown;
};
const { generatedProjectProgram, RULE_OPTIONS } = require(path.join(REPO_ROOT, 'bench', 'generator', 'program.js')) as {
  generatedProjectProgram(dir: string): { program: ts.Program; files: ts.SourceFile[] };
  RULE_OPTIONS: Readonly<Record<string, unknown>>;
};

const CONFIG: RulesConfig = Object.fromEntries(rules.map((rule) => [rule.id, RULE_OPTIONS[rule.id] ? ['warn', RULE_OPTIONS[rule.id]] as const : 'warn']));


describe('every suggestion on the generated benchmark project keeps it correct and removes its finding', function () {
  this.timeout(300_000);

  it('applies each suggestion of each finding of every rule', () => {
    const dir = path.join(REPO_ROOT, '.e2e', 'bench', 'project-200');
    ensureProject(200, dir);
    const { program, files } = generatedProjectProgram(dir);
    const checkedByRule = new Map<string, number>();
    const problems: string[] = [];
    for (const sourceFile of files) {
      const { findings, failures } = runRules(sourceFile, program, { rules: CONFIG });
      assert.deepEqual(failures, []);
      if (!findings.some((finding) => finding.suggestions.length > 0)) continue;
      const before = fileDiagnostics(program, sourceFile.fileName);
      for (const finding of findings) {
        for (const suggestion of finding.suggestions) {
          const label = `${path.relative(dir, sourceFile.fileName)}: ${finding.ruleId} "${suggestion.title}" at offset ${finding.start}`;
          const fixed = programWithText(program, sourceFile.fileName, applyEdits(sourceFile.text, suggestion.edits()));
          const added = fileDiagnostics(fixed, sourceFile.fileName).filter((line) => !before.includes(line));
          if (added.length > 0) problems.push(`${label} adds ${added.join('; ')}`);
          const left = runRules(fixed.getSourceFile(sourceFile.fileName)!, fixed, { rules: CONFIG }).findings
            .filter((other) => other.ruleId === finding.ruleId);
          const had = findings.filter((other) => other.ruleId === finding.ruleId).length;
          if (left.length >= had) problems.push(`${label} does not remove its finding`);
          checkedByRule.set(finding.ruleId, (checkedByRule.get(finding.ruleId) ?? 0) + 1);
        }
      }
    }
    assert.deepEqual(problems, []);
    // The planted findings that come with fixes were reached (the project's loops, blocking calls and
    // retried effects are of shapes reported without one).
    const checked = JSON.stringify(Object.fromEntries(checkedByRule));
    for (const ruleId of ['no-floating-promises', 'no-unbounded-concurrency', 'prefer-parallel-awaits']) {
      assert.ok((checkedByRule.get(ruleId) ?? 0) > 0, `no suggestion of ${ruleId} was checked: ${checked}`);
    }
    assert.ok([...checkedByRule.values()].reduce((sum, count) => sum + count, 0) >= 20, `few suggestions checked: ${checked}`);
  });
});
