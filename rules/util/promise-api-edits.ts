import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { CHILD_PROCESS_TWINS, childProcessTwin } from './child-process-twin';
import { isAsyncFunction } from './is-async-function';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unusedNameAt } from './unused-name-at';

/** `fs` functions whose `fs/promises` twin takes the same arguments and resolves to what they return. */
const FS_TWINS = new Set(['readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'lstat', 'mkdir', 'rm', 'rmdir', 'unlink',
  'rename', 'copyFile', 'access', 'realpath', 'mkdtemp', 'readlink', 'symlink', 'link', 'chmod', 'chown', 'lchown', 'utimes',
  'lutimes', 'truncate', 'cp', 'opendir', 'statfs']);

/**
 * Callback functions whose `promisify`d form Node types exactly (`gzip.__promisify__`), or whose
 * one signature `promisify` reads right (`pbkdf2`); `scrypt`'s overloads come out as `unknown`.
 */
const PROMISIFIED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['zlib', new Set(['gzip', 'gunzip', 'deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress'])],
  ['crypto', new Set(['pbkdf2'])],
]);

/** A fix that awaits the promise twin of a blocking call. */
export interface PromiseApiFix {
  /** `readFile` from `node:fs/promises`, `fs.promises.readFile`, `promisify(gzip)`. */
  readonly replacement: string;
  /**
   * Whether the twin behaves as the call did, so that `--fix` may apply it. `promisify(exec)`
   * keeps the child's error output instead of passing it on, and fails with another error.
   */
  readonly safe: boolean;
  edits(): readonly TextEdit[];
}

/**
 * `await readFile(path, 'utf8')` for `readFileSync(path, 'utf8')`, importing `readFile` from
 * `node:fs/promises` (or adding it to an import of it), or `await fs.promises.readFile(…)` when
 * the call goes through the imported `fs` module; `await promisify(gzip)(body)` for
 * `gzipSync(body)` and `await promisify(pbkdf2)(…)` for `pbkdf2Sync(…)`, importing `promisify`
 * and the callback function. Only where `await` may stand: directly in an async function, with
 * the same arguments, through an ES import of the module. `statSync(path, { throwIfNoEntry:
 * false })` has no twin that answers `undefined`.
 */
