import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { IDLE_COLLECT_MS } from 'asyncsense-language-server/dist/idle-collector';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO_ROOT } from '../helpers/fixtures';
import { Random } from './random';
import { startStdioClient, type StdioClient } from '../helpers/stdio-client';

// The benchmark's JavaScript module.
const { ensureProject } = require(path.join(REPO_ROOT, 'bench', 'generate-project.js')) as {
  ensureProject(n: number, dir: string, options: { editTarget: boolean }): { editTarget: { file: string } };
};

/** What the random edits insert: code, half-typed code, and characters that stress offsets. */
const SNIPPETS = ['\n  await save();', '\n  void refresh();', ' ', 'x', ';', '{', '}', '(', ')', 'async ', 'await ', '\n', '\r\n',
  'Promise.all([a(), b()]);', '"', "'", '`', '/*', '*/', '//', '\u{1F600}', 'é', '\uFEFF', '\n  for (const x of xs) { await f(x); }\n'];

export interface SessionReport {
  readonly edits: number;
  readonly pulls: number;
  readonly cancelled: number;
  readonly reopened: number;
  readonly rssAfterWarmUp: number;
  readonly rssAtEnd: number;
  /** Per open file, whether the final diagnostics equal a fresh server's on the same texts. */
  readonly mismatches: readonly string[];
  /** Diagnostics outside their document's text. */
  readonly outOfRange: readonly string[];
  readonly serverAlive: boolean;
  readonly errors: readonly string[];
  /** Server log lines that say TypeScript failed to apply an edit and the open files were parsed afresh. */
  readonly reparses: number;
}

interface OpenFile {
  readonly file: string;
  uri: string;
  document: TextDocument;
  open: boolean;
}

/**
 * A long editing session over a generated project: `edits` random incremental `didChange`s spread
 * over open files, with pulls, pulls cancelled at once, code-action requests, and files closed and
 * reopened. At the end every open file's diagnostics are compared with a fresh server's on the
 * same texts, and the server's RSS with its RSS after the first `warmUp` edits.
 */
export async function runLongSession(seed: number, edits: number, warmUp = Math.floor(edits / 10), projectSize = 200): Promise<SessionReport> {
  const random = new Random(seed);
  const dir = path.join(REPO_ROOT, '.e2e', 'fuzz', `session-${projectSize}`);
  const summary = ensureProject(projectSize, dir, { editTarget: true });
  const files = pickFiles(dir, path.join(dir, summary.editTarget.file), 6);
  const client = await startStdioClient(dir);
  const errors: string[] = [];
  const outOfRange: string[] = [];
  let pulls = 0;
  let cancelled = 0;
  let reopened = 0;
  let rssAfterWarmUp = 0;
  const open: OpenFile[] = [];
  try {
    open.push(...await Promise.all(files.map(async (file): Promise<OpenFile> => {
      const text = fs.readFileSync(file, 'utf8');
      return { file, uri: await client.open(file, text), document: TextDocument.create(pathToFileURL(file).href, 'typescript', 1, text), open: true };
    })));
    for (let step = 0; step < edits; step++) {
      if (step === warmUp) rssAfterWarmUp = await settledRss(client, open);
      const target = random.pick(open);
      if (!target.open) {
        // Reopened as the editor restores an unsaved buffer: the text it had, as version 1.
        target.uri = await client.open(target.file, target.document.getText());
        target.document = TextDocument.create(target.uri, 'typescript', 1, target.document.getText());
        target.open = true;
        reopened++;
      }
      const change = randomChange(target.document, random);
      target.document = TextDocument.update(target.document, [change], target.document.version + 1);
      await client.change(target.uri, [change]);
      const roll = random.next();
      try {
        if (roll < 0.08) {
          if (await client.cancelledDiagnostics(target.uri) === 'cancelled') cancelled++;
        } else if (roll < 0.2) {
          pulls++;
          checkRanges(target, await client.diagnostics(target.uri), outOfRange);
        } else if (roll < 0.23) {
          const at = target.document.positionAt(random.below(target.document.getText().length + 1));
          await client.request('textDocument/codeAction', { textDocument: { uri: target.uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
        } else if (roll < 0.25 && open.filter((candidate) => candidate.open).length > 1) {
          await client.close(target.uri);
          target.open = false;
        }
      } catch (error) {
        errors.push(`step ${step}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const rssAtEnd = await settledRss(client, open);
    const final = await diagnosticsOf(client, open);
    const serverAlive = client.alive;
    const reparses = client.logs.filter((line) => line.includes('TypeScript failed to apply an edit')).length;
    await client.stop();
    const fresh = await startStdioClient(dir);
    const expected = new Map<string, string>();
    try {
      for (const entry of open.filter((candidate) => candidate.open)) {
        const uri = await fresh.open(entry.file, entry.document.getText());
        expected.set(uri, JSON.stringify(await fresh.diagnostics(uri)));
      }
    } finally {
      await fresh.stop();
    }
    const mismatches = [...final].filter(([uri, diagnostics]) => expected.get(uri) !== diagnostics).map(([uri]) => uri);
    return { edits, pulls, cancelled, reopened, rssAfterWarmUp, rssAtEnd, mismatches, outOfRange, serverAlive, errors, reparses };
  } catch (error) {
    await client.stop();
    throw error;
  }
}

/**
 * The edited file first, then others spread over the project. Like the editor benchmark's
 * `filesToOpen`, but with its own spacing: the seeds the tests use depend on exactly these files.
 */
function pickFiles(dir: string, target: string, count: number): string[] {
  const all: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && full !== target) all.push(full);
    }
  };
  walk(path.join(dir, 'packages'));
  const step = Math.max(1, Math.floor(all.length / count));
  return [target, ...all.filter((_, index) => index % step === 0).slice(0, count - 1)];
}

/** An insertion, a deletion or a replacement at a random place, as an incremental range change. */
function randomChange(document: TextDocument, random: Random): TextDocumentContentChangeEvent {
  const length = document.getText().length;
  const start = random.below(length + 1);
  const roll = random.next();
  const end = roll < 0.5 ? start : Math.min(length, start + 1 + random.below(roll < 0.8 ? 20 : 200));
  const text = roll < 0.3 || roll >= 0.8 ? random.pick(SNIPPETS) : roll < 0.5 ? random.pick(SNIPPETS) + random.pick(SNIPPETS) : '';
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text };
}

function checkRanges(entry: OpenFile, diagnostics: readonly Diagnostic[], outOfRange: string[]): void {
  const lines = entry.document.lineCount;
  for (const diagnostic of diagnostics) {
    if (diagnostic.range.end.line >= lines) outOfRange.push(`${entry.uri}: ${JSON.stringify(diagnostic.range)} with ${lines} lines`);
  }
}

async function diagnosticsOf(client: StdioClient, open: readonly OpenFile[]): Promise<Map<string, string>> {
  const pulled = open.filter((candidate) => candidate.open)
    .map(async (entry) => [entry.uri, JSON.stringify(await client.diagnostics(entry.uri))] as const);
  return new Map(await Promise.all(pulled));
}

/** RSS once every open file has been checked and the server has been idle long enough to collect. */
async function settledRss(client: StdioClient, open: readonly OpenFile[]): Promise<number> {
  await diagnosticsOf(client, open);
  await new Promise((resolve) => setTimeout(resolve, IDLE_COLLECT_MS + 600));
  return client.rss();
}
