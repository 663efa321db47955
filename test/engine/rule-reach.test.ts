import assert from 'node:assert/strict';
import ts from 'typescript';
import { rules, runRules, runRulesWith, type AnyRule } from 'eslint-plugin-asyncsense/engine';
import { containsAwait } from 'eslint-plugin-asyncsense/internal/util/contains-await';
import { fixtureRuleIds, listFixtures, loadFixtureProgram, programForSource } from '../helpers/fixtures';

/** The flag the runner skips subtrees by (TypeScript's internal `TransformFlags.ContainsES2017`). */
const AWAIT_SUBTREE_FLAG = (ts as unknown as { TransformFlags: Record<string, number> }).TransformFlags['ContainsES2017']!;

/** Awaits in every place the grammar allows them, for the flag's sake. */
const AWAIT_EVERYWHERE = `
declare function work(): Promise<number>;
export const top = await work();
for await (const x of [work()]) void x;
export class Service {
  field = async () => { await work(); };
  static make = async function named() { return await work(); };
  async method(): Promise<void> { await work(); }
  async *stream(): AsyncGenerator<number> { yield await work(); }
  get value(): () => Promise<number> { return async () => (await work()) + 1; }
}
export const object = {
  async method() { return [await work(), { nested: async () => await work() }]; },
  [await work()]: 1,
};
namespace Inner { export const value = (async () => await work())(); }
export const inTemplate = \`\${await work()}\`;
export const inClass = class { async run() { try { await work(); } finally { await work(); } } };
export function withDefault(run = async () => { switch (1) { case 1: await work(); } }) { return run; }
`;

/** Every await expression of a file, and the ancestors of theirs that lack the flag. */
function awaitsAndAncestors(sourceFile: ts.SourceFile): { awaits: number; unflagged: string[] } {
  let awaits = 0;
  const unflagged: string[] = [];
  const ancestors: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isAwaitExpression(node)) {
      awaits++;
      for (const ancestor of [...ancestors, node]) {
        const flags = (ancestor as unknown as { transformFlags: number }).transformFlags;
        if ((flags & AWAIT_SUBTREE_FLAG) === 0) unflagged.push(`${ts.SyntaxKind[ancestor.kind]} at ${ancestor.pos}`);
      }
    }
    ancestors.push(node);
    ts.forEachChild(node, visit);
    ancestors.pop();
  };
  ts.forEachChild(sourceFile, visit);
  return { awaits, unflagged };
}

