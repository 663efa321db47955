import { joinTouchingEdits, RULE_PREFIX, type Finding, type TextEdit } from 'eslint-plugin-asyncsense/engine';
import {
  CodeActionKind, type CodeAction, type Diagnostic, type Range, type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { engineEditToLspTextEdit } from './convert';
import { editBetween } from './fix-all';
import type { LintResult } from './linter';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.asyncsense`;

export interface CodeActionRequest {
  readonly range: Range;
  /** `context.only`: the kinds the client wants, or every kind when absent. */
  readonly only: readonly string[] | undefined;
  /** `context.diagnostics`: reused as-is so the client can match actions to what it shows. */
  readonly diagnostics: readonly Diagnostic[];
  /** Whether the client takes `documentChanges`, which pin edits to the version they were made for. */
  readonly versionedEdits: boolean;
  /** The document's text after every safe fix (asked only for `source.fixAll`); `undefined` when nothing changes. */
  readonly fixedText?: () => string | undefined;
}

/**
 * The quick fixes for the findings in a range (each suggestion, then "disable for this line"),
 * and the safe fix-all for the file when it is asked for by kind.
 */
export function buildCodeActions(result: LintResult, request: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wantsKind(request.only, CodeActionKind.QuickFix)) {
    result.findings.forEach((finding, index) => {
      const diagnostic = result.diagnostics[index]!;
      if (!rangesTouch(diagnostic.range, request.range)) return;
      const shown = request.diagnostics.find((candidate) => isSameDiagnostic(candidate, diagnostic)) ?? diagnostic;
      for (const suggestion of finding.suggestions) {
        actions.push({
          title: suggestion.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [shown],
          edit: editsToWorkspaceEdit(result, suggestion.edits(), request.versionedEdits),
        });
      }
      actions.push(buildDisableForLineAction(result, finding, shown, request.versionedEdits));
    });
  }
  if (request.only && wantsKind(request.only, FIX_ALL_KIND)) {
    const fixed = request.fixedText?.();
    if (fixed !== undefined) actions.push(buildFixAllAction(result, fixed, request.versionedEdits));
  }
  return actions;
}

/** One action that turns the document into its fixed text, as a single edit of the part that changed. */
export function buildFixAllAction(result: LintResult, fixedText: string, versionedEdits: boolean): CodeAction {
  return {
    title: 'Fix all safe asyncsense problems',
    kind: FIX_ALL_KIND,
    edit: editsToWorkspaceEdit(result, [editBetween(result.document.getText(), fixedText)], versionedEdits),
  };
}

/**
 * `// eslint-disable-next-line asyncsense/<id>` above the finding's first line, indented like it:
 * ESLint's own directive, so CI is silenced by the same comment. An existing directive on the line
 * above gets the rule appended instead of a second comment.
 */
function buildDisableForLineAction(
  result: LintResult, finding: Finding, diagnostic: Diagnostic, versionedEdits: boolean,
): CodeAction {
  const { document } = result;
  const ruleName = `${RULE_PREFIX}${finding.ruleId}`;
  const line = document.positionAt(finding.start).line;
  const lineText = lineAt(document, line);
  const indentation = /^[ \t]*/u.exec(lineText)![0];
  const previous = line > 0 ? lineAt(document, line - 1) : undefined;
  const directive = previous === undefined ? undefined : /^(\s*\/\/\s*eslint-disable-next-line\s+\S[^]*?)\s*$/u.exec(previous);
  let edit: TextEdit;
  if (directive && !previous!.includes('--')) {
    const end = document.offsetAt({ line: line - 1, character: directive[1]!.length });
    edit = { start: end, end, newText: `, ${ruleName}` };
  } else {
    const start = document.offsetAt({ line, character: 0 });
    edit = { start, end: start, newText: `${indentation}// eslint-disable-next-line ${ruleName}${eolOf(document)}` };
  }
  return {
    title: `Disable ${finding.ruleId} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: editsToWorkspaceEdit(result, [edit], versionedEdits),
  };
}

function editsToWorkspaceEdit(result: LintResult, edits: readonly TextEdit[], versioned: boolean): WorkspaceEdit {
  const lspEdits = joinTouchingEdits(edits).map((edit) => engineEditToLspTextEdit(edit, result.document));
  if (!versioned) return { changes: { [result.uri]: lspEdits } };
  return { documentChanges: [{ textDocument: { uri: result.uri, version: result.version }, edits: lspEdits }] };
}

/** LSP's rule: a kind is wanted when `only` names it or one of its parents (`source` ⊃ `source.fixAll`). */
function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

function rangesTouch(a: Range, b: Range): boolean {
  return !isBefore(a.end, b.start) && !isBefore(b.end, a.start);
}

function isBefore(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function isSameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.message === b.message
    && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
    && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

function lineAt(document: TextDocument, line: number): string {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/u, '');
}

function eolOf(document: TextDocument): string {
  return document.getText().includes('\r\n') ? '\r\n' : '\n';
}
