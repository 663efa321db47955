import path from 'node:path';
import ts from 'typescript';
import { FIXTURES_DIR, parseTsconfig } from '../helpers/fixtures';
import type { FuzzInput } from './mutations';

/** How TypeScript, and so everything built on it, fails on code nested thousands deep. */
export const STACK_OVERFLOW = 'RangeError: Maximum call stack size exceeded';

/** An error as a problem report shows it: the message and the first frames. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 6).join('\n') : String(error);
}

/** Where an input lives: inside fixtures/, so that imports of the fixtures' packages resolve. */
export function inputFileName(input: FuzzInput): string {
  return path.join(FIXTURES_DIR, '__fuzz__', `input${input.extension}`);
}

/**
 * Programs for fuzz inputs, one per input built on the previous one, so that only the input is
 * parsed again: the input's text as `fixtures/__fuzz__/input.ts` (or `.tsx`) with the fixtures'
 * compiler options; every other file is read once.
 */
export class InputPrograms {
  private readonly options = parseTsconfig(path.join(FIXTURES_DIR, 'tsconfig.json')).options;
  private readonly host = ts.createCompilerHost(this.options, true);
  private readonly cache = new Map<string, ts.SourceFile | undefined>();
  private program: ts.Program | undefined;
  private input: { fileName: string; text: string } | undefined;

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

  /**
   * The program holding `text` as the input's file. Throws when TypeScript's parser cannot take
   * the text (it overflows the stack), before anything of ours runs.
   */
  build(input: FuzzInput, text = input.text): { program: ts.Program; fileName: string } {
    const fileName = inputFileName(input);
    this.input = { fileName, text };
    try {
      return { program: this.create(fileName), fileName };
    } catch (error) {
      this.program = undefined;
      throw error;
    }
  }

  /** Whether TypeScript's own check of the last input, with a new checker, overflows the stack too. */
  typescriptOverflows(): boolean {
    if (!this.input) return false;
    try {
      const program = this.create(this.input.fileName);
      program.getSemanticDiagnostics(program.getSourceFile(this.input.fileName));
      return false;
    } catch (error) {
      this.program = undefined;
      return describeError(error).startsWith(STACK_OVERFLOW);
    }
  }

  private create(fileName: string): ts.Program {
    const program = ts.createProgram({ rootNames: [fileName], options: this.options, host: this.host, oldProgram: this.program });
    this.program = program;
    return program;
  }
}
