/**
 * The conversion itself, with small engine rules made for the purpose: safe suggestions become
 * ESLint fixes only for fixable rules, options reach the engine, the rules of a file share one
 * walk, and a rule that throws stops ESLint with its name and file.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import type { AnyRule } from 'eslint-plugin-asyncsense/engine';
import ts from 'typescript';
import type * as Converter from '../../rules/eslint/engine-rule-to-eslint-rule';
import { REPO_ROOT } from '../helpers/fixtures';
import { writeTempProject } from './temp-project';
import { asLinterConfig, createTypedEslint } from './typed-eslint';

// The converter is internal to the package (not in its exports map), so it is loaded from the build.
const { engineRuleToEslintRule } = require(path.join(REPO_ROOT, 'rules', 'dist', 'eslint', 'engine-rule-to-eslint-rule.js')) as typeof Converter;

/** Reports calls of `legacyLog`; renaming is safe, removing is not. */
function renameRule(fixable: boolean): AnyRule {
  return {
    id: fixable ? 'rename-fixable' : 'rename-suggest-only',
    meta: {
      type: 'suggestion',
      description: 'Reports calls of legacyLog.',
      recommended: false,
      messages: { legacy: '`{{name}}` is deprecated.', rename: 'Rename to `log`.', remove: 'Remove the call.' },
      schema: [],
      defaultOptions: {},
      fixable,
    },
    create(context) {
      return {
        [ts.SyntaxKind.CallExpression]: (node) => {
          const call = node as ts.CallExpression;
          if (!ts.isIdentifier(call.expression) || call.expression.text !== 'legacyLog') return;
          const callee = call.expression;
          context.report({
            messageId: 'legacy',
            data: { name: callee.text },
            start: call.getStart(context.sourceFile),
            end: call.getEnd(),
            suggestions: [
              { messageId: 'remove', edits: () => [{ start: call.getStart(context.sourceFile), end: call.getEnd(), newText: 'undefined' }] },
              { messageId: 'rename', safe: true, edits: () => [{ start: callee.getStart(context.sourceFile), end: callee.getEnd(), newText: 'log' }] },
            ],
          });
        },
      };
    },
  };
}

const throwingRule: AnyRule = {
  id: 'always-throws',
  meta: { type: 'problem', description: 'Throws.', recommended: false, messages: { never: 'Never.' }, schema: [], defaultOptions: {} },
  create: () => ({
    [ts.SyntaxKind.SourceFile]: () => {
      throw new TypeError('cannot read the checker');
    },
  }),
};

const CODE = `declare function legacyLog(message: string): void;
declare function log(message: string): void;
legacyLog('starting');
log('started');
`;

const TWO_FLOATING = `export async function save(): Promise<void> {}
export async function load(): Promise<void> {}
save();
load();
`;

function configFor(rule: AnyRule): Linter.Config {
  return {
    plugins: { asyncsense: { rules: { [rule.id]: engineRuleToEslintRule(rule) } } } as unknown as Linter.Config['plugins'],
    rules: { [`asyncsense/${rule.id}`]: 'error' },
  };
}

describe('the ESLint front end', () => {
  let dir: string;
  const lintOne = async (rule: AnyRule): Promise<ESLint.LintResult> => {
    const [result] = await createTypedEslint(dir, configFor(rule)).lintFiles([path.join(dir, 'legacy.ts')]);
    return result!;
  };

  before(() => {
    dir = writeTempProject('front-end', { 'legacy.ts': CODE, 'two-floating.ts': TWO_FLOATING });
  });

  it('offers every suggestion and makes the safe one the fix of a fixable rule', async () => {
    const { messages } = await lintOne(renameRule(true));
    assert.equal(messages.length, 1);
    const [message] = messages;
    assert.equal(message!.message, '`legacyLog` is deprecated.');
    assert.deepEqual([message!.line, message!.column, message!.endLine, message!.endColumn], [3, 1, 3, 22]);
    assert.deepEqual(message!.suggestions?.map((suggestion) => [suggestion.desc, suggestion.fix.text]), [
      ['Remove the call.', 'undefined'],
      ['Rename to `log`.', 'log'],
    ]);
    assert.deepEqual(message!.fix, { range: [CODE.indexOf("legacyLog('"), CODE.indexOf("legacyLog('") + 'legacyLog'.length], text: 'log' });
  });

  it('gives no fix, only suggestions, for a rule that is not fixable', async () => {
    const { messages } = await lintOne(renameRule(false));
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.fix, undefined);
    assert.equal(messages[0]!.suggestions?.length, 2);
  });

  it("passes the user's options to the engine rule, merged over its defaults", async () => {
    const lintWith = async (setting: Linter.RuleEntry): Promise<number[]> => {
      const eslint = createTypedEslint(dir, {
        ...asLinterConfig(asyncsense.configs.all),
        rules: { 'asyncsense/no-floating-promises': setting },
      });
      const [result] = await eslint.lintFiles([path.join(dir, 'two-floating.ts')]);
      return result!.messages.map((message) => message.line);
    };
    assert.deepEqual(await lintWith('error'), [3, 4]);
    assert.deepEqual(await lintWith(['error', { allowForKnownSafeCalls: ['save'] }]), [4]);
  });

  it('checks a file with all its asyncsense rules in one walk, each reporting its own findings', async () => {
    const visits: string[] = [];
    const recorder = (id: string): AnyRule => ({
      id,
      meta: { type: 'problem', description: 'Records calls.', recommended: false, messages: { call: 'Call.' }, schema: [], defaultOptions: {} },
      create: (context) => ({
        [ts.SyntaxKind.CallExpression]: (node) => {
          visits.push(`${id}@${node.getStart(context.sourceFile)}`);
          context.report({ messageId: 'call', start: node.getStart(context.sourceFile), end: node.getEnd() });
        },
      }),
    });
    const [first, second] = [recorder('record-first'), recorder('record-second')];
    const eslint = createTypedEslint(dir, {
      plugins: { asyncsense: { rules: { [first.id]: engineRuleToEslintRule(first), [second.id]: engineRuleToEslintRule(second) } } } as unknown as Linter.Config['plugins'],
      rules: { 'asyncsense/record-first': 'error', 'asyncsense/record-second': 'error' },
    });
    const [result] = await eslint.lintFiles([path.join(dir, 'legacy.ts')]);
    const [a, b] = [CODE.indexOf("legacyLog('"), CODE.indexOf("log('started")];
    // One walk visits each node once for every rule before moving on; two walks would list one
    // rule's visits, then the other's.
    assert.deepEqual(visits, [`record-first@${a}`, `record-second@${a}`, `record-first@${b}`, `record-second@${b}`]);
    assert.deepEqual(result!.messages.map((message) => `${message.ruleId}:${message.line}`),
      ['asyncsense/record-first:3', 'asyncsense/record-second:3', 'asyncsense/record-first:4', 'asyncsense/record-second:4']);
  });

  it('stops with the rule, the file and the cause when a rule throws', async () => {
    await assert.rejects(lintOne(throwingRule), (error: Error) => {
      assert.match(error.message, /asyncsense\/always-throws failed while checking .*legacy\.ts: cannot read the checker/u);
      assert.ok(error.cause instanceof TypeError);
      return true;
    });
  });
});
