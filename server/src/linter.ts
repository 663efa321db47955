import { runRules, type Finding } from 'eslint-plugin-asyncsense/engine';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type ts from 'typescript';
import { findingToLspDiagnostic } from './convert';
import { fixAllText } from './fix-all';
import { IdleCollector } from './idle-collector';
import type { OpenDocuments } from './documents';
import type { Log } from './log';
import type { Projects } from './projects';
import type { Settings } from './settings';

/** The findings of one open document at one version, with the document they refer to. */
export interface LintResult {
  readonly uri: string;
  readonly version: number;
  readonly document: TextDocument;
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** The tsconfig that checks the document; `undefined` when it is in none (default compiler options). */
  readonly configFile: string | undefined;
}

interface CachedResult {
  readonly generation: number;
  readonly result: LintResult;
}

/**
 * Runs the engine on open documents. Results are reused until something that may change them
 * happens (an edit anywhere, a file on disk, the settings), which code actions rely on: they ask
 * for the findings of the version the diagnostics were shown for.
 */
export class Linter {
  private generation = 0;
  private readonly cache = new Map<string, CachedResult>();

  constructor(
    private readonly projects: Projects,
    private readonly documents: OpenDocuments,
    private readonly settings: () => Settings,
    private readonly log: Log,
    private readonly idle: IdleCollector = new IdleCollector(),
  ) {}

  /** Forgets every result: another file, the disk or the settings changed. */
  invalidate(): void {
    this.generation++;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The findings of the document's current version, or `undefined` when it cannot be analysed. */
  lint(uri: string): LintResult | undefined {
    const entry = this.documents.get(uri);
    if (!entry) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.generation === this.generation && cached.result.version === entry.document.version) {
      return cached.result;
    }
    const started = performance.now();
    const analysed = this.projects.analyse(entry.fileName);
    if (!analysed) return undefined;
    const { program, sourceFile, configFile } = analysed;
    if (sourceFile.text !== entry.document.getText()) {
      // Offsets would point into the wrong text; showing nothing is better than misplaced fixes.
      this.log.error(`${entry.fileName}: TypeScript's copy of the file differs from the editor's; diagnostics are skipped until the next change.`);
      return undefined;
    }
    const findings = this.run(sourceFile, program);
    this.idle.worked();
    const document = entry.document;
    const result: LintResult = {
      uri,
      version: document.version,
      document,
      findings,
      diagnostics: findings.map((finding) => findingToLspDiagnostic(finding, document)),
      configFile,
    };
    this.cache.set(uri, { generation: this.generation, result });
    this.log.traceMessage(`Checked ${entry.fileName} (version ${document.version}) in ${Math.round(performance.now() - started)} ms: ${findings.length} finding(s).`);
    return result;
  }

  /**
   * The document's text after every safe fix, pass by pass (`fixAllText`), or `undefined` when no
   * safe fix applies. Each later pass lints the text the previous one left by putting it in
   * TypeScript's copy of the file; the editor's text is put back before this returns.
   */
  fixedText(uri: string): string | undefined {
    const result = this.lint(uri);
    const entry = this.documents.get(uri);
    if (!result || !entry || !result.findings.some((finding) => finding.suggestions.some((suggestion) => suggestion.safe === true))) return undefined;
    const original = result.document.getText();
    let current = original;
    try {
      const fixed = fixAllText(original, result.findings, (text) => {
        this.projects.edit(entry.fileName, [{ start: 0, end: current.length, newText: text }]);
        current = text;
        const analysed = this.projects.analyse(entry.fileName);
        return analysed && analysed.sourceFile.text === text ? this.run(analysed.sourceFile, analysed.program) : undefined;
      });
      return fixed === original ? undefined : fixed;
    } finally {
      if (current !== original) this.projects.edit(entry.fileName, [{ start: 0, end: current.length, newText: original }]);
    }
  }

  private run(sourceFile: ts.SourceFile, program: ts.Program): readonly Finding[] {
    const { findings, failures } = runRules(sourceFile, program, { rules: this.settings().rules, suppressions: 'all' });
    for (const failure of failures) {
      const detail = failure.error instanceof Error ? (failure.error.stack ?? failure.error.message) : String(failure.error);
      this.log.once('error', `Rule ${failure.ruleId} failed on ${failure.fileName}; its other findings are kept: ${detail}`);
    }
    return findings;
  }
}