export function promiseApiFix(checker: ts.TypeChecker, sourceFile: ts.SourceFile, call: ts.CallExpression, name: string, module: string): PromiseApiFix | undefined {
  const twin = name.replace(/Sync$/u, '');
  const childProcess = module === 'child_process' && CHILD_PROCESS_TWINS.has(twin);
  const promisified = PROMISIFIED.get(module)?.has(twin) === true || childProcess;
  if (!(module === 'fs' && FS_TWINS.has(twin)) && !promisified) return undefined;
  if (!awaitsHere(call) || call.arguments.some(mentionsThrowIfNoEntry)) return undefined;
  const adapted = childProcess ? childProcessTwin(sourceFile, call, twin) : undefined;
  if (childProcess && !adapted) return undefined;
  const callee = skipOuterExpressions(call.expression);
  const awaitEdits = [...awaitCall(sourceFile, call, adapted?.readsOutput === true), ...adapted?.edits ?? []];
  const safe = !childProcess;
  const replace = (text: string): TextEdit => ({ start: callee.getStart(sourceFile), end: callee.getEnd(), newText: text });
  const utilModule = (specifier: ts.StringLiteral): string => `${specifier.text.startsWith('node:') ? 'node:' : ''}util`;
  if (ts.isPropertyAccessExpression(callee)) {
    const moduleImport = importOf(checker, callee.expression);
    if (!moduleImport || !isModule(moduleImport, module)) return undefined;
    const receiver = callee.expression.getText(sourceFile);
    if (!promisified) {
      const replacement = `${receiver}.promises.${twin}`;
      return { replacement, safe, edits: () => [replace(replacement), ...awaitEdits] };
    }
    return {
      replacement: `promisify(${receiver}.${twin})`,
      safe,
      edits: () => {
        const util = namedImport(checker, sourceFile, call, utilModule(moduleImport), 'promisify');
        return [replace(`${util.local}(${receiver}.${twin})`), ...awaitEdits, ...util.edits];
      },
    };
  }
  if (!ts.isIdentifier(callee)) return undefined;
  const declaration = importOf(checker, callee);
  const element = importBinding(checker, callee);
  if (!declaration || !isModule(declaration, module) || !element || !ts.isImportSpecifier(element)) return undefined;
  // The blocking function's import goes when this was its only use, so `noUnusedLocals` stays quiet.
  const lastUse = isOnlyUse(checker, sourceFile, callee, element);
  if (!promisified) {
    const promisesModule = `${declaration.text.startsWith('node:') ? 'node:' : ''}fs/promises`;
    return {
      replacement: twin,
      safe,
      edits: () => {
        const statement = element.parent.parent.parent;
        if (lastUse && element.parent.elements.length === 1 && !element.parent.parent.name && !importsFrom(sourceFile, promisesModule)) {
          // `import { readFileSync } from 'node:fs'` becomes `import { readFile } from 'node:fs/promises'`.
          const local = unusedNameAt(checker, [sourceFile, call], twin);
          const quote = declaration.getText(sourceFile).charAt(0);
          const text = `import { ${local === twin ? twin : `${twin} as ${local}`} } from ${quote}${promisesModule}${quote};`;
          return [replace(local), ...awaitEdits, { start: statement.getStart(sourceFile), end: statement.getEnd(), newText: text }];
        }
        const { local, edits } = namedImport(checker, sourceFile, call, promisesModule, twin);
        const removal = lastUse ? removeImport(sourceFile, element) : [];
        return [replace(local), ...awaitEdits, ...edits, ...removal];
      },
    };
  }
  return {
    replacement: `promisify(${twin})`,
    safe,
    edits: () => {
      const util = namedImport(checker, sourceFile, call, utilModule(declaration), 'promisify');
      if (lastUse && !hasNamedImport(sourceFile, declaration.text, twin)) {
        // `import { gzipSync } from 'node:zlib'` becomes `import { gzip } from 'node:zlib'`.
        const local = unusedNameAt(checker, [sourceFile, call], twin);
        const renamed = { start: element.getStart(sourceFile), end: element.getEnd(), newText: local === twin ? twin : `${twin} as ${local}` };
        return [replace(`${util.local}(${local})`), ...awaitEdits, renamed, ...util.edits];
      }
      const callback = namedImport(checker, sourceFile, call, declaration.text, twin);
      const removal = lastUse ? removeImport(sourceFile, element) : [];
      return [replace(`${util.local}(${callback.local})`), ...awaitEdits, ...callback.edits, ...util.edits, ...removal];
    },
  };
}

/** Whether `reference` is the only place the file reads the name its import binds. */
function isOnlyUse(checker: ts.TypeChecker, sourceFile: ts.SourceFile, reference: ts.Identifier, element: ts.ImportSpecifier): boolean {
  const symbol = checker.getSymbolAtLocation(element.name);
  let uses = 0;
  const visit = (node: ts.Node): void => {
    if (uses > 1) return;
    if (ts.isIdentifier(node) && node.text === reference.text && node !== element.name && checker.getSymbolAtLocation(node) === symbol) uses++;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return uses === 1;
}

function importsFrom(sourceFile: ts.SourceFile, moduleName: string): boolean {
  return sourceFile.statements.some((statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)
    && statement.moduleSpecifier.text.replace(/^node:/u, '') === moduleName.replace(/^node:/u, ''));
}

function hasNamedImport(sourceFile: ts.SourceFile, moduleName: string, name: string): boolean {
  return sourceFile.statements.some((statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)
    && statement.moduleSpecifier.text.replace(/^node:/u, '') === moduleName.replace(/^node:/u, '')
    && statement.importClause?.namedBindings !== undefined && ts.isNamedImports(statement.importClause.namedBindings)
    && statement.importClause.namedBindings.elements.some((element) => (element.propertyName ?? element.name).text === name));
}

/** Removes one name from a named import, or the whole import when it was the only thing imported. */
function removeImport(sourceFile: ts.SourceFile, element: ts.ImportSpecifier): TextEdit[] {
  const { elements } = element.parent;
  const index = elements.indexOf(element);
  if (elements.length > 1) {
    const next = elements[index + 1];
    return next
      ? [{ start: element.getStart(sourceFile), end: next.getStart(sourceFile), newText: '' }]
      : [{ start: elements[index - 1]!.getEnd(), end: element.getEnd(), newText: '' }];
  }
  const clause = element.parent.parent;
  if (clause.name) return [];
  const statement = clause.parent;
  const end = sourceFile.text.charAt(statement.getEnd()) === '\n' ? statement.getEnd() + 1 : statement.getEnd();
  return [{ start: statement.getStart(sourceFile), end, newText: '' }];
}

/** Whether `await` may go before the call: its nearest function is async, and it is not in a parameter default. */
function awaitsHere(call: ts.CallExpression): boolean {
  const fn = ts.findAncestor(call.parent, (node) => ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node));
  return fn !== undefined && isAsyncFunction(fn) && !isInParameter(call, fn);
}

