import path from 'node:path';
import ts from 'typescript';
import { locallyExportedNames, moduleReferences } from './module-references';

/**
 * Whether code in `file` can see a value declared in `target`: `file` is `target` or imports it,
 * directly or through other files (`handler.ts` imports `service.ts`, which imports `model.ts`). A
 * file that does not reach `target` by its imports cannot name its functions, nor hold a value of
 * its classes' types. Always true when `target` is a script or adds globals (`declare global`),
 * and when a file on the way has imports that can't all be followed (a script, a `require`/`import()`
 * call, a `/// <reference>`, an import the checker can't resolve). Only the project's files on
 * the way are read, each file's imports once per checker; `files` are the project's files, among
 * which relative imports are looked up.
 */
export function reaches(checker: ts.TypeChecker, file: ts.SourceFile, target: ts.SourceFile, files: readonly ts.SourceFile[]): boolean {
  if (file === target || !ts.isExternalModule(target) || /\bdeclare\s+global\b/u.test(target.text)) return true;
  const state = stateOf(checker, files);
  let answers = state.reaching.get(target);
  if (!answers) state.reaching.set(target, answers = new Map());
  const known = answers.get(file);
  if (known !== undefined) return known;
  // A walk that ends without meeting `target` has seen every file those files reach: none reaches it.
  const seen = new Set<ts.SourceFile>([file]);
  const stack = [file];
  while (stack.length > 0) {
    const imported = importsOnce(checker, state, stack.pop()!);
    if (!imported) return remember(answers, file, true);
    for (const next of imported) {
      if (next === target || answers.get(next) === true) return remember(answers, file, true);
      // A package's modules import none of the project's files; walking them would only read
      // the package's declarations, and give up at the first `import("…")` type among them.
      if (state.byName.get(next.fileName) !== next) continue;
      if (!seen.has(next) && answers.get(next) !== false) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  for (const visited of seen) answers.set(visited, false);
  return false;
}

function remember(answers: Map<ts.SourceFile, boolean>, file: ts.SourceFile, answer: boolean): boolean {
  answers.set(file, answer);
  return answer;
}

interface ReachState {
  /** Per file, the files it imports; `null` when they can't all be known. */
  readonly imports: Map<ts.SourceFile, ts.SourceFile[] | null>;
  /** The project's files by name, to find a relative import without asking the checker. */
  readonly byName: Map<string, ts.SourceFile>;
  /** Per folder and relative specifier, the project file it names: the files of a folder share their imports. */
  readonly relative: Map<string, ts.SourceFile | null>;
  /** The lists of files already added to `byName`. */
  readonly listsRead: WeakSet<readonly ts.SourceFile[]>;
  /** Per target, the files known to reach it or not. */
  readonly reaching: Map<ts.SourceFile, Map<ts.SourceFile, boolean>>;
}

/** Per checker (one per program). */
const states = new WeakMap<ts.TypeChecker, ReachState>();

/** The state of this checker, with the names of `files` known. */
function stateOf(checker: ts.TypeChecker, files: readonly ts.SourceFile[]): ReachState {
  let state = states.get(checker);
  if (!state) states.set(checker, state = { imports: new Map(), byName: new Map(), relative: new Map(), listsRead: new WeakSet(), reaching: new Map() });
  if (!state.listsRead.has(files)) {
    state.listsRead.add(files);
    for (const known of files) state.byName.set(known.fileName, known);
  }
  return state;
}

function importsOnce(checker: ts.TypeChecker, state: ReachState, file: ts.SourceFile): ts.SourceFile[] | undefined {
  let imported = state.imports.get(file);
  if (imported === undefined) state.imports.set(file, imported = importsOf(checker, state, file) ?? null);
  return imported ?? undefined;
}

/** The files a module imports or re-exports from, or undefined when they can't all be known. */
function importsOf(checker: ts.TypeChecker, state: ReachState, file: ts.SourceFile): ts.SourceFile[] | undefined {
  if (!ts.isExternalModule(file) || file.referencedFiles.length > 0 || /(?<![.\w$])(?:require|import)\s*\(/u.test(file.text)) return undefined;
  const imported: ts.SourceFile[] = [];
  for (const statement of file.statements) {
    const specifier = moduleSpecifierOf(statement);
    if (!specifier) continue;
    const resolved = resolveSpecifier(checker, state, file, specifier);
    if (resolved === undefined) return undefined;
    if (resolved) imported.push(resolved);
  }
  return imported;
}

/**
 * The project's files whose declarations `file` can name by its own imports: those it imports
 * (also by `require`), and those they pass on (`export * from './payments'` in an index, or
 * `import { charge } from './charge'; export { charge }`), through any number of indexes. An
 * import that can't be resolved is left out, and so are packages' modules. `files` are the
 * project's files, as for `reaches`.
 */
export function importedFiles(checker: ts.TypeChecker, file: ts.SourceFile, files: readonly ts.SourceFile[]): ts.SourceFile[] {
  const state = stateOf(checker, files);
  const found = new Set<ts.SourceFile>();
  const follow = (from: ts.SourceFile, passedOn: boolean): void => {
    const exported = passedOn ? locallyExportedNames(from) : undefined;
    for (const { specifier, names } of moduleReferences(from)) {
      // `file` binds what it imports; an index only what it passes on.
      if (exported ? names !== 'reexport' && !names.some((name) => exported.has(name)) : names === 'reexport') continue;
      const resolved = resolveSpecifier(checker, state, from, specifier);
      // A package's modules hold none of the project's functions, and an index of one may
      // re-export hundreds of them.
      if (!resolved || state.byName.get(resolved.fileName) !== resolved || found.has(resolved) || resolved === file) continue;
      found.add(resolved);
      follow(resolved, true);
    }
  };
  follow(file, false);
  return [...found];
}

/**
 * The file a module specifier names: one of the project's, or a package's module; `null` for a
 * name that is no file (an ambient module), undefined when it can't be resolved.
 */
function resolveSpecifier(checker: ts.TypeChecker, state: ReachState, file: ts.SourceFile,
  specifier: ts.Expression): ts.SourceFile | null | undefined {
  const relative = ts.isStringLiteralLike(specifier) ? relativeImportOnce(state, file, specifier.text) : undefined;
  if (relative) return relative;
  const declaration = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
  if (!declaration) return undefined;
  return ts.isSourceFile(declaration) ? declaration : null;
}

/** `'./service'` of `import … from './service'`, `export … from './service'` and `import x = require('./service')`. */
function moduleSpecifierOf(statement: ts.Statement): ts.Expression | undefined {
  if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) return statement.moduleSpecifier;
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
    return statement.moduleReference.expression;
  }
  return undefined;
}

/** What TypeScript tries for `./service`, `./service.js` and `./lib`, in the project's own files. */
const CANDIDATE_ENDINGS = ['', '.ts', '.tsx', '.mts', '.cts', '/index.ts', '/index.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.js'];

/** `relativeImport`, asked once per folder and specifier. */
function relativeImportOnce(state: ReachState, file: ts.SourceFile, specifier: string): ts.SourceFile | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const folder = file.fileName.slice(0, file.fileName.lastIndexOf('/'));
  const key = `${folder}\0${specifier}`;
  let found = state.relative.get(key);
  if (found === undefined) state.relative.set(key, found = relativeImport(state.byName, folder, specifier) ?? null);
  return found ?? undefined;
}

