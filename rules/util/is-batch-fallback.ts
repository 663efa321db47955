import ts from 'typescript';
import { callSites, nameOf, projectFiles } from './call-sites';
import { operationName } from './operation-name';

/** How a name marks the form of an operation that takes many items in one call. */
const BATCH_SUFFIXES = ['many', 'batch', 'bulk'];
const BATCH_PREFIXES = ['bulk', 'batch', 'has'];

/** What the test needs to follow a helper to its callers: the program's checker and files. */
export interface FallbackContext {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
}

/**
 * Whether `node` (a loop, or a `Promise.all` over per-item work) only runs where the object lacks
 * the batch form of the operations it repeats: the code tests for that form first and leaves when
 * it is there, or `node` is the `else` of that test (or the other side of `?:`).
 *
 *     if (typeof store.rmMany === 'function') return store.rmMany(hashes);
 *     await Promise.all(hashes.map((hash) => store.rm(hash)));
 *
 * What follows the test is the fallback for implementations without the batch call; where it
 * matters, the code already makes one call for all the items. With `context`, a helper of the
 * project that every caller calls only as such a fallback is one too:
 *
 *     typeof log.hasMany === 'function' ? await log.hasMany(hashes) : await this.existing(hashes)
 */
export function isBatchFallback(node: ts.Node, operations: readonly string[], context?: FallbackContext): boolean {
  const names = new Set(operations.map((name) => name.toLowerCase()));
  if (names.size === 0) return false;
  return isFallbackIn(node, names, context);
}

function isFallbackIn(node: ts.Node, names: ReadonlySet<string>, context: FallbackContext | undefined): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  for (; parent && !ts.isFunctionLike(parent) && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.elseStatement === child && testsBatchForm(parent.expression, names)) return true;
    if (ts.isConditionalExpression(parent) && parent.whenFalse === child && testsBatchForm(parent.condition, names)) return true;
    if (ts.isBlock(parent)) {
      const earlier = parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement));
      if (earlier.some((statement) => ts.isIfStatement(statement) && statement.elseStatement === undefined
        && alwaysLeaves(statement.thenStatement) && testsBatchForm(statement.expression, names))) {
        return true;
      }
    }
  }
  if (!context || !parent || !ts.isFunctionLike(parent)) return false;
  // A caller that tests for the batch form is in a file that spells both the helper's name and
  // that form; without such a file, there is no need to find the callers.
  const name = nameOf(parent)?.text;
  const batchForm = batchFormPattern(names);
  if (name === undefined || !batchSpellings(context.program).some(({ file, words }) => words.some((word) => batchForm.test(word))
    && file.text.includes(name))) {
    return false;
  }
  // One level of callers: the helper's callers are asked without following theirs.
  const calls = callSites(context.checker, parent, projectFiles(context.program));
  return calls !== undefined && calls.every((call) => isFallbackIn(call, names, undefined));
}

/** The batch words themselves, found before the name around each is read. */
const BATCH_WORD = new RegExp(BATCH_SUFFIXES.join('|'), 'giu');

/** A character of a name, `#` of a private one's included (`this.#rmMany`). */
const NAME_CHARACTER = /[\w$#]/u;

interface BatchSpelling {
  readonly file: ts.SourceFile;
  readonly words: readonly string[];
}

const spellings = new WeakMap<ts.Program, readonly BatchSpelling[]>();

/**
 * The project's files that spell a batch word, with the names around each (`putMany`, `bulkInsert`,
 * `BatchWriter`): every match of `batchFormPattern` lies inside one of them, as operation names are
 * made of name characters. Read once per program, not once per helper.
 */
function batchSpellings(program: ts.Program): readonly BatchSpelling[] {
  let found = spellings.get(program);
  if (!found) {
    found = projectFiles(program).map((file) => ({ file, words: namesAround(file.text) })).filter(({ words }) => words.length > 0);
    spellings.set(program, found);
  }
  return found;
}

function namesAround(text: string): string[] {
  const words = new Set<string>();
  for (const match of text.matchAll(BATCH_WORD)) {
    let start = match.index;
    let end = start + match[0].length;
    while (start > 0 && NAME_CHARACTER.test(text[start - 1]!)) start--;
    while (end < text.length && NAME_CHARACTER.test(text[end]!)) end++;
    words.add(text.slice(start, end));
  }
  return [...words];
}

/** A condition that names the batch form of one of the operations: `store.rmMany`, `hasPutMany(store)`. */
function testsBatchForm(condition: ts.Expression, operations: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && isBatchName(node.text.toLowerCase(), operations)) found = true;
    else if (ts.isStringLiteral(node) && isBatchName(node.text.toLowerCase(), operations)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(condition);
  return found;
}

/**
 * Text that contains every name `isBatchName` accepts for these operations (and more): a quick
 * test of a whole file before its names are read.
 */
function batchFormPattern(operations: ReadonlySet<string>): RegExp {
  const alternatives = [...operations].map((operation) => operation.replace(/\$/gu, '\\$'));
  const operation = `(?:${alternatives.join('|')})`;
  const suffix = `(?:${BATCH_SUFFIXES.join('|')})`;
  return new RegExp(`${operation}${suffix}|(?:bulk|batch)${operation}`, 'iu');
}

function isBatchName(name: string, operations: ReadonlySet<string>): boolean {
  for (const operation of operations) {
    if (!name.includes(operation) || name === operation) continue;
    for (const prefix of ['', ...BATCH_PREFIXES]) {
      if (BATCH_SUFFIXES.some((suffix) => name === `${prefix}${operation}${suffix}`)) return true;
      if (prefix !== 'has' && prefix !== '' && name === `${prefix}${operation}`) return true;
    }
  }
  return false;
}

/** A statement after which the code below it does not run: it returns or throws at its end. */
function alwaysLeaves(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && alwaysLeaves(last);
  }
  return false;
}

/** The names of the operations that calls under `roots` make: `rm` in `(hash) => store.rm(hash)`. */
export function operationsUnder(roots: readonly ts.Node[]): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = operationName(node);
      if (name !== undefined) names.push(name);
    }
    ts.forEachChild(node, visit);
  };
  for (const root of roots) visit(root);
  return names;
}
