import ts from 'typescript';
import { projectFiles } from './call-sites';
import { importedFiles } from './import-reach';

/** Per program and pattern. */
const found = new WeakMap<ts.Program, WeakMap<RegExp, ReadonlySet<ts.SourceFile>>>();

/** Per file (files are reused from one program to the next) and pattern: whether its text matches. */
const matched = new WeakMap<ts.SourceFile, Map<string, boolean>>();

/**
 * The project's files whose text matches `pattern` (those that import a queue package, say), and
 * the files whose functions they can call by their imports: where a worker's helper is declared.
 */
export function filesAndImports(program: ts.Program, pattern: RegExp): ReadonlySet<ts.SourceFile> {
  let byPattern = found.get(program);
  if (!byPattern) found.set(program, byPattern = new WeakMap());
  let files = byPattern.get(pattern);
  if (!files) {
    const all = projectFiles(program);
    const checker = program.getTypeChecker();
    const set = new Set<ts.SourceFile>();
    for (const file of all) {
      if (!fileMatches(file, pattern)) continue;
      set.add(file);
      for (const imported of importedFiles(checker, file, all)) set.add(imported);
    }
    byPattern.set(pattern, files = set);
  }
  return files;
}

/** Whether a file's text matches, asked once per file and pattern. */
export function fileMatches(file: ts.SourceFile, pattern: RegExp): boolean {
  let byPattern = matched.get(file);
  if (!byPattern) matched.set(file, byPattern = new Map());
  let answer = byPattern.get(pattern.source);
  if (answer === undefined) byPattern.set(pattern.source, answer = pattern.test(file.text));
  return answer;
}
