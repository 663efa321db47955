import assert from 'node:assert/strict';
import { ruleDocsUrl } from 'eslint-plugin-asyncsense/engine';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspSession } from './helpers/lsp-session';
import { createTempProject, STANDALONE_TSCONFIG, type TempProject } from './helpers/temp-project';

const FLOATING = [
  'export async function load(): Promise<string> {',
  "  return 'loaded';",
  '}',
  '',
  'export async function main(): Promise<void> {',
  '  load();',
  '}',
  '',
].join('\n');

describe('server: diagnostics', () => {
  let project: TempProject;
  let session: LspSession;

  beforeEach(() => {
    project = createTempProject({ 'tsconfig.json': STANDALONE_TSCONFIG, 'main.ts': FLOATING });
  });

  afterEach(() => {
    session?.dispose();
    project.remove();
  });

  it('advertises pull diagnostics, incremental sync and its code action kinds', async () => {
    session = await LspSession.start();
    const capabilities = session.initializeResult!.capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'asyncsense', interFileDependencies: true, workspaceDiagnostics: false });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.asyncsense'] });
  });

  it('answers a pull with the finding: source, code, docs link, range, severity and message', async () => {
    session = await LspSession.start();
    const uri = await session.open(project.file('main.ts'));
    const [diagnostic, ...others] = await session.pull(uri);
    assert.deepEqual(others, []);
    assert.ok(diagnostic);
    assert.equal(diagnostic.source, 'asyncsense');
    assert.equal(diagnostic.code, 'no-floating-promises');
    assert.equal(diagnostic.codeDescription?.href, ruleDocsUrl('no-floating-promises'));
    assert.equal(diagnostic.codeDescription?.href, 'https://github.com/asyncsense/asyncsense/blob/main/rules/no-floating-promises.md');
    assert.deepEqual(diagnostic.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 8 } });
    assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.equal(typeof diagnostic.message, 'string');
    assert.match(diagnostic.message as string, /^This promise is neither awaited nor handled/u);
  });

  it('follows incremental edits without reopening the document', async () => {
    session = await LspSession.start();
    const uri = await session.open(project.file('main.ts'));
    assert.equal((await session.pull(uri)).length, 1);
    await session.change(uri, [{ range: { start: { line: 5, character: 2 }, end: { line: 5, character: 2 } }, text: 'void ' }]);
    assert.deepEqual(await session.pull(uri), []);
    await session.change(uri, [{ range: { start: { line: 5, character: 2 }, end: { line: 5, character: 7 } }, text: '' }]);
    await session.change(uri, [{ range: { start: { line: 6, character: 1 }, end: { line: 6, character: 1 } }, text: '\nload();' }]);
    const diagnostics = await session.pull(uri);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.range.start), [{ line: 5, character: 2 }, { line: 7, character: 0 }]);
  });

  it('reports at "error" severity when the settings say so', async () => {
    session = await LspSession.start({ settings: { rules: { 'asyncsense/no-floating-promises': 'error' } } });
    const uri = await session.open(project.file('main.ts'));
    const diagnostics = await session.pull(uri);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Error]);
  });

  it('publishes diagnostics to a client that cannot pull, and clears them on close', async () => {
    session = await LspSession.start({ pull: false });
    const uri = await session.open(project.file('main.ts'));
    const published = await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 1, 'one published diagnostic');
    assert.equal(published.version, 1);
    assert.equal(published.diagnostics[0]!.code, 'no-floating-promises');
    assert.equal(published.diagnostics[0]!.source, 'asyncsense');
    const mark = session.published.mark();
    await session.change(uri, [{ range: { start: { line: 5, character: 2 }, end: { line: 5, character: 2 } }, text: 'await ' }]);
    const fixed = await session.waitForPublished(uri, () => true, 'diagnostics after the edit', mark);
    assert.deepEqual(fixed.diagnostics, []);
    assert.equal(fixed.version, 2);
    await session.change(uri, [{ range: { start: { line: 5, character: 2 }, end: { line: 5, character: 8 } }, text: '' }]);
    await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 1, 'the finding again', mark);
    const closing = session.published.mark();
    await session.close(uri);
    await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 0, 'diagnostics cleared on close', closing);
  });

  it('checks only the newest version after a burst of edits, never going back to an older one', async () => {
    session = await LspSession.start({ pull: false });
    const uri = await session.open(project.file('main.ts'));
    await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 1, 'the first finding');
    const mark = session.published.mark();
    let version = 1;
    for (let i = 0; i < 5; i++) {
      version = await session.change(uri, [{ range: { start: { line: 6, character: 1 }, end: { line: 6, character: 1 } }, text: '\nload();' }]);
    }
    const last = await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 6, 'six findings at the last version', mark);
    assert.equal(last.version, version);
    const versions = session.published.items.slice(mark).filter((params) => params.uri === uri).map((params) => params.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions ${versions.join(', ')}`);
    assert.ok(versions.length < 5, `the burst was checked ${versions.length} times`);
  });
});