/**
 * The project file a relative specifier names (`./service`, `../core/model.js`) from `folder`,
 * found among the program's files by the names TypeScript would try; undefined when none of
 * those names is a file of the project, and then the checker is asked.
 */
function relativeImport(byName: ReadonlyMap<string, ts.SourceFile>, folder: string, specifier: string): ts.SourceFile | undefined {
  const base = joinRelative(folder, specifier);
  const stem = base.replace(/\.(?:[mc]?js|jsx)$/u, '');
  for (const ending of CANDIDATE_ENDINGS) {
    const found = byName.get(stem + ending);
    if (found && /\.(?:[mc]?[tj]s|[tj]sx)$/u.test(found.fileName)) return found;
  }
  return undefined;
}

/**
 * `folder` joined with a specifier that starts with `./` or `../`, as `path.posix.join` would join
 * them; the leading steps are taken by hand, which is most of what specifiers hold.
 */
function joinRelative(folder: string, specifier: string): string {
  let base = folder;
  let rest = specifier;
  while (true) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('../') && base.lastIndexOf('/') > 0) {
      base = base.slice(0, base.lastIndexOf('/'));
      rest = rest.slice(3);
    } else break;
  }
  if (rest === '' || rest.startsWith('.') || rest.includes('/.') || rest.endsWith('/') || rest.includes('//')) return path.posix.join(folder, specifier);
  return `${base}/${rest}`;
}
