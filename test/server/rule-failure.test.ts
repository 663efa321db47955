import assert from 'node:assert/strict';
import { rules, type AnyRule } from 'eslint-plugin-asyncsense/engine';
import { LspSession } from './helpers/lsp-session';
import { createTempProject, STANDALONE_TSCONFIG, type TempProject } from './helpers/temp-project';

/** The rule made to fail, and the text that makes it fail. */
const FAILING = 'prefer-parallel-awaits';
const TRIGGER = '/* fail here */';

const SOURCE = [
  'declare function load(id: string): Promise<string>;',
  'export async function both(): Promise<void> {',
  '  const a = await load("a");',
  '  const b = await load("b");',
  '  load(a + b);',
  '}',
  '',
].join('\n');

describe('server: a rule that throws on a file', () => {
  let project: TempProject;
  let session: LspSession;
  let rule: AnyRule;
  let create: AnyRule['create'];

  beforeEach(() => {
    project = createTempProject({ 'tsconfig.json': STANDALONE_TSCONFIG, 'both.ts': TRIGGER + SOURCE });
    // The server in this process runs the same rule objects: this one throws while the file holds the trigger.
    rule = rules.find((candidate) => candidate.id === FAILING)!;
    create = rule.create;
    rule.create = (context) => {
      if (context.sourceFile.text.includes(TRIGGER)) throw new Error('cannot read this file');
      return create(context);
    };
  });

  afterEach(() => {
    rule.create = create;
    session?.dispose();
    project.remove();
  });

  it('is logged with its id, the file and the stack; the other rules still report; the next edit runs it again', async () => {
    session = await LspSession.start({ settings: { rules: { 'no-floating-promises': 'error', [FAILING]: 'error' } } });
    const uri = await session.open(project.file('both.ts'));
    assert.deepEqual((await session.pull(uri)).map((d) => d.code), ['no-floating-promises']);
    const logged = await session.waitForLog(new RegExp(`Rule ${FAILING} failed on .*both\\.ts`, 'u'));
    assert.match(logged.message, /cannot read this file\n\s+at /u, 'the log shows the stack');

    await session.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: TRIGGER.length } }, text: '' }]);
    assert.deepEqual((await session.pull(uri)).map((d) => d.code).sort(), ['no-floating-promises', FAILING]);
  });
});
