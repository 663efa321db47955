import ts from 'typescript';

/**
 * The files of the project whose code can see a value declared in `target`: the file itself and
 * those that import it, directly or through other files (`handler.ts` imports `service.ts`, which
 * imports `model.ts`). A file that does not reach `target` by its imports cannot name its
 * functions, nor hold a value of its classes' types. Kept whole: everything when `target` is a
 * script or adds globals (`declare global`), and every file whose imports can't all be followed
 * (a script, a `require`/`import()` call, a `/// <reference>`, an import the checker can't resolve).
 */
export function filesReaching(checker: ts.TypeChecker, target: ts.SourceFile, files: readonly ts.SourceFile[]): readonly ts.SourceFile[] {
  if (!ts.isExternalModule(target) || /\bdeclare\s+global\b/u.test(target.text)) return files;
  const graph = importGraph(checker, files);
  // A file whose imports can't all be followed may import `target`, and so may reach it for those that import it.
  const reached = new Set<ts.SourceFile>([target, ...graph.open]);
  const queue = [...reached];
  while (queue.length > 0) {
    for (const importer of graph.importers.get(queue.pop()!) ?? []) {
      if (!reached.has(importer)) {
        reached.add(importer);
        queue.push(importer);
      }
    }
  }
  return files.filter((file) => reached.has(file));
}

interface ImportGraph {
  /** Per file, the files that import it. */
  readonly importers: Map<ts.SourceFile, ts.SourceFile[]>;
  /** Files whose imports can't all be followed: they may reach anything. */
  readonly open: Set<ts.SourceFile>;
}

/** Per checker (one per program), and per list of files it was built over. */
const graphs = new WeakMap<ts.TypeChecker, WeakMap<readonly ts.SourceFile[], ImportGraph>>();

function importGraph(checker: ts.TypeChecker, files: readonly ts.SourceFile[]): ImportGraph {
  let byFiles = graphs.get(checker);
  if (!byFiles) graphs.set(checker, byFiles = new WeakMap());
  let graph = byFiles.get(files);
  if (!graph) byFiles.set(files, graph = buildGraph(checker, files));
  return graph;
}

function buildGraph(checker: ts.TypeChecker, files: readonly ts.SourceFile[]): ImportGraph {
  const importers = new Map<ts.SourceFile, ts.SourceFile[]>();
  const open = new Set<ts.SourceFile>();
  for (const file of files) {
    const imported = importsOf(checker, file);
    if (!imported) {
      open.add(file);
      continue;
    }
    for (const target of imported) {
      let list = importers.get(target);
      if (!list) importers.set(target, list = []);
      list.push(file);
    }
  }
  return { importers, open };
}

/** The files a module imports or re-exports from, or undefined when they can't all be known. */
function importsOf(checker: ts.TypeChecker, file: ts.SourceFile): ts.SourceFile[] | undefined {
  if (!ts.isExternalModule(file) || file.referencedFiles.length > 0 || /(?<![.\w$])(?:require|import)\s*\(/u.test(file.text)) return undefined;
  const imported: ts.SourceFile[] = [];
  for (const statement of file.statements) {
    const specifier = moduleSpecifierOf(statement);
    if (!specifier) continue;
    const declaration = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    if (!declaration) return undefined;
    if (ts.isSourceFile(declaration)) imported.push(declaration);
  }
  return imported;
}

/** `'./service'` of `import … from './service'`, `export … from './service'` and `import x = require('./service')`. */
function moduleSpecifierOf(statement: ts.Statement): ts.Expression | undefined {
  if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) return statement.moduleSpecifier;
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
    return statement.moduleReference.expression;
  }
  return undefined;
}
