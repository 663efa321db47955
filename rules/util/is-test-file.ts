import path from 'node:path';
import type ts from 'typescript';

/** Directories that hold tests, their mocks and the data they seed, by the usual conventions. */
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', '__mocks__', 'testing', 'mock', 'mocks', 'e2e', 'seed', 'seeds']);

/** `user.test.ts`, `user.spec.tsx`, `app.e2e-spec.ts`. */
const TEST_FILE = /\.(?:test|spec|e2e-spec|e2e)\.[cm]?[jt]sx?$/u;

/**
 * Whether a file is test code, seed data or a mock, by its path below the project's directory:
 * there one step after another is what makes a run repeatable, and the time it saves no user waits
 * for.
 */
export function isTestFile(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  const directory = program.getCurrentDirectory();
  let byFile = answers.get(directory);
  if (!byFile) answers.set(directory, byFile = new WeakMap());
  let answer = byFile.get(sourceFile);
  if (answer === undefined) {
    // TypeScript writes both with forward slashes; `path.relative` resolves them against the
    // process's directory first, which costs more than the rest of the test.
    const { fileName } = sourceFile;
    const relative = fileName.startsWith(`${directory}/`) ? fileName.slice(directory.length + 1)
      : path.relative(directory, fileName).replaceAll('\\', '/');
    const segments = relative.split('/');
    const name = segments.pop() ?? '';
    byFile.set(sourceFile, answer = TEST_FILE.test(name) || segments.some((segment) => TEST_DIRECTORIES.has(segment)));
  }
  return answer;
}

/**
 * Answers per project directory and file, which every rule asks as it starts on the file: a file
 * keeps its path from one program to the next, and may belong to projects in different directories.
 */
const answers = new Map<string, WeakMap<ts.SourceFile, boolean>>();