describe('the reach of a rule', () => {
  it('is marked by the parser on every node around an await, through every kind of function', () => {
    const { sourceFile } = programForSource(AWAIT_EVERYWHERE, 'everywhere.mts');
    const { awaits, unflagged } = awaitsAndAncestors(sourceFile);
    assert.equal(awaits, 14);
    assert.deepEqual(unflagged, []);
  });

  it('is marked around every await of every fixture', () => {
    const program = loadFixtureProgram();
    let awaits = 0;
    for (const ruleId of fixtureRuleIds()) {
      for (const fixture of listFixtures(ruleId)) {
        const result = awaitsAndAncestors(program.getSourceFile(fixture.file)!);
        awaits += result.awaits;
        assert.deepEqual(result.unflagged, [], fixture.file);
      }
    }
    assert.ok(awaits > 200, `${awaits} awaits`);
  });

  it('leaves the findings of each rule alone the same as with every rule on', () => {
    const program = loadFixtureProgram();
    const allOff = Object.fromEntries(rules.map((rule) => [rule.id, 'off' as const]));
    let compared = 0;
    for (const ruleId of fixtureRuleIds()) {
      for (const fixture of listFixtures(ruleId)) {
        const sourceFile = program.getSourceFile(fixture.file)!;
        const together = runRules(sourceFile, program, { rules: Object.fromEntries(rules.map((rule) => [rule.id, 'warn' as const])) });
        for (const rule of rules) {
          const alone = runRules(sourceFile, program, { rules: { ...allOff, [rule.id]: 'warn' } });
          const key = (finding: { ruleId: string; start: number; end: number }) => `${finding.ruleId}@${finding.start}-${finding.end}`;
          assert.deepEqual(alone.findings.map(key), together.findings.filter((finding) => finding.ruleId === rule.id).map(key), `${rule.id} on ${fixture.file}`);
          compared += alone.findings.length;
        }
      }
    }
    assert.ok(compared > 90, `${compared} findings compared`);
  });

  it('skips the subtrees without await, and files whose text is out of reach', () => {
    const seen: string[] = [];
    const record = (id: string) => (node: ts.Node): void => {
      seen.push(`${id}:${ts.isFunctionDeclaration(node) ? node.name!.text : ts.SyntaxKind[node.kind]}`);
    };
    const spy = (id: string, reach: AnyRule['reach']): AnyRule => ({
      id, reach,
      meta: { type: 'problem', description: id, recommended: false, messages: {}, schema: [], defaultOptions: {} },
      create: () => ({
        [ts.SyntaxKind.FunctionDeclaration]: record(id),
        [ts.SyntaxKind.ReturnStatement]: record(id),
        [ts.SyntaxKind.AwaitExpression]: record(id),
      }),
    });
    const { program, sourceFile } = programForSource('export function plain() { return calm; }\nexport async function busy() { await storm; }\n');
    const config = { rules: { awaits: 'warn', text: 'warn' } } as const;

    runRulesWith([spy('awaits', { awaitsOnly: true })], sourceFile, program, config);
    assert.deepEqual(seen, ['awaits:busy', 'awaits:AwaitExpression'], 'only the subtree with an await is walked');

    seen.length = 0;
    runRulesWith([spy('awaits', { awaitsOnly: true }), spy('text', { text: /\bhurricane\b/u })], sourceFile, program, config);
    assert.deepEqual(seen, ['awaits:busy', 'awaits:AwaitExpression'], 'a rule whose text is absent is not run and does not widen the walk');

    seen.length = 0;
    runRulesWith([spy('awaits', { awaitsOnly: true }), spy('text', { text: /\bcalm\b/u })], sourceFile, program, config);
    assert.deepEqual(seen.filter((entry) => entry.startsWith('awaits:')),
      ['awaits:plain', 'awaits:ReturnStatement', 'awaits:busy', 'awaits:AwaitExpression'],
      'a rule whose text occurs widens the walk to the subtrees that hold it');

    seen.length = 0;
    runRulesWith([spy('text', { text: /\bstorm\b/u })], sourceFile, program, { rules: { text: 'warn' } });
    assert.deepEqual(seen, ['text:busy', 'text:AwaitExpression'], 'a rule with text alone walks only the subtrees that hold it');

    seen.length = 0;
    runRulesWith([spy('text', { text: /\bstorm\b/u }), spy('anywhere', undefined)], sourceFile, program, { rules: { text: 'warn', anywhere: 'warn' } });
    assert.deepEqual(seen.filter((entry) => entry.startsWith('text:')),
      ['text:plain', 'text:ReturnStatement', 'text:busy', 'text:AwaitExpression'],
      'a rule without reach makes the walk whole');

    seen.length = 0;
    runRulesWith([spy('file', { files: ({ program: given }) => new Set(given.getSourceFiles()) })], sourceFile, program, { rules: { file: 'warn' } });
    assert.deepEqual(seen, ['file:plain', 'file:ReturnStatement', 'file:busy', 'file:AwaitExpression'],
      'a rule whose files hold this one walks the whole file');

    seen.length = 0;
    runRulesWith([spy('file', { files: () => new Set() })], sourceFile, program, { rules: { file: 'warn' } });
    assert.deepEqual(seen, [], 'a rule whose files leave this one out is not run');

    seen.length = 0;
    const computed = spy('computed', { text: ({ program: given }) => (given === program ? /\bcalm\b/u : undefined) });
    runRulesWith([computed], sourceFile, program, { rules: { computed: 'warn' } });
    assert.deepEqual(seen, ['computed:plain', 'computed:ReturnStatement'], 'a text computed for the program reaches like a fixed one');
  });
});

describe('containsAwait', () => {
  it('agrees with a walk of the tree on every node of every fixture', () => {
    const program = loadFixtureProgram();
    const walk = (node: ts.Node): boolean => {
      if (ts.isAwaitExpression(node)) return true;
      return ts.forEachChild(node, (child) => !ts.isFunctionLike(child) && walk(child)) ?? false;
    };
    let nodes = 0;
    let withAwait = 0;
    for (const ruleId of fixtureRuleIds()) {
      for (const fixture of listFixtures(ruleId)) {
        const visit = (node: ts.Node): void => {
          const expected = !ts.isFunctionLike(node) && walk(node);
          assert.equal(containsAwait(node), expected, `${ts.SyntaxKind[node.kind]} at ${node.pos} in ${fixture.file}`);
          nodes++;
          if (expected) withAwait++;
          ts.forEachChild(node, visit);
        };
        visit(program.getSourceFile(fixture.file)!);
      }
    }
    assert.ok(nodes > 10_000 && withAwait > 500, `${nodes} nodes, ${withAwait} with an await`);
  });
});
