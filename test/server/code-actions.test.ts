import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { rules } from 'eslint-plugin-asyncsense/engine';
import { FIXTURES_DIR, fixtureRuleIds, listFixtures } from '../helpers/fixtures';
import { readSnapshot } from '../helpers/snapshots';
import { applyTextEdits, textEditsToChanges, workspaceEditToTextEdits } from '../helpers/lsp-edits';
import { LspSession } from './helpers/lsp-session';
import { createTempProject, STANDALONE_TSCONFIG, type TempProject } from './helpers/temp-project';

const RULE = 'no-floating-promises';
const DISABLE_TITLE = `Disable ${RULE} for this line`;
const CALL_STATEMENT = path.join(FIXTURES_DIR, RULE, 'invalid-call-statement.ts');

/** Snapshots store each output with exactly one final newline. */
function withOneFinalNewline(text: string): string {
  return text.replace(/\n*$/u, '\n');
}

/** A suggestion's output as the snapshot holds it, with the file's final newline. */
function snapshotOutput(output: string): string {
  return withOneFinalNewline(output);
}

describe('server: code actions', () => {
  let session: LspSession;

  afterEach(() => session?.dispose());

  for (const ruleId of fixtureRuleIds()) {
    it(`offers every suggestion of the snapshot as a quick fix whose edit yields its output, for every invalid fixture of ${ruleId}`, async () => {
      // Only this rule, as the snapshots were made.
      session = await LspSession.start({ settings: { rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === ruleId ? 'warn' : 'off'])) } });
      const disableTitle = `Disable ${ruleId} for this line`;
      const fixtures = listFixtures(ruleId).filter((fixture) => fixture.kind === 'invalid');
      assert.ok(fixtures.length >= 15, `expected at least 15 invalid fixtures, found ${fixtures.length}`);
      for (const fixture of fixtures) {
        const text = fs.readFileSync(fixture.file, 'utf8');
        const expected = readSnapshot(fixture.file);
        const uri = await session.open(fixture.file, text);
        const diagnostics = await session.pull(uri);
        assert.deepEqual(
          diagnostics.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1, d.code, d.message]),
          expected.map((f) => [f.line, f.column, f.endLine, f.endColumn, f.ruleId, f.message]),
          `${fixture.name}: diagnostics differ from the snapshot`,
        );
        for (const [index, diagnostic] of diagnostics.entries()) {
          const actions = await session.codeActions(uri, diagnostic.range, [diagnostic]);
          const fixes = actions.filter((action) => action.title !== disableTitle && action.diagnostics?.[0]?.message === diagnostic.message
            && JSON.stringify(action.diagnostics[0].range) === JSON.stringify(diagnostic.range));
          const suggestions = expected[index]!.suggestions;
          assert.deepEqual(fixes.map((action) => action.title), suggestions.map((s) => s.title), `${fixture.name}: quick fix titles`);
          for (const [k, action] of fixes.entries()) {
            assert.equal(action.kind, 'quickfix');
            // Applied as vscode-languageserver-textdocument applies edits, which refuses any that touch or overlap.
            const output = applyTextEdits(text, workspaceEditToTextEdits(action.edit, uri));
            assert.equal(withOneFinalNewline(output), snapshotOutput(suggestions[k]!.output), `${fixture.name}: "${action.title}"`);
          }
          assert.ok(actions.some((action) => action.title === disableTitle), `${fixture.name}: a disable action`);
        }
        await session.close(uri);
      }
    });
  }

  it('applies the first quick fix of a fixture and the diagnostic goes away', async () => {
    session = await LspSession.start();
    const text = fs.readFileSync(CALL_STATEMENT, 'utf8');
    const uri = await session.open(CALL_STATEMENT, text);
    const [diagnostic] = await session.pull(uri);
    assert.ok(diagnostic);
    const [first] = await session.codeActions(uri, diagnostic.range, [diagnostic]);
    assert.equal(first?.title, 'Add `await`.');
    assert.deepEqual(first.diagnostics, [diagnostic]);
    assert.deepEqual(first.edit?.documentChanges?.[0] && 'textDocument' in first.edit.documentChanges[0]
      ? first.edit.documentChanges[0].textDocument : undefined, { uri, version: 1 });
    const edits = workspaceEditToTextEdits(first.edit, uri);
    assert.equal(withOneFinalNewline(applyTextEdits(text, edits)), snapshotOutput(readSnapshot(CALL_STATEMENT)[0]!.suggestions[0]!.output));
    await session.change(uri, textEditsToChanges(edits));
    assert.deepEqual(await session.pull(uri), []);
  });

  it('fixes all safe findings of a file in one source.fixAll.asyncsense action, also two that edit the same import', async () => {
    // Both calls' fixes move their import to node:fs/promises, so the second comes from a second pass.
    const file = path.join(FIXTURES_DIR, 'no-blocking-io', 'invalid-service-called-by-a-controller.ts');
    session = await LspSession.start({ settings: { rules: { 'no-blocking-io': 'warn' } } });
    const text = fs.readFileSync(file, 'utf8');
    const uri = await session.open(file, text);
    const diagnostics = await session.pull(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['no-blocking-io', 'no-blocking-io']);
    const whole = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
    const actions = await session.codeActions(uri, whole, diagnostics, ['source.fixAll.asyncsense']);
    assert.deepEqual(actions.map((action) => [action.title, action.kind]), [['Fix all safe asyncsense problems', 'source.fixAll.asyncsense']]);
    const edits = workspaceEditToTextEdits(actions[0]!.edit, uri);
    const fixed = applyTextEdits(text, edits);
    assert.match(fixed, /^import \{ mkdir, writeFile \} from 'node:fs\/promises';$/mu);
    assert.doesNotMatch(fixed, /Sync\b|from 'node:fs';/u);
    assert.match(fixed, /^ {2}await mkdir\(dir, \{ recursive: true \}\);\n {2}await writeFile\(`\$\{dir\}\/snapshot\.json`, JSON\.stringify\(snapshot\)\);$/mu);
    // The server's copy is the editor's text again: the file checks as it did, then as fixed.
    assert.deepEqual((await session.pull(uri)).map((d) => d.code), ['no-blocking-io', 'no-blocking-io']);
    await session.change(uri, textEditsToChanges(edits));
    assert.deepEqual(await session.pull(uri), []);
  });

  describe('disable for this line', () => {
    let project: TempProject;

    beforeEach(() => {
      project = createTempProject({
        'tsconfig.json': STANDALONE_TSCONFIG,
        'jobs.ts': [
          'declare function sync(): Promise<void>;',
          'export function schedule(): void {',
          '    if (Math.random() > 0.5) {',
          '        sync();',
          '    }',
          '    // eslint-disable-next-line no-console',
          '    sync();',
          '}',
          '',
        ].join('\n'),
      });
    });

    afterEach(() => project.remove());

    it('inserts the ESLint directive above the line, indented like it, and the diagnostic goes away', async () => {
      session = await LspSession.start();
      const text = fs.readFileSync(project.file('jobs.ts'), 'utf8');
      const uri = await session.open(project.file('jobs.ts'), text);
      const diagnostics = await session.pull(uri);
      assert.equal(diagnostics.length, 2);
      const actions = await session.codeActions(uri, diagnostics[0]!.range, [diagnostics[0]!]);
      const disable = actions.find((action) => action.title === DISABLE_TITLE);
      assert.ok(disable, `no "${DISABLE_TITLE}" among ${actions.map((action) => action.title).join(', ')}`);
      assert.equal(disable.kind, 'quickfix');
      const edits = workspaceEditToTextEdits(disable.edit, uri);
      assert.equal(applyTextEdits(text, edits).split('\n').slice(2, 5).join('\n'), [
        '    if (Math.random() > 0.5) {',
        `        // eslint-disable-next-line asyncsense/${RULE}`,
        '        sync();',
      ].join('\n'));
      await session.change(uri, textEditsToChanges(edits));
      const remaining = await session.pull(uri);
      assert.deepEqual(remaining.map((diagnostic) => diagnostic.range.start.line), [7]);
    });

    it('adds the rule to a directive already on the line above', async () => {
      session = await LspSession.start();
      const text = fs.readFileSync(project.file('jobs.ts'), 'utf8');
      const uri = await session.open(project.file('jobs.ts'), text);
      const diagnostic = (await session.pull(uri))[1]!;
      const actions = await session.codeActions(uri, diagnostic.range, [diagnostic]);
      const edits = workspaceEditToTextEdits(actions.find((action) => action.title === DISABLE_TITLE)?.edit, uri);
      const fixed = applyTextEdits(text, edits);
      assert.equal(fixed.split('\n')[5], `    // eslint-disable-next-line no-console, asyncsense/${RULE}`);
      await session.change(uri, textEditsToChanges(edits));
      assert.deepEqual((await session.pull(uri)).map((d) => d.range.start.line), [3]);
    });

    it('offers no source.fixAll.asyncsense action when no finding has a safe fix', async () => {
      session = await LspSession.start();
      const uri = await session.open(project.file('jobs.ts'));
      const diagnostics = await session.pull(uri);
      const whole = { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } };
      assert.deepEqual(await session.codeActions(uri, whole, diagnostics, ['source.fixAll.asyncsense']), []);
      const quickFixes = await session.codeActions(uri, whole, diagnostics, ['quickfix']);
      assert.ok(quickFixes.length > 0 && quickFixes.every((action) => action.kind === 'quickfix'));
    });
  });
});
