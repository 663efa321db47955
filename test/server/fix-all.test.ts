import assert from 'node:assert/strict';
import { applyEdits, type Finding, type ResolvedSuggestion, type TextEdit } from 'eslint-plugin-asyncsense/engine';
import { buildCodeActions } from 'asyncsense-language-server/dist/code-actions';
import { editBetween, fixAllText, MAX_FIX_PASSES, safeFixEdits } from 'asyncsense-language-server/dist/fix-all';
import type { LintResult } from 'asyncsense-language-server/dist/linter';
import { findingToLspDiagnostic } from 'asyncsense-language-server/dist/convert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyTextEdits, workspaceEditToTextEdits } from '../helpers/lsp-edits';

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

// The mechanism on findings made for the purpose; the real rule's safe fix goes through LSP below.
describe('server: source.fixAll.asyncsense', () => {
  it('takes the first safe suggestion of each finding and skips one that overlaps', () => {
    const findings = [
      finding(0, 3, [suggestion('unsafe first', false, [{ start: 0, end: 0, newText: 'never ' }]),
        suggestion('await a', true, [{ start: 0, end: 0, newText: 'await ' }])]),
      finding(5, 8, [suggestion('void b', true, [{ start: 5, end: 8, newText: 'void b()' }])]),
      finding(5, 8, [suggestion('overlaps b', true, [{ start: 6, end: 7, newText: 'x' }])]),
      finding(10, 13, [suggestion('only unsafe', false, [{ start: 10, end: 10, newText: 'await ' }])]),
    ];
    assert.equal(applyEdits(TEXT, safeFixEdits(findings)), 'await a();\nvoid b();\nc();\n');
  });

  it('lints the fixed text again for the fixes a pass skipped, and stops when none is left', () => {
    const texts: string[] = [];
    // Every pass finds the first call not yet awaited; two findings on one call overlap, so one waits a pass.
    const findingsOf = (text: string): Finding[] => {
      const at = text.search(/^[abc]\(\)/mu);
      return at < 0 ? [] : [
        finding(at, at + 3, [suggestion('await', true, [{ start: at, end: at, newText: 'await ' }])]),
        finding(at, at + 3, [suggestion('await again', true, [{ start: at, end: at, newText: 'await ' }])]),
      ];
    };
    const fixed = fixAllText(TEXT, findingsOf(TEXT), (text) => {
      texts.push(text);
      return findingsOf(text);
    });
    assert.equal(fixed, 'await a();\nawait b();\nawait c();\n');
    assert.equal(texts.length, 3);
  });

  it('stops after MAX_FIX_PASSES when fixes keep coming, and when the text cannot be linted', () => {
    const always = (text: string): Finding[] => [finding(0, 1, [suggestion('grow', true, [{ start: 0, end: 0, newText: '!' }])])];
    let relints = 0;
    const fixed = fixAllText(TEXT, always(TEXT), (text) => {
      relints++;
      return always(text);
    });
    assert.equal(fixed, `${'!'.repeat(MAX_FIX_PASSES)}${TEXT}`);
    assert.equal(relints, MAX_FIX_PASSES - 1);
    assert.equal(fixAllText(TEXT, always(TEXT), () => undefined), `!${TEXT}`);
  });

  it('turns the document into the fixed text with one edit of the part that changed, never inside a surrogate pair', () => {
    assert.deepEqual(editBetween('a();\nb();\n', 'a();\nawait b();\n'), { start: 5, end: 5, newText: 'await ' });
    assert.deepEqual(editBetween('x = 1;', 'x = 1;'), { start: 6, end: 6, newText: '' });
    const before = 'f("\u{1F600}");';
    const after = 'f("\u{1F601}");';
    const edit = editBetween(before, after);
    assert.deepEqual(edit, { start: 3, end: 5, newText: '\u{1F601}' });
    assert.equal(applyEdits(before, [edit]), after);
  });

  it('is offered only when asked for by kind, and pins versioned edits to the linted version', () => {
    const result = lintResult([finding(0, 3, [suggestion('await a', true, [{ start: 0, end: 0, newText: 'await ' }])])]);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const fixedText = (): string => `await ${TEXT}`;
    const unasked = buildCodeActions(result, { range, only: undefined, diagnostics: [], versionedEdits: true, fixedText });
    assert.deepEqual(unasked.map((action) => action.kind), ['quickfix', 'quickfix']);
    const asked = buildCodeActions(result, { range, only: ['source'], diagnostics: [], versionedEdits: true, fixedText });
    assert.deepEqual(asked.map((action) => action.kind), ['source.fixAll.asyncsense']);
    const change = asked[0]!.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.deepEqual(change.textDocument, { uri: URI, version: 3 });
    assert.equal(applyTextEdits(TEXT, workspaceEditToTextEdits(asked[0]!.edit, URI)), `await ${TEXT}`);
    assert.deepEqual(buildCodeActions(result, { range, only: ['source'], diagnostics: [], versionedEdits: true, fixedText: () => undefined }), []);
  });
});
