import type ts from 'typescript';
import { projectPath } from './project-path';

/**
 * Directories that hold a package's command-line programs and its one-shot scripts, database
 * migrations among them: each runs once per database, and its steps are often in order on
 * purpose (a backfill that updates rows one by one to spare the database). Not `bin`,
 * which as often names a thing of the domain (a warehouse's bins, a recycle bin) as the folder of
 * executables, and then holds handlers like any other.
 */
const SCRIPT_DIRECTORIES = new Set(['cli', 'scripts', 'migrations']);

/**
 * `#!/usr/bin/env node` on the first line: an executable. ESLint hands its parser the file with
 * that line turned into a comment, `///usr/bin/env node`, which is read the same way.
 */
const EXECUTABLE = /^(?:#!|\/\/(?=\/[\w.-]+\/))/u;

/** `cli.ts`: the entry of a command-line program. */
const SCRIPT_FILE = /^cli\.[cm]?[jt]sx?$/u;

/**
 * Whether a file is part of a command-line program or a one-shot script, by its path below the
 * project's directory (`src/cli/init.ts`, `scripts/rotate-keys.ts`, `db/migrations/0042-backfill.ts`,
 * `src/cli.ts`), or by the `#!/usr/bin/env node` line that makes it an executable. Such code runs
 * once per command, for one person: a few awaits overlapped there save that person milliseconds,
 * and its steps are often prompts and output that must come in order.
 */
export function isScriptFile(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  const { directories, name } = projectPath(program, sourceFile);
  return SCRIPT_FILE.test(name) || directories.some((directory) => SCRIPT_DIRECTORIES.has(directory))
    || EXECUTABLE.test(sourceFile.text);
}
