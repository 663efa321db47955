import path from 'node:path';
import { applyEdits, rules, runRules, type RulesConfig } from 'eslint-plugin-asyncsense/engine';
import ts from 'typescript';
import { FIXTURES_DIR, parseTsconfig } from '../helpers/fixtures';
import type { FuzzInput } from './mutations';

/** Every rule at `error`, with the options that let each reach the most code. */
export const FUZZ_RULES: RulesConfig = Object.fromEntries(rules.map((rule) => {
  if (rule.id === 'no-blocking-io') return [rule.id, ['error', { checkAsyncFunctions: true, checkTestFiles: true }]];
  return [rule.id, 'error'];
}));

/** What went wrong with one input: where (`engine`, a rule id, `fix of <rule>`) and the error. */
export interface Problem {
  readonly where: string;
  readonly message: string;
}

/**
 * What checking an input came to: its problems, or `typescriptLimit` when TypeScript itself cannot
 * take the input (its parser, binder or checker overflows the stack on code nested thousands
 * deep, as `tsc` does): then the engine must still not throw, and its rules' failures are TypeScript's.
 */
export interface CheckResult {
  readonly problems: readonly Problem[];
  readonly typescriptLimit: boolean;
  /** Findings reported and suggestions applied: what the input exercised. */
  readonly findings: number;
  readonly fixes: number;
}

/**
 * Runs the engine over fuzz inputs as a file inside fixtures/ (so imports of the fixtures' packages
 * resolve), one program per input built on the previous one, so only the input is parsed again.
 * Every finding's offsets must lie in the text, and every suggestion's edits must apply.
 */
export class EngineTarget {
  private readonly options = parseTsconfig(path.join(FIXTURES_DIR, 'tsconfig.json')).options;
  private readonly host = ts.createCompilerHost(this.options, true);
  private readonly cache = new Map<string, ts.SourceFile | undefined>();
  private program: ts.Program | undefined;

  constructor() {
    const getSourceFile = this.host.getSourceFile.bind(this.host);
    this.host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const input = this.input;
      if (input && path.resolve(fileName) === input.fileName) return ts.createSourceFile(fileName, input.text, languageVersion, true);
      if (!this.cache.has(fileName)) this.cache.set(fileName, getSourceFile(fileName, languageVersion, onError, shouldCreate));
      return this.cache.get(fileName);
    };
    const fileExists = this.host.fileExists.bind(this.host);
    this.host.fileExists = (fileName) => path.resolve(fileName) === this.input?.fileName || fileExists(fileName);
  }

  private input: { fileName: string; text: string } | undefined;

  check(input: FuzzInput): CheckResult {
    const fileName = path.join(FIXTURES_DIR, '__fuzz__', `input${input.extension}`);
    this.input = { fileName, text: input.text };
    let program: ts.Program;
    try {
      program = this.createProgram(fileName);
    } catch {
      // TypeScript's parser gave up before anything of ours ran.
      this.program = undefined;
      return { problems: [], typescriptLimit: true, findings: 0, fixes: 0 };
    }
    const { problems, findings, fixes } = this.runEngine(program, fileName, input);
    if (problems.length > 0 && problems.every((problem) => problem.message.startsWith(STACK_OVERFLOW)) && this.typescriptOverflows(fileName)) {
      return { problems: [], typescriptLimit: true, findings, fixes };
    }
    return { problems, typescriptLimit: false, findings, fixes };
  }

  private createProgram(fileName: string): ts.Program {
    const program = ts.createProgram({ rootNames: [fileName], options: this.options, host: this.host, oldProgram: this.program });
    this.program = program;
    return program;
  }

  /** Whether TypeScript's own check of the file, with a new checker, overflows the stack too. */
  private typescriptOverflows(fileName: string): boolean {
    try {
      const program = this.createProgram(fileName);
      program.getSemanticDiagnostics(program.getSourceFile(fileName));
      return false;
    } catch (error) {
      this.program = undefined;
      return describe(error).startsWith(STACK_OVERFLOW);
    }
  }

  private runEngine(program: ts.Program, fileName: string, input: FuzzInput): { problems: Problem[]; findings: number; fixes: number } {
    const problems: Problem[] = [];
    let findingCount = 0;
    let fixes = 0;
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) return { problems: [{ where: 'engine', message: 'no source file for the input' }], findings: 0, fixes: 0 };
    try {
      const { findings, failures } = runRules(sourceFile, program, { rules: FUZZ_RULES, suppressions: 'all' });
      for (const failure of failures) problems.push({ where: failure.ruleId, message: describe(failure.error) });
      findingCount = findings.length;
      for (const finding of findings) {
        if (!(finding.start >= 0 && finding.start <= finding.end && finding.end <= input.text.length)) {
          problems.push({ where: finding.ruleId, message: `finding at ${finding.start}-${finding.end} outside the text (${input.text.length})` });
        }
        for (const suggestion of finding.suggestions) {
          try {
            const edits = suggestion.edits();
            if (edits.some((edit) => edit.start < 0 || edit.end < edit.start || edit.end > input.text.length)) throw new Error('edit outside the text');
            applyEdits(input.text, edits);
            fixes++;
          } catch (error) {
            problems.push({ where: `fix of ${finding.ruleId}`, message: describe(error) });
          }
        }
      }
    } catch (error) {
      problems.push({ where: 'engine', message: describe(error) });
    }
    return { problems, findings: findingCount, fixes };
  }
}

const STACK_OVERFLOW = 'RangeError: Maximum call stack size exceeded';

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 6).join('\n') : String(error);
}
