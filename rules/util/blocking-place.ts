import path from 'node:path';
import ts from 'typescript';
import { projectFiles, references } from './call-sites';
import { handlerSource, type HandlerContext, type HandlerSource } from './handler-model';
import { isAsyncFunction } from './is-async-function';
import { isPromiseLike } from './is-promise-like';
import { NodeAnswers } from './node-answers';
import { skipOuterExpressions } from './skip-outer-expressions';

/** Where a blocking call holds up other work: the function, and what the message calls it. */
export interface BlockingPlace {
  readonly fn: ts.SignatureDeclaration;
  /** "an async function", "a promise callback", or what the handler is ("an Express route handler"). */
  readonly where: string;
}

export interface PlaceContext extends HandlerContext {
  /** A command-line program: it waits for nothing else, so only handlers in it, and what they call, count. */
  readonly cli: boolean;
  /** Report in every async function and promise callback, not only in those a handler reaches. */
  readonly checkAsyncFunctions: boolean;
}

/** Callbacks that the standard library calls before the call that takes them returns. */
const RUN_AT_ONCE = new Set(['map', 'forEach', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'flatMap', 'sort', 'toSorted', 'from']);

/** Functions that a program runs once as it starts, by the usual names. */
const START_UP_NAMES = new Set(['main', 'bootstrap']);

/** How many callers up the start-up and handler questions follow. */
const MAX_CALLER_DEPTH = 3;

/**
 * The code a blocking call at `node` holds up, if any: a request or message handler (even a
 * synchronous one), or an async function or promise callback that a handler calls (through up to
 * three callers), reached through callbacks that run at once (`files.map((file) => readFileSync(file))`).
 * With `checkAsyncFunctions`, any async function or promise callback counts, except start-up code
 * (`main`, `bootstrap`, what only they, the top level or a command-line file call). Module top
 * level, plain synchronous functions, callbacks kept for later (`process.on('exit', …)`) and error
 * paths (a `catch` block) hold up nothing that matters.
 */
export function blockingPlace(context: PlaceContext, node: ts.Node): BlockingPlace | undefined {
  if (isInCatchClause(node)) return undefined;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const source = handlerSource(context, fn);
    if (source) return source.ownProcess ? undefined : { fn, where: source.name };
    const async = isAsyncFunction(fn);
    if (async || isPromiseCallback(context.checker, fn)) {
      // A promise callback runs for the function it is written in: a handler, or what one calls.
      // A command-line program that serves requests holds them up too.
      const outer = enclosingFunction(fn);
      const caller = handlerCalling(context, fn, 0)
        ?? (!async && outer ? handlerSource(context, outer) ?? handlerCalling(context, outer, 0) : undefined);
      const kind = async ? 'an async function' : 'a promise callback';
      if (caller) return { fn, where: `${kind} that ${caller.name} calls` };
      if (context.cli || !context.checkAsyncFunctions) return undefined;
      // `start().then(() => writeFileSync(…))` at the top level, or in start-up code, is start-up too.
      const startsWith = async ? fn : outer;
      return !startsWith || isStartUp(context, startsWith, 0) ? undefined : { fn, where: kind };
    }
    if (!runsAtOnce(fn)) return undefined;
  }
  return undefined;
}

/** Whether the code sits in a `catch` block of the function around it: an error path, which runs rarely. */
function isInCatchClause(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isFunctionLike(current); current = current.parent) {
    if (ts.isCatchClause(current)) return true;
  }
  return false;
}

/** Answers per configuration (the user's `handlers` change them), checker and function. */
const handlerAnswers = new NodeAnswers<ts.SignatureDeclaration, HandlerSource | null>(null);

/** The handler that calls `fn`, directly or through a few callers: `router.get(path, (req) => reports.save(req.body))`. */
function handlerCalling(context: PlaceContext, fn: ts.SignatureDeclaration, depth: number): HandlerSource | undefined {
  return handlerAnswers.get(context.cacheKey ?? context, context.checker, fn, () => findHandlerCalling(context, fn, depth) ?? null) ?? undefined;
}

