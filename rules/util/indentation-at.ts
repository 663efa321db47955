import type ts from 'typescript';

/** The spaces and tabs that begin the line holding `position`, up to it: what a new line there copies. */
export function indentationAt(sourceFile: ts.SourceFile, position: number): string {
  const line = sourceFile.getLineAndCharacterOfPosition(position).line;
  const lineStart = sourceFile.getPositionOfLineAndCharacter(line, 0);
  return /^[ \t]*/u.exec(sourceFile.text.slice(lineStart, position))![0];
}
