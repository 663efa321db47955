import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'eslint-plugin-asyncsense/engine';

export interface OpenDocument {
  readonly uri: string;
  readonly fileName: string;
  readonly document: TextDocument;
}

/**
 * `file:` URIs only: other schemes (untitled, git, …) have no place in a project on disk. Names use
 * forward slashes, as the project service's do.
 */
export function uriToFileName(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri).replace(/\\/gu, '/');
  } catch {
    return undefined;
  }
}

export function fileNameToUri(fileName: string): string {
  return pathToFileURL(fileName).href;
}

/**
 * The client's open documents, by URI, at the version the client last sent. The URI is kept as the
 * client wrote it, since that is the key the client matches diagnostics and edits by.
 */
export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();
  private readonly uriByFileName = new Map<string, string>();

  open(uri: string, fileName: string, languageId: string, version: number, text: string): OpenDocument {
    const entry = { uri, fileName, document: TextDocument.create(uri, languageId, version, text) };
    this.byUri.set(uri, entry);
    this.uriByFileName.set(fileName, uri);
    return entry;
  }

  /**
   * Applies the client's changes and returns them as offset edits, each in the text that the
   * previous one left, ready for the project service's script info.
   */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): TextEdit[] {
    const entry = this.byUri.get(uri);
    if (!entry) throw new Error(`didChange for a document that is not open: ${uri}`);
    let document = entry.document;
    const edits: TextEdit[] = [];
    for (const change of changes) {
      const edit = 'range' in change
        ? { start: document.offsetAt(change.range.start), end: document.offsetAt(change.range.end), newText: change.text }
        : { start: 0, end: document.getText().length, newText: change.text };
      edits.push(edit);
      document = TextDocument.update(document, [change], version);
    }
    this.byUri.set(uri, { ...entry, document });
    return edits;
  }

  close(uri: string): OpenDocument | undefined {
    const entry = this.byUri.get(uri);
    this.byUri.delete(uri);
    if (entry && this.uriByFileName.get(entry.fileName) === uri) this.uriByFileName.delete(entry.fileName);
    return entry;
  }

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  getByFileName(fileName: string): OpenDocument | undefined {
    const uri = this.uriByFileName.get(fileName);
    return uri === undefined ? undefined : this.byUri.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }
}
