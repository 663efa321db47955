import assert from 'node:assert/strict';
import { ErrorCodes, LSPErrorCodes, CancellationTokenSource } from 'vscode-languageserver-protocol';
import { LspSession } from './helpers/lsp-session';
import { createTempProject, STANDALONE_TSCONFIG, type TempProject } from './helpers/temp-project';

const FLOATING = 'declare function save(): Promise<void>;\nexport async function run(): Promise<void> {\n  save();\n}\n';

/** Rejects unless the request fails with the given JSON-RPC error code. */
async function assertFailsWith(request: Promise<unknown>, code: number): Promise<void> {
  await assert.rejects(request, (error: { code?: number }) => {
    assert.equal(error.code, code);
    return true;
  });
}

describe('server: bad input never takes it down', () => {
  let project: TempProject;
  let session: LspSession;

  afterEach(() => {
    session?.dispose();
    project?.remove();
  });

  it('lints what parses in a file with syntax errors', async () => {
    project = createTempProject({
      'tsconfig.json': STANDALONE_TSCONFIG,
      'broken.ts': 'declare function save(): Promise<void>;\nexport async function run(): Promise<void> {\n  save();\n  const = ;\n  if (\n}\n',
    });
    session = await LspSession.start();
    const uri = await session.open(project.file('broken.ts'));
    const diagnostics = await session.pull(uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['no-floating-promises', 2]]);
  });

  it('checks a 20,000-line file', async () => {
    const lines = ['declare function save(): Promise<void>;'];
    for (let i = 0; i < 19_996; i++) lines.push(`export const value${i} = ${i};`);
    lines.push('export async function run(): Promise<void> {', '  save();', '}');
    project = createTempProject({ 'tsconfig.json': STANDALONE_TSCONFIG, 'large.ts': `${lines.join('\n')}\n` });
    session = await LspSession.start();
    const uri = await session.open(project.file('large.ts'));
    const diagnostics = await session.pull(uri);
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [19_998]);
  });

  for (const [what, text] of [
    ['parentheses', `export async function deep(): Promise<void> {\n  await ${'('.repeat(5000)}fetch('/a')${')'.repeat(5000)};\n}\n`],
    ['blocks', `export async function deep(): Promise<void> {\n  ${'{ '.repeat(5000)}fetch('/a'); ${'} '.repeat(5000)}\n}\n`],
  ] as const) {
    it(`survives ${what} nested 5,000 deep, which TypeScript cannot take, says so, and checks the file once it is fixed`, async () => {
      project = createTempProject({
        'deep/tsconfig.json': STANDALONE_TSCONFIG, 'deep/deep.ts': text,
        'other/tsconfig.json': STANDALONE_TSCONFIG, 'other/other.ts': FLOATING,
      });
      session = await LspSession.start();
      const uri = await session.open(project.file('deep/deep.ts'));
      assert.deepEqual(await session.pull(uri), []);
      await session.waitForLog(/deep\.ts: TypeScript ran out of stack building this file's project \(Maximum call stack size exceeded\): a file in it is nested too deeply/u);
      // Another project is still checked.
      const other = await session.open(project.file('other/other.ts'));
      assert.equal((await session.pull(other)).length, 1);
      await session.change(uri, [{ text: FLOATING }]);
      assert.deepEqual((await session.pull(uri)).map((d) => d.code), ['no-floating-promises']);
    });
  }

  it('checks a file outside any tsconfig in an inferred project and says so once', async () => {
    project = createTempProject({ 'loose.ts': FLOATING });
    session = await LspSession.start();
    const uri = await session.open(project.file('loose.ts'));
    assert.equal((await session.pull(uri)).length, 1);
    const line = await session.waitForLog(/is not part of any tsconfig\.json/u);
    assert.equal(line.message, `${project.file('loose.ts')} is not part of any tsconfig.json; it is checked with default compiler options.`);
    await session.pull(uri);
    assert.equal(session.logs.items.filter((item) => item.message === line.message).length, 1);
    // The client is told too, once, so that its status item can say so for this file.
    assert.deepEqual(session.projectStatuses.items, [{ uri, configFile: null }]);
  });

  it('tells the client which tsconfig checks each file, once until it changes', async () => {
    project = createTempProject({ 'tsconfig.json': STANDALONE_TSCONFIG, 'run.ts': FLOATING, 'loose/other.ts': FLOATING });
    session = await LspSession.start();
    const uri = await session.open(project.file('run.ts'));
    await session.pull(uri);
    await session.pull(uri);
    assert.deepEqual(session.projectStatuses.items, [{ uri, configFile: project.file('tsconfig.json') }]);
  });

  it('checks the files of a tsconfig with broken JSON and names the file and the error', async () => {
    project = createTempProject({
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "types": [] ] oops',
      'run.ts': FLOATING,
    });
    session = await LspSession.start();
    const uri = await session.open(project.file('run.ts'));
    assert.equal((await session.pull(uri)).length, 1);
    const line = await session.waitForLog(/^Problem in .*tsconfig\.json/u);
    assert.equal(line.message, `Problem in ${project.file('tsconfig.json')}: (1,52) ',' expected; (1,58) '}' expected; `
      + '(1,54) Property assignment expected. Its files are checked with the settings that could be read.');
  });

  it('checks the files of a tsconfig whose extends does not exist and names the missing file', async () => {
    project = createTempProject({
      'tsconfig.json': JSON.stringify({ extends: './missing-base.json', compilerOptions: { types: [] } }),
      'run.ts': FLOATING,
    });
    session = await LspSession.start();
    const uri = await session.open(project.file('run.ts'));
    assert.equal((await session.pull(uri)).length, 1);
    const line = await session.waitForLog(/missing-base\.json/u);
    assert.equal(line.message, `Problem in ${project.file('tsconfig.json')}: Cannot read file '${project.file('missing-base.json')}'. `
      + 'Its files are checked with the settings that could be read.');
  });

  it('answers unknown methods and malformed params with errors, and keeps serving', async () => {
    project = createTempProject({ 'tsconfig.json': STANDALONE_TSCONFIG, 'run.ts': FLOATING });
    session = await LspSession.start();
    const uri = await session.open(project.file('run.ts'));
    await assertFailsWith(session.client.sendRequest('asyncsense/noSuchMethod', {}), ErrorCodes.MethodNotFound);
    await assertFailsWith(session.client.sendRequest('textDocument/diagnostic', {}), ErrorCodes.InvalidParams);
    await assertFailsWith(session.client.sendRequest('textDocument/codeAction', { textDocument: { uri } }), ErrorCodes.InvalidParams);
    await session.client.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///not/open.ts', version: 2 }, contentChanges: [{ text: 'x' }] });
    await session.client.sendNotification('textDocument/didOpen', { textDocument: null });
    await session.waitForLog(/textDocument\/didOpen failed: TypeError/u);
    assert.equal((await session.pull(uri)).length, 1);
  });

  it('answers a pull for a document that is not open with no diagnostics', async () => {
    session = await LspSession.start();
    const report = await session.pull('file:///nowhere/absent.ts');
    assert.deepEqual(report, []);
  });

  it('honours the cancellation of a pull', async () => {
    project = createTempProject({ 'tsconfig.json': STANDALONE_TSCONFIG, 'run.ts': FLOATING });
    session = await LspSession.start();
    const uri = await session.open(project.file('run.ts'));
    const source = new CancellationTokenSource();
    const pending = session.client.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    source.cancel();
    await assertFailsWith(pending, LSPErrorCodes.RequestCancelled);
    assert.equal((await session.pull(uri)).length, 1);
  });
});
