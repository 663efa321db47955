import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES_DIR } from '../helpers/fixtures';
import { applyTextEdits, workspaceEditToTextEdits } from '../helpers/lsp-edits';
import { FUZZ_RULES, type CheckResult, type Problem } from './engine-target';
import { describeError, inputFileName } from './input-programs';
import type { FuzzInput } from './mutations';
import { startStdioClient, type StdioClient } from '../helpers/stdio-client';

/** How long one request may take before the server counts as hung. */
const ANSWER_WITHIN_MS = 60_000;

/** How many of an input's diagnostics get their quick fixes asked for. */
const MAX_QUICK_FIX_REQUESTS = 10;

/** What the server logs when TypeScript itself cannot take a file (code nested thousands deep). */
const TYPESCRIPT_LIMIT = /TypeScript ran out of stack/u;

/** What the server logs when something of its own failed: a request handler, or a rule. */
const FAILED = /\bfailed\b/u;

/**
 * Runs fuzz inputs through the language server in its own process, over stdio, as an editor
 * drives it: each input replaces the open document's text (a new document when the extension
 * changes), then the diagnostics are pulled, each diagnostic's quick fixes and the file's fix-all
 * asked for. The server must stay up and answer every request; every diagnostic and every edit
 * must lie in the document; and nothing it logs may say that it failed.
 */
export class ServerTarget {
  private client: StdioClient | undefined;
  private open: { uri: string; extension: string } | undefined;
  private version = 1;

  async check(input: FuzzInput): Promise<CheckResult> {
    const problems: Problem[] = [];
    const client = this.client ??= await startStdioClient(FIXTURES_DIR, { settings: { rules: FUZZ_RULES } });
    const logged = client.logs.length;
    let findings = 0;
    let fixes = 0;
    try {
      const uri = await this.show(client, input);
      const document = TextDocument.create(uri, 'typescript', this.version, input.text);
      const diagnostics = await answer(client.diagnostics(uri), 'textDocument/diagnostic');
      this.checkRanges(document, diagnostics.map((diagnostic) => diagnostic.range), 'diagnostic', problems);
      const ours = diagnostics.filter((diagnostic) => diagnostic.source === 'asyncsense');
      findings = ours.length;
      for (const diagnostic of ours.slice(0, MAX_QUICK_FIX_REQUESTS)) {
        const actions = await this.codeActions(client, uri, diagnostic.range, [diagnostic]);
        fixes += this.checkEdits(document, actions, problems);
      }
      const whole = { start: { line: 0, character: 0 }, end: document.positionAt(input.text.length) };
      fixes += this.checkEdits(document, await this.codeActions(client, uri, whole, ours, ['source.fixAll.asyncsense']), problems);
    } catch (error) {
      problems.push({ where: 'server', message: describeError(error) });
    }
    if (!client.alive) {
      problems.push({ where: 'server', message: 'the server process exited' });
      this.client = undefined;
      this.open = undefined;
    }
    const logs = client.logs.slice(logged);
    const typescriptLimit = logs.some((line) => TYPESCRIPT_LIMIT.test(line));
    for (const line of logs) {
      if (FAILED.test(line) && !(typescriptLimit && line.includes('Maximum call stack size exceeded'))) problems.push({ where: 'server log', message: line });
    }
    return { problems, typescriptLimit, findings, fixes };
  }

  async stop(): Promise<void> {
    await this.client?.stop();
    this.client = undefined;
  }

  /** Puts the input in the editor: the open document's new text, or a new document for another extension. */
  private async show(client: StdioClient, input: FuzzInput): Promise<string> {
    if (this.open?.extension === input.extension) {
      await client.change(this.open.uri, [{ text: input.text }]);
      this.version++;
      return this.open.uri;
    }
    if (this.open) await client.close(this.open.uri);
    const uri = await client.open(inputFileName(input), input.text);
    this.open = { uri, extension: input.extension };
    this.version = 1;
    return uri;
  }

  private codeActions(client: StdioClient, uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const request = client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
    return answer(request as Promise<CodeAction[] | null>, 'textDocument/codeAction').then((actions) => actions ?? []);
  }

  private checkRanges(document: TextDocument, ranges: readonly Range[], what: string, problems: Problem[]): boolean {
    const text = document.getText();
    let valid = true;
    for (const range of ranges) {
      const inside = [range.start, range.end].every((position) => position.line >= 0 && position.character >= 0
        && position.line < document.lineCount && document.offsetAt(position) <= text.length
        && position.character <= lineLength(document, position.line));
      if (!inside || document.offsetAt(range.start) > document.offsetAt(range.end)) {
        problems.push({ where: `server ${what}`, message: `${JSON.stringify(range)} outside the document (${document.lineCount} lines)` });
        valid = false;
      }
    }
    return valid;
  }

  /** Every action's edits lie in the document and apply; returns how many actions were applied. */
  private checkEdits(document: TextDocument, actions: readonly CodeAction[], problems: Problem[]): number {
    let applied = 0;
    for (const action of actions) {
      const edits = workspaceEditToTextEdits(action.edit, document.uri);
      if (!this.checkRanges(document, edits.map((edit) => edit.range), `edit of "${action.title}"`, problems)) continue;
      try {
        applyTextEdits(document.getText(), edits);
        applied++;
      } catch (error) {
        problems.push({ where: `server edit of "${action.title}"`, message: describeError(error) });
      }
    }
    return applied;
  }
}

/** The length of a line without its line break. */
function lineLength(document: TextDocument, line: number): number {
  const start = document.offsetAt({ line, character: 0 });
  const end = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : document.getText().length;
  return document.getText().slice(start, end).replace(/(?:\r\n|\r|\n)$/u, '').length;
}

function answer<T>(request: Promise<T>, method: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${ANSWER_WITHIN_MS / 1000} s`)), ANSWER_WITHIN_MS);
  });
  return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
}
