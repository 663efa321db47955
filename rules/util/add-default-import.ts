import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { unusedNameAt } from './unused-name-at';

/**
 * The local name under which `sourceFile` can use the default export of `moduleName`: the name of
 * an existing `import x from '<moduleName>'`, or a new import of `preferredName` (made unique at
 * `locations`) inserted after the file's last import.
 */
export function addDefaultImport(
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
  moduleName: string,
  preferredName: string,
  locations: readonly ts.Node[],
): { readonly name: string; readonly edits: readonly TextEdit[] } {
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  for (const declaration of imports) {
    const clause = declaration.importClause;
    if (clause?.name && !clause.isTypeOnly && ts.isStringLiteral(declaration.moduleSpecifier)
      && declaration.moduleSpecifier.text === moduleName) {
      return { name: clause.name.text, edits: [] };
    }
  }
  const name = unusedNameAt(checker, [sourceFile, ...locations], preferredName);
  const quote = imports[0]?.moduleSpecifier.getText(sourceFile).startsWith('"') ? '"' : '\'';
  const text = `import ${name} from ${quote}${moduleName}${quote};`;
  const last = imports.at(-1);
  if (last) return { name, edits: [{ start: last.getEnd(), end: last.getEnd(), newText: `\n${text}` }] };
  const first = sourceFile.statements[0];
  const start = first ? first.getStart(sourceFile) : sourceFile.getEnd();
  return { name, edits: [{ start, end: start, newText: `${text}\n\n` }] };
}
