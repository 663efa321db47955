/**
 * Every example in a rule's doc is run: an invalid one must report the rule, a valid one must not,
 * through the engine and through ESLint alike. Each example is a module type-checked against
 * @types/node, so a doc never shows code that would not compile.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ESLint } from 'eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import { rules, runRules } from 'eslint-plugin-asyncsense/engine';
import ts from 'typescript';
import { exampleFileName, markdownHeadings, readRuleDoc, type DocExample } from './doc-examples';
import { programForProject, sourceFileOf, writeTempProject } from './temp-project';
import {
  ALL_RULES_AT_ERROR, asLinterConfig, createTypedEslint, describeFatalMessages, lintFilesByPath,
} from './typed-eslint';

const REQUIRED_SECTIONS = ['examples', 'options', 'when not to use it'];
const docs = rules.map((rule) => readRuleDoc(rule.id));
const examples = docs.flatMap((doc) => doc.examples);

describe('rule docs', () => {
  let dir: string;
  let program: ts.Program;
  let eslintResults: Map<string, ESLint.LintResult>;
  const fileOf = (example: DocExample): string => path.join(dir, exampleFileName(example));

  before(async () => {
    dir = writeTempProject('docs', Object.fromEntries(examples.map((example) => [exampleFileName(example), example.code])));
    program = programForProject(dir);
    const eslint = createTypedEslint(dir, asLinterConfig(asyncsense.configs.all));
    eslintResults = await lintFilesByPath(eslint, examples.map(fileOf));
  });

  for (const doc of docs) {
    it(`${doc.ruleId}: has the sections ${REQUIRED_SECTIONS.join(', ')} and both kinds of example`, () => {
      assert.ok(doc.text !== undefined, `${doc.file} does not exist`);
      const headings = markdownHeadings(doc.text);
      for (const section of REQUIRED_SECTIONS) assert.ok(headings.includes(section), `${doc.file} has no "${section}" section`);
      const kinds = new Set(doc.examples.map((example) => example.kind));
      assert.deepEqual([...kinds].sort(), ['invalid', 'valid'], `${doc.file} needs a valid and an invalid example`);
    });
  }

  for (const example of examples) {
    it(`${example.ruleId}: example ${example.index} (${example.kind}, line ${example.line})`, () => {
      const sourceFile = sourceFileOf(program, fileOf(example));
      assert.ok(ts.isExternalModule(sourceFile), 'the example is not a module: add an import or `export {}`');
      const errors = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      assert.deepEqual(errors, [], 'the example does not type-check');

      const engine = runRules(sourceFile, program, { rules: ALL_RULES_AT_ERROR, suppressions: 'all' });
      assert.deepEqual(engine.failures, []);
      const engineCount = engine.findings.filter((finding) => finding.ruleId === example.ruleId).length;

      const result = eslintResults.get(fileOf(example))!;
      assert.deepEqual(describeFatalMessages(result), []);
      const eslintCount = result.messages.filter((message) => message.ruleId === `asyncsense/${example.ruleId}`).length;

      if (example.kind === 'invalid') {
        assert.ok(engineCount > 0, 'the engine reports nothing for an invalid example');
        assert.ok(eslintCount > 0, 'ESLint reports nothing for an invalid example');
      } else {
        assert.equal(engineCount, 0, 'the engine reports a valid example');
        assert.equal(eslintCount, 0, 'ESLint reports a valid example');
      }
    });
  }
});
