import path from 'node:path';
import type ts from 'typescript';

/** A file's place below the project's directory: the folders it sits in, and its name. */
export interface ProjectPath {
  readonly directories: readonly string[];
  readonly name: string;
}

/**
 * Where a file sits below the project's directory, which the rules ask as they start on it to
 * tell tests and scripts from the rest. A file keeps its path from one program to the next, and
 * may belong to projects in different directories, so answers are kept per directory and file.
 */
export function projectPath(program: ts.Program, sourceFile: ts.SourceFile): ProjectPath {
  const directory = program.getCurrentDirectory();
  let byFile = answers.get(directory);
  if (!byFile) answers.set(directory, byFile = new WeakMap());
  let answer = byFile.get(sourceFile);
  if (answer === undefined) {
    // TypeScript writes both with forward slashes; `path.relative` resolves them against the
    // process's directory first, which costs more than the rest of the question.
    const { fileName } = sourceFile;
    const relative = fileName.startsWith(`${directory}/`) ? fileName.slice(directory.length + 1)
      : path.relative(directory, fileName).replaceAll('\\', '/');
    const directories = relative.split('/');
    const name = directories.pop() ?? '';
    byFile.set(sourceFile, answer = { directories, name });
  }
  return answer;
}

const answers = new Map<string, WeakMap<ts.SourceFile, ProjectPath>>();
