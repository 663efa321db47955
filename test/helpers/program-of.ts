import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/** A program of the given files, written to a folder of their own, with the checker bound. */
export function programOf(files: Record<string, string>, options: ts.CompilerOptions = {}): ts.Program {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncsense-program-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const rootNames = Object.keys(files).map((name) => path.join(dir, name));
  const program = ts.createProgram({ rootNames, options: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, types: [], noEmit: true, moduleDetection: ts.ModuleDetectionKind.Legacy, ...options } });
  // The checker binds every file, which sets the parents that the questions walk up.
  program.getTypeChecker();
  return program;
}
