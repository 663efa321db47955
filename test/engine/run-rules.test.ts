import assert from 'node:assert/strict';
import ts from 'typescript';
import { resolveConfig, rules, runRules, runRulesWith, type AnyRule } from 'eslint-plugin-asyncsense/engine';
import { programForSource } from '../helpers/fixtures';

const SOURCE = 'declare function save(): Promise<void>;\nsave();\nexport {};\n';

const throwingRule: AnyRule = {
  id: 'always-throws',
  meta: { type: 'problem', description: 'throws', recommended: true, messages: {}, schema: [], defaultOptions: {} },
  create: () => ({ [ts.SyntaxKind.CallExpression]: () => { throw new Error('boom'); } }),
};

describe('the runner', () => {
  it('reports a throwing rule with its id and file, and still runs the others', () => {
    const { program, sourceFile } = programForSource(SOURCE);
    const result = runRulesWith([throwingRule, ...rules], sourceFile, program, { rules: {} });
    assert.equal(result.failures.length, 1);
    assert.equal(result.failures[0]!.ruleId, 'always-throws');
    assert.equal(result.failures[0]!.fileName, sourceFile.fileName);
    assert.match(String(result.failures[0]!.error), /boom/u);
    assert.deepEqual(result.findings.map((finding) => finding.ruleId), ['no-floating-promises']);
  });

  it('turns a checker TypeScript cannot build (its binder out of stack) into a failure of every enabled rule, without throwing', () => {
    const { program, sourceFile } = programForSource(SOURCE);
    const overflowing = new Proxy(program, {
      get: (target, key) => (key === 'getTypeChecker' ? () => { throw new RangeError('Maximum call stack size exceeded'); } : Reflect.get(target, key)),
    });
    const result = runRules(sourceFile, overflowing, { rules: { 'no-floating-promises': 'error', 'no-await-in-loop': 'warn' } });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.failures.map((failure) => [failure.ruleId, String(failure.error)]).sort(), [
      ['no-await-in-loop', 'RangeError: Maximum call stack size exceeded'],
      ['no-floating-promises', 'RangeError: Maximum call stack size exceeded'],
    ]);
  });

  it('takes severity and options in ESLint shape, with or without the plugin prefix', () => {
    const { program, sourceFile } = programForSource(SOURCE);
    assert.equal(runRules(sourceFile, program, { rules: { 'asyncsense/no-floating-promises': 'error' } }).findings[0]!.severity, 'error');
    assert.equal(runRules(sourceFile, program, { rules: { 'no-floating-promises': ['warn', {}] } }).findings[0]!.severity, 'warn');
    assert.equal(runRules(sourceFile, program, { rules: { 'no-floating-promises': 'off' } }).findings.length, 0);
    assert.equal(runRules(sourceFile, program, { rules: { 'no-floating-promises': 0 as never } }).findings.length, 0);
  });

  it('passes options through to the rule', () => {
    const { program, sourceFile } = programForSource(SOURCE);
    const options = { allowForKnownSafeCalls: ['save'] };
    assert.equal(runRules(sourceFile, program, { rules: { 'no-floating-promises': ['warn', options] } }).findings.length, 0);
  });

  it('says what is wrong with a configuration and keeps the rest', () => {
    const { rules: enabled, problems } = resolveConfig(rules, {
      'no-such-rule': 'warn',
      'no-floating-promises': ['loud' as never, 'not an object'],
    });
    assert.equal(enabled.length, 1);
    assert.deepEqual(problems, [
      'Unknown rule "no-such-rule" in the asyncsense rules setting; it is ignored.',
      'Rule "no-floating-promises" has severity "loud"; use "off", "warn" or "error". It stays at "warn".',
      'Rule "no-floating-promises" options must be an object; the defaults are used.',
    ]);
  });

  it('resolves a configuration once, and a new configuration afresh', () => {
    const config = { 'no-await-in-loop': 'warn' } as const;
    const first = resolveConfig(rules, config);
    assert.equal(resolveConfig(rules, config), first, 'the same rules and setting give the same answer');
    const other = resolveConfig(rules, { 'no-await-in-loop': 'off' });
    assert.ok(!other.rules.some((rule) => rule.rule.id === 'no-await-in-loop'));
    assert.ok(first.rules.some((rule) => rule.rule.id === 'no-await-in-loop'));
  });

  // TypeScript's own parser overflows the stack below 1,000 levels of nesting, before any rule runs.
  it('checks deeply nested code', () => {
    const depth = 300;
    const { program, sourceFile } = programForSource(`export const x = ${'['.repeat(depth)}${']'.repeat(depth)};\n`);
    assert.deepEqual(runRules(sourceFile, program, { rules: {} }).failures, []);
  });

  it('checks a file with syntax errors as far as it parses', () => {
    const { program, sourceFile } = programForSource('declare function save(): Promise<void>;\nsave();\nfunction broken( {\nexport {};\n');
    const result = runRules(sourceFile, program, { rules: {} });
    assert.deepEqual(result.failures, []);
    assert.equal(result.findings.length, 1);
  });
});

describe('the runner in code that can never run', () => {
  const floating = (source: string): number[] => {
    const { program, sourceFile } = programForSource(source);
    return runRules(sourceFile, program, { rules: { 'no-floating-promises': 'warn' } }).findings
      .map((finding) => sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1);
  };

  it('reports nothing after a return, throw, break or continue in the same statements, nor inside what follows them', () => {
    assert.deepEqual(floating([
      'declare function save(): Promise<void>;',
      'export function off(): number {',
      '  return 2;',
      '  save();',
      '  if (Math.random() > 0.5) { save(); }',
      '}',
      'export function failed(): void {',
      '  throw new Error("gone");',
      '  [1, 2].forEach(() => save());',
      '}',
      'export function each(items: number[], kind: string): void {',
      '  for (const item of items) { if (item) { continue; save(); } save(); }',
      '  switch (kind) { case "a": break; save(); default: save(); }',
      '}',
    ].join('\n')), [12, 13]);
  });

  it('reports after a return that only some paths take or that sits inside a block, and in a function declared after a return, which is hoisted', () => {
    assert.deepEqual(floating([
      'declare function save(): Promise<void>;',
      'export function maybe(skip: boolean): void {',
      '  if (skip) return;',
      '  save();',
      '  return helper();',
      '  function helper(): void { save(); }',
      '}',
      'export function tried(): void {',
      '  try { return; } finally { save(); }',
      '  save();',
      '}',
    ].join('\n')), [4, 6, 9, 10]);
  });
});

describe('the runner on a 20,000-line file', () => {
  it('reports every floating promise in it', () => {
    const lines = ['declare function save(id: number): Promise<void>;', 'export function run(): void {'];
    for (let i = 0; lines.length < 19_999; i++) lines.push(i % 100 === 0 ? `  save(${i});` : `  const v${i} = ${i} * 2; void v${i};`);
    lines.push('}');
    const { program, sourceFile } = programForSource(`${lines.join('\n')}\n`, 'huge.ts');
    const result = runRules(sourceFile, program, { rules: {} });
    assert.deepEqual(result.failures, []);
    assert.equal(result.findings.length, 200);
  });
});
