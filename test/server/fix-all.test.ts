import assert from 'node:assert/strict';
import type { Finding, ResolvedSuggestion, TextEdit } from 'eslint-plugin-asyncsense/engine';
import { buildCodeActions, buildFixAllAction } from 'asyncsense-language-server/dist/code-actions';
import type { LintResult } from 'asyncsense-language-server/dist/linter';
import { findingToLspDiagnostic } from 'asyncsense-language-server/dist/convert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyTextEdits, workspaceEditToTextEdits } from './helpers/edits';

const URI = 'file:///project/jobs.ts';
const TEXT = 'a();\nb();\nc();\n';

function suggestion(title: string, safe: boolean, edits: TextEdit[]): ResolvedSuggestion {
  return { title, messageId: 'fix', safe, edits: () => edits };
}

function finding(start: number, end: number, suggestions: ResolvedSuggestion[]): Finding {
  return { ruleId: 'no-floating-promises', severity: 'warn', messageId: 'floating', message: 'Floating.', start, end, suggestions };
}

function lintResult(findings: Finding[]): LintResult {
  const document = TextDocument.create(URI, 'typescript', 3, TEXT);
  return { uri: URI, version: 3, document, findings, diagnostics: findings.map((f) => findingToLspDiagnostic(f, document)), configFile: undefined };
}

// No rule marks a fix safe yet, so fix-all is checked here on findings made for the purpose.
describe('server: source.fixAll.asyncsense', () => {
  it('applies the first safe suggestion of each finding and skips one that overlaps', () => {
    const result = lintResult([
      finding(0, 3, [suggestion('unsafe first', false, [{ start: 0, end: 0, newText: 'never ' }]),
        suggestion('await a', true, [{ start: 0, end: 0, newText: 'await ' }])]),
      finding(5, 8, [suggestion('void b', true, [{ start: 5, end: 8, newText: 'void b()' }])]),
      finding(5, 8, [suggestion('overlaps b', true, [{ start: 6, end: 7, newText: 'x' }])]),
      finding(10, 13, [suggestion('only unsafe', false, [{ start: 10, end: 10, newText: 'await ' }])]),
    ]);
    const action = buildFixAllAction(result, false);
    assert.ok(action);
    assert.equal(action.kind, 'source.fixAll.asyncsense');
    assert.equal(applyTextEdits(TEXT, workspaceEditToTextEdits(action.edit, URI)), 'await a();\nvoid b();\nc();\n');
  });

  it('is offered only when asked for by kind, and pins versioned edits to the linted version', () => {
    const result = lintResult([finding(0, 3, [suggestion('await a', true, [{ start: 0, end: 0, newText: 'await ' }])])]);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const unasked = buildCodeActions(result, { range, only: undefined, diagnostics: [], versionedEdits: true });
    assert.deepEqual(unasked.map((action) => action.kind), ['quickfix', 'quickfix']);
    const asked = buildCodeActions(result, { range, only: ['source'], diagnostics: [], versionedEdits: true });
    assert.deepEqual(asked.map((action) => action.kind), ['source.fixAll.asyncsense']);
    const change = asked[0]!.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.deepEqual(change.textDocument, { uri: URI, version: 3 });
  });

  it('is not offered when no finding has a safe suggestion', () => {
    const result = lintResult([finding(0, 3, [suggestion('unsafe', false, [{ start: 0, end: 0, newText: 'void ' }])])]);
    assert.equal(buildFixAllAction(result, false), undefined);
  });
});
