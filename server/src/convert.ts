/**
 * The edge between the engine, which speaks UTF-16 offsets, and LSP, which speaks UTF-16
 * line/character positions. Nothing else in the server converts.
 */
import { ruleDocsUrl, type Finding, type TextEdit } from 'eslint-plugin-asyncsense/engine';
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const DIAGNOSTIC_SOURCE = 'asyncsense';

export function offsetsToLspRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function findingToLspDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
  return {
    range: offsetsToLspRange(document, finding.start, finding.end),
    severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
  };
}

export function engineEditToLspTextEdit(edit: TextEdit, document: TextDocument): LspTextEdit {
  return { range: offsetsToLspRange(document, edit.start, edit.end), newText: edit.newText };
}
