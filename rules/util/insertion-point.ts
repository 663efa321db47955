import ts from 'typescript';

/**
 * The statement before which declarations for `node` can be added: the nearest enclosing statement
 * that sits directly in a block, file, module or `case` clause, with the indentation of its line.
 */
export function insertionPoint(sourceFile: ts.SourceFile, node: ts.Node): { statement: ts.Statement; indent: string } | undefined {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent)) {
      if (!ts.isCaseOrDefaultClause(parent) || parent.statements.includes(current as ts.Statement)) {
        const statement = current as ts.Statement;
        const start = statement.getStart(sourceFile);
        const lineStart = sourceFile.getPositionOfLineAndCharacter(sourceFile.getLineAndCharacterOfPosition(start).line, 0);
        const indent = /^[ \t]*/u.exec(sourceFile.text.slice(lineStart, start))![0];
        // A statement that shares its line with other code cannot take a line of its own before it.
        return sourceFile.text.slice(lineStart, start).trim() === '' ? { statement, indent } : undefined;
      }
    }
  }
  return undefined;
}
