import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');
export const FIXTURES_TSCONFIG = path.join(FIXTURES_DIR, 'tsconfig.json');

export interface Fixture {
  readonly ruleId: string;
  /** `valid-assigned`, `invalid-then-without-handler`, … */
  readonly name: string;
  readonly kind: 'valid' | 'invalid';
  /** Absolute path of the `.ts` file. */
  readonly file: string;
}

/** The rule folders under fixtures/. */
export function fixtureRuleIds(): string[] {
  return fs.readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every `valid-*.ts` and `invalid-*.ts` scenario of a rule, sorted by name. */
export function listFixtures(ruleId: string): Fixture[] {
  const dir = path.join(FIXTURES_DIR, ruleId);
  return fs.readdirSync(dir)
    .filter((name) => /^(valid|invalid)-.+\.tsx?$/u.test(name))
    .sort()
    .map((name) => ({
      ruleId,
      name: name.replace(/\.tsx?$/u, ''),
      kind: name.startsWith('valid-') ? 'valid' : 'invalid',
      file: path.join(dir, name),
    }));
}

/** Reads a tsconfig the way tsc does; throws with the compiler's message on a broken one. */
export function parseTsconfig(configPath: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  return parsed;
}

let fixtureProgram: ts.Program | undefined;

/** The one program over fixtures/ that engine tests share (built once per test run). */
export function loadFixtureProgram(): ts.Program {
  if (!fixtureProgram) {
    const parsed = parseTsconfig(FIXTURES_TSCONFIG);
    fixtureProgram = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  }
  return fixtureProgram;
}

/** A file's TypeScript diagnostics as comparable strings: code and message, positions left out since fixes move text. */
export function fileDiagnostics(program: ts.Program, file: string): string[] {
  const sourceFile = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
    .map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
    .sort();
}

/** A program over the fixtures in which one file's text is replaced (for checking applied fixes). */
export function programWithText(base: ts.Program, file: string, text: string, rootNames = base.getRootFileNames()): ts.Program {
  const options = base.getCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const normalised = path.resolve(file);
  host.readFile = (name) => (path.resolve(name) === normalised ? text : readFile(name));
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (path.resolve(name) === normalised) return ts.createSourceFile(name, text, languageVersion, true);
    // A package installed twice at one version is one file to the program, which points the second
    // path at the first ("redirect"); the host must hand back a file of its own for that path.
    const reused = base.getSourceFile(name);
    const isRedirect = (reused as { redirectInfo?: unknown } | undefined)?.redirectInfo !== undefined;
    return reused && !isRedirect ? reused : getSourceFile(name, languageVersion, onError, shouldCreate);
  };
  return ts.createProgram({ rootNames, options, host, oldProgram: base });
}

/**
 * `file` with `text` in a program of its own: the file, what it imports, and the base's declaration
 * files. A new checker for one fixture costs a tenth of one for all of them.
 */
export function programOfFile(base: ts.Program, file: string, text: string): ts.Program {
  return programWithText(base, file, text, [file, ...base.getRootFileNames().filter((name) => name.endsWith('.d.ts'))]);
}

/**
 * A program of one in-memory file with the fixtures' compiler options, placed inside fixtures/ so
 * that Node's types resolve as they do for the fixtures.
 */
export function programForSource(text: string, name = 'inline.ts', extraOptions: ts.CompilerOptions = {}): { program: ts.Program; sourceFile: ts.SourceFile } {
  const options = { ...parseTsconfig(FIXTURES_TSCONFIG).options, ...extraOptions };
  const file = path.join(FIXTURES_DIR, '__inline__', name);
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (candidate) => path.resolve(candidate) === file || fileExists(candidate);
  host.getSourceFile = (candidate, languageVersion, onError, shouldCreate) => (path.resolve(candidate) === file
    ? ts.createSourceFile(candidate, text, languageVersion, true)
    : getSourceFile(candidate, languageVersion, onError, shouldCreate));
  const program = ts.createProgram({ rootNames: [file], options, host });
  return { program, sourceFile: program.getSourceFile(file)! };
}