function findHandlerCalling(context: PlaceContext, fn: ts.SignatureDeclaration, depth: number): HandlerSource | undefined {
  if (depth >= MAX_CALLER_DEPTH) return undefined;
  const found = references(context.checker, fn, projectFiles(context.program));
  for (const call of found?.calls ?? []) {
    if (isInCatchClause(call)) continue;
    for (let caller = enclosingFunction(call); caller; caller = runsAtOnce(caller) ? enclosingFunction(caller) : undefined) {
      const source = handlerSource(context, caller) ?? handlerCalling(context, caller, depth + 1);
      // What a sandboxed processor calls runs in its process; another caller may still be a handler.
      if (source && !source.ownProcess) return source;
    }
  }
  return undefined;
}

/**
 * A file of a command-line program: a `#!` line (which ESLint hands on as `///usr/bin/env node`),
 * a `bin/`, `scripts/` or `cli/` directory, or `cli.ts`.
 */
export function isCliFile(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  if (/^(?:#!|\/\/\/usr\/bin\/env\s)/u.test(sourceFile.text)) return true;
  const segments = path.relative(program.getCurrentDirectory(), sourceFile.fileName).replaceAll('\\', '/').split('/');
  const name = segments.pop() ?? '';
  return /^cli\.[cm]?[jt]sx?$/u.test(name) || segments.some((segment) => segment === 'bin' || segment === 'scripts' || segment === 'cli');
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  return ts.findAncestor(node.parent, (ancestor): ancestor is ts.SignatureDeclaration =>
    ts.isFunctionLike(ancestor) && !ts.isFunctionTypeNode(ancestor) && (ancestor as ts.FunctionLikeDeclaration).body !== undefined);
}

/** `promise.then((rows) => …)`, `new Promise((resolve) => …)`. */
function isPromiseCallback(checker: ts.TypeChecker, fn: ts.SignatureDeclaration): boolean {
  const call = argumentOf(fn);
  if (!call) return false;
  if (ts.isNewExpression(call)) return ts.isIdentifier(call.expression) && call.expression.text === 'Promise';
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && ['then', 'catch', 'finally'].includes(callee.name.text)
    && isPromiseLike(checker, checker.getTypeAtLocation(callee.expression));
}

/** `items.map((item) => …)`, `Array.from(xs, (x) => …)`, `(() => …)()`: called before the call returns. */
function runsAtOnce(fn: ts.SignatureDeclaration): boolean {
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  if (ts.isCallExpression(node.parent) && node.parent.expression === node) return true;
  const call = argumentOf(fn);
  if (!call || !ts.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && RUN_AT_ONCE.has(callee.name.text);
}

function argumentOf(fn: ts.SignatureDeclaration): ts.CallExpression | ts.NewExpression | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression) ? parent : undefined;
}

/** Answers per checker and function: whether code starts up depends on no option. */
const startUpAnswers = new NodeAnswers<ts.SignatureDeclaration, boolean>(false);
const ANY_CONFIGURATION = {};

/**
 * A function the program runs as it starts: named `main` or `bootstrap`, or called only from the
 * module's top level (`start().catch(exit)`) or from such functions.
 */
function isStartUp(context: PlaceContext, fn: ts.SignatureDeclaration, depth: number): boolean {
  return startUpAnswers.get(ANY_CONFIGURATION, context.checker, fn, () => startsUp(context, fn, depth));
}

function startsUp(context: PlaceContext, fn: ts.SignatureDeclaration, depth: number): boolean {
  const name = ts.getNameOfDeclaration(fn) ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined);
  if (name && ts.isIdentifier(name) && START_UP_NAMES.has(name.text)) return true;
  if (depth >= MAX_CALLER_DEPTH) return false;
  const found = references(context.checker, fn, projectFiles(context.program));
  if (!found || found.values.length > 0 || found.calls.length === 0) return false;
  return found.calls.every((call) => {
    const caller = enclosingFunction(call);
    return caller === undefined || isCliFile(context.program, call.getSourceFile()) || isStartUp(context, caller, depth + 1);
  });
}