function isInParameter(call: ts.Node, fn: ts.Node): boolean {
  for (let node = call.parent; node && node !== fn; node = node.parent) if (ts.isParameter(node)) return true;
  return false;
}

function mentionsThrowIfNoEntry(argument: ts.Expression): boolean {
  return /\bthrowIfNoEntry\b/u.test(argument.getText());
}

/**
 * `await call`, in parentheses where the call is the start of a longer chain
 * (`readFileSync(p).toString()`), and `(await call).stdout` where the output is read.
 */
function awaitCall(sourceFile: ts.SourceFile, call: ts.CallExpression, readsOutput: boolean): TextEdit[] {
  const start = call.getStart(sourceFile);
  if (readsOutput) return [{ start, end: start, newText: '(await ' }, { start: call.getEnd(), end: call.getEnd(), newText: ').stdout' }];
  const parent = call.parent;
  const chained = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isNonNullExpression(parent)
    || ts.isTaggedTemplateExpression(parent) || ts.isCallExpression(parent)) && (parent as { expression?: ts.Node }).expression === call;
  if (!chained) return [{ start, end: start, newText: 'await ' }];
  return [{ start, end: start, newText: '(await ' }, { start: call.getEnd(), end: call.getEnd(), newText: ')' }];
}

/** The module specifier of the ES import a name comes from, if it does. */
function importOf(checker: ts.TypeChecker, node: ts.Expression): ts.StringLiteral | undefined {
  const binding = importBinding(checker, node);
  const declaration = binding && ts.findAncestor(binding, ts.isImportDeclaration);
  return declaration && ts.isStringLiteral(declaration.moduleSpecifier) ? declaration.moduleSpecifier : undefined;
}

function importBinding(checker: ts.TypeChecker, node: ts.Expression): ts.Declaration | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = checker.getSymbolAtLocation(node)?.declarations?.[0];
  return declaration && (ts.isImportSpecifier(declaration) || ts.isNamespaceImport(declaration) || ts.isImportClause(declaration))
    ? declaration : undefined;
}

function isModule(specifier: ts.StringLiteral, module: string): boolean {
  return specifier.text.replace(/^node:/u, '') === module;
}

/**
 * The local name of `name` imported from `moduleName`: an existing named import of it, a
 * specifier added to an existing import of the module, or a new import after the last one.
 */
function namedImport(checker: ts.TypeChecker, sourceFile: ts.SourceFile, at: ts.Node, moduleName: string, name: string): { local: string; edits: TextEdit[] } {
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const sameModule = imports.filter((declaration) => ts.isStringLiteral(declaration.moduleSpecifier)
    && declaration.moduleSpecifier.text.replace(/^node:/u, '') === moduleName.replace(/^node:/u, '') && !declaration.importClause?.isTypeOnly);
  for (const declaration of sameModule) {
    const bindings = declaration.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const existing = bindings.elements.find((element) => !element.isTypeOnly && (element.propertyName ?? element.name).text === name);
    if (existing) return { local: existing.name.text, edits: [] };
  }
  const local = unusedNameAt(checker, [sourceFile, at], name);
  const specifier = local === name ? name : `${name} as ${local}`;
  const named = sameModule.map((declaration) => declaration.importClause?.namedBindings).find((bindings) => bindings && ts.isNamedImports(bindings));
  if (named && ts.isNamedImports(named)) {
    const last = named.elements.at(-1);
    const position = last ? last.getEnd() : named.getStart(sourceFile) + 1;
    return { local, edits: [{ start: position, end: position, newText: last ? `, ${specifier}` : ` ${specifier} ` }] };
  }
  const quote = imports[0]?.moduleSpecifier.getText(sourceFile).startsWith('"') ? '"' : '\'';
  const text = `import { ${specifier} } from ${quote}${moduleName}${quote};`;
  const last = imports.at(-1);
  if (last) return { local, edits: [{ start: last.getEnd(), end: last.getEnd(), newText: `\n${text}` }] };
  const first = sourceFile.statements[0];
  const start = first ? first.getStart(sourceFile) : sourceFile.getEnd();
  return { local, edits: [{ start, end: start, newText: `${text}\n\n` }] };
}
