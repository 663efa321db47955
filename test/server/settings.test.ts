import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspSession } from './helpers/lsp-session';
import { createTempProject, STANDALONE_TSCONFIG, type TempProject } from './helpers/temp-project';

const FLOATING = 'declare function save(): Promise<void>;\nexport async function run(): Promise<void> {\n  save();\n}\n';

describe('server: settings', () => {
  let project: TempProject;
  let session: LspSession;

  beforeEach(() => {
    project = createTempProject({ 'tsconfig.json': STANDALONE_TSCONFIG, 'run.ts': FLOATING });
  });

  afterEach(() => {
    session?.dispose();
    project.remove();
  });

  it('turns a rule off through workspace/configuration, and back on after didChangeConfiguration', async () => {
    session = await LspSession.start({ settings: { rules: { 'no-floating-promises': 'off' } } });
    const uri = await session.open(project.file('run.ts'));
    assert.deepEqual(await session.pull(uri), []);
    session.settings = { rules: { 'no-floating-promises': ['error', { allowForKnownSafeCalls: [] }] } };
    const mark = session.refreshes.mark();
    await session.configurationChanged();
    await session.refreshes.waitFor(() => true, 'workspace/diagnostic/refresh after the settings changed', 20_000, mark);
    assert.deepEqual((await session.pull(uri)).map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Error]);
  });

  it('republishes open documents for a push client when the settings change', async () => {
    session = await LspSession.start({ pull: false, settings: { rules: { 'no-floating-promises': 'off' } } });
    const uri = await session.open(project.file('run.ts'));
    await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 0, 'no diagnostics while the rule is off');
    const mark = session.published.mark();
    session.settings = { rules: { 'asyncsense/no-floating-promises': 'warn' } };
    await session.configurationChanged();
    await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 1, 'the finding once the rule is on', mark);
  });

  it('honours options: a call named in allowForKnownSafeCalls is not reported', async () => {
    session = await LspSession.start({ settings: { rules: { 'no-floating-promises': ['warn', { allowForKnownSafeCalls: ['save'] }] } } });
    const uri = await session.open(project.file('run.ts'));
    assert.deepEqual(await session.pull(uri), []);
  });

  it('writes each configuration problem to the output once, and applies the rest', async () => {
    session = await LspSession.start({ settings: { rules: { 'no-such-rule': 'warn', 'no-floating-promises': 'loud' }, trace: { server: 'chatty' } } });
    const uri = await session.open(project.file('run.ts'));
    assert.deepEqual((await session.pull(uri)).map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Warning]);
    const mark = session.refreshes.mark();
    await session.configurationChanged();
    await session.refreshes.waitFor(() => true, 'a refresh after the settings were read again', 20_000, mark);
    const lines = session.logs.items.map((line) => line.message);
    assert.deepEqual(lines.filter((line) => line.includes('Unknown rule "no-such-rule"')), [
      'Settings: Unknown rule "no-such-rule" in the asyncsense rules setting; it is ignored.',
    ]);
    assert.equal(lines.filter((line) => /Rule "no-floating-promises" has severity "loud"/u.test(line)).length, 1);
    assert.equal(lines.filter((line) => /asyncsense\.trace\.server must be "off", "messages" or "verbose", not "chatty"/u.test(line)).length, 1);
  });

  it('rejects a rules setting that is not an object with one line, and lints with defaults', async () => {
    session = await LspSession.start({ settings: { rules: ['no-floating-promises'] } });
    const uri = await session.open(project.file('run.ts'));
    assert.equal((await session.pull(uri)).length, 1);
    await session.waitForLog(/The setting asyncsense\.rules must be an object/u);
  });
});
