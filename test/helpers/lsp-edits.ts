import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** The edits a workspace edit makes to one document, whichever of its two shapes it uses. */
export function workspaceEditToTextEdits(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) throw new Error('the code action has no edit');
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? [])
    .flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? change.edits : []))
    .filter((change): change is TextEdit => 'range' in change);
  return [...fromChanges, ...fromDocumentChanges];
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///edit', 'typescript', 0, text), edits);
}

/** The same edits as incremental `didChange` events, last first so that earlier ranges stay valid. */
export function textEditsToChanges(edits: TextEdit[]): TextDocumentContentChangeEvent[] {
  return [...edits]
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((edit) => ({ range: edit.range, text: edit.newText }));
}
