import assert from 'node:assert/strict';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { LspSession } from './helpers/lsp-session';
import { createTempProject, STANDALONE_TSCONFIG, type TempProject } from './helpers/temp-project';

const SYNC_A = 'export function a(): number {\n  return 1;\n}\n';
const ASYNC_A = 'export async function a(): Promise<number> {\n  return 1;\n}\n';
const B = "import { a } from './a';\n\nexport async function b(): Promise<void> {\n  a();\n}\n";
const WHOLE_FILE = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };

/** The call `a()` in b.ts, where the floating promise is reported once `a` is async. */
const CALL_IN_B = { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } };

describe('server: changes in one file re-check the files that depend on it', () => {
  let project: TempProject;
  let session: LspSession;

  beforeEach(() => {
    project = createTempProject({ 'tsconfig.json': STANDALONE_TSCONFIG, 'a.ts': SYNC_A, 'b.ts': B });
  });

  afterEach(() => {
    session?.dispose();
    project.remove();
  });

  it('an edit to open A asks pull clients to refresh, and B then has the floating promise', async () => {
    session = await LspSession.start();
    const a = await session.open(project.file('a.ts'));
    const b = await session.open(project.file('b.ts'));
    assert.deepEqual(await session.pull(b), []);
    const mark = session.refreshes.mark();
    await session.change(a, [{ range: WHOLE_FILE, text: ASYNC_A }]);
    await session.refreshes.waitFor(() => true, 'workspace/diagnostic/refresh after editing a.ts', 20_000, mark);
    const diagnostics = await session.pull(b);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [['no-floating-promises', CALL_IN_B]]);
  });

  it('an edit to open A republishes B for push clients, right after A', async () => {
    session = await LspSession.start({ pull: false });
    const a = await session.open(project.file('a.ts'));
    const b = await session.open(project.file('b.ts'));
    await session.waitForPublished(b, (diagnostics) => diagnostics.length === 0, 'b.ts clean at first');
    const mark = session.published.mark();
    await session.change(a, [{ range: WHOLE_FILE, text: ASYNC_A }]);
    const published = await session.waitForPublished(b, (diagnostics) => diagnostics.length === 1, 'the finding in b.ts', mark);
    assert.deepEqual(published.diagnostics[0]!.range, CALL_IN_B);
    const order = session.published.items.slice(mark).map((params) => params.uri);
    assert.equal(order[0], a, 'the edited file is checked first');
  });

  it('A written on disk and reported by didChangeWatchedFiles re-checks B', async () => {
    session = await LspSession.start();
    const b = await session.open(project.file('b.ts'));
    assert.deepEqual(await session.pull(b), []);
    project.write('a.ts', ASYNC_A);
    const mark = session.refreshes.mark();
    await session.filesChanged([{ uri: project.uri('a.ts'), type: FileChangeType.Changed }]);
    await session.refreshes.waitFor(() => true, 'workspace/diagnostic/refresh after a.ts changed on disk', 20_000, mark);
    assert.deepEqual((await session.pull(b)).map((d) => d.range), [CALL_IN_B]);
  });

  it('a file created on disk resolves an import that was missing', async () => {
    session = await LspSession.start({ pull: false });
    const c = project.write('c.ts', "import { later } from './later';\n\nexport async function c(): Promise<void> {\n  later();\n}\n");
    const uri = await session.open(c);
    await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 0, 'no finding while ./later is missing');
    const mark = session.published.mark();
    project.write('later.ts', 'export async function later(): Promise<void> {}\n');
    await session.filesChanged([{ uri: project.uri('later.ts'), type: FileChangeType.Created }]);
    await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 1, 'the finding once later.ts exists', mark);
  });

  it('an edited tsconfig.json is read again', async () => {
    const tsconfig = (target: string): string => JSON.stringify({
      compilerOptions: { ...JSON.parse(STANDALONE_TSCONFIG).compilerOptions, baseUrl: '.', paths: { lib: [target] } },
    });
    project.write('tsconfig.json', tsconfig('./a.ts'));
    const user = project.write('user.ts', "import { a } from 'lib';\n\nexport async function user(): Promise<void> {\n  a();\n}\n");
    project.write('async-a.ts', ASYNC_A);
    session = await LspSession.start();
    const uri = await session.open(user);
    assert.deepEqual(await session.pull(uri), []);
    project.write('tsconfig.json', tsconfig('./async-a.ts'));
    const mark = session.refreshes.mark();
    await session.filesChanged([{ uri: project.uri('tsconfig.json'), type: FileChangeType.Changed }]);
    await session.refreshes.waitFor(() => true, 'a refresh after tsconfig.json changed', 20_000, mark);
    assert.equal((await session.pull(uri)).length, 1);
  });
});
