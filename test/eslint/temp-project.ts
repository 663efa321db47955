import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { FIXTURES_TSCONFIG, REPO_ROOT, parseTsconfig } from '../helpers/fixtures';

/** Git-ignored scratch space inside the repository, so that node_modules/@types resolves as for fixtures/. */
const SCRATCH_DIR = path.join(REPO_ROOT, '.e2e', 'eslint-tests');

/**
 * Writes a throw-away TypeScript project with the compiler options of fixtures/tsconfig.json and
 * returns its directory. Any earlier content of the directory is removed first.
 */
export function writeTempProject(name: string, files: Readonly<Record<string, string>>): string {
  const dir = path.join(SCRATCH_DIR, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const tsconfig = { compilerOptions: fixtureCompilerOptions(), include: ['**/*.ts'] };
  for (const [relative, text] of Object.entries({ 'tsconfig.json': JSON.stringify(tsconfig, null, 2), ...files })) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

function fixtureCompilerOptions(): unknown {
  const { config, error } = ts.readConfigFile(FIXTURES_TSCONFIG, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return (config as { compilerOptions: unknown }).compilerOptions;
}

/** The program tsc would build for a temp project. */
export function programForProject(dir: string): ts.Program {
  const parsed = parseTsconfig(path.join(dir, 'tsconfig.json'));
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

/** The source file of `file` in `program`, which must contain it. */
export function sourceFileOf(program: ts.Program, file: string): ts.SourceFile {
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) throw new Error(`${file} is not in the program`);
  return sourceFile;
}
