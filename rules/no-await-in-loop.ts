import ts from 'typescript';
import { isScriptFile } from './util/is-script-file';
import { isTestFile } from './util/is-test-file';
import type { Rule, RuleContext, Suggestion } from './core/types';
import { addDefaultImport } from './util/add-default-import';
import { awaitedUpdateEdits } from './util/awaited-update-edits';
import { awaitsPendingWork } from './util/awaits-pending-work';
import type { Binding } from './util/binding';
import { bindingsReadBy } from './util/bindings-read-by';
import { bindingsWrittenBy } from './util/bindings-written-by';
import { boundNames } from './util/bound-names';
import { callsParameter } from './util/calls-parameter';
import { canImportPackage } from './util/can-import-package';
import { collectedPush, type CollectedPush } from './util/collected-push';
import { concurrentLoopEdits, type ConcurrentStrategy } from './util/concurrent-loop-edits';
import { containsAwait } from './util/contains-await';
import { isBatchFallback, operationsUnder } from './util/is-batch-fallback';
import { isBatch } from './util/is-batch';
import { isBoundedCollection, isConfiguredList } from './util/is-bounded-collection';
import { isInDeprecatedCode } from './util/is-in-deprecated-code';
import { isSizedByData } from './util/is-sized-by-data';
import { isPacingAwait } from './util/is-pacing-await';
import { isPromiseLike } from './util/is-promise-like';
import { keepsOrderAcrossIterations } from './util/keeps-order-across-iterations';
import { lastWord } from './util/last-word';
import { loopDataFlow } from './util/loop-data-flow';
import { loopIteration, type LoopIteration } from './util/loop-iteration';
import { mayReorder } from './util/may-reorder';
import { operationName } from './util/operation-name';
import { SEEN_TO_WAIT_ON_IO, performsIo } from './util/performs-io';
import { runsInFanOut } from './util/runs-in-fan-out';
import { runsFanOut } from './util/promise-combinator';
import { referenceRoot } from './util/reference-root';
import { runsOnce } from './util/runs-once';
import { scanLoopBody, type LoopBodyScan } from './util/scan-loop-body';
import { skipOuterExpressions } from './util/skip-outer-expressions';
import { unionParts } from './util/union-parts';
import { unusedNameAt } from './util/unused-name-at';

export interface Options {
  /** The limit the fix writes into `pMap(…, { concurrency })` or the batched loop's constant. */
  readonly defaultConcurrency: number;
  /** Also check tests, mocks and seed data (`*.test.ts`, `test/`, `__mocks__/`, `seed/` …), which are skipped by default. */
  readonly checkTestFiles: boolean;
  /** Also check command-line programs, one-shot scripts and start-up code (`cli/`, `scripts/`, `migrations/`, `cli.ts`, a commander command's action, `main`, `init…`, `setup…`, `migrate…`), which are skipped by default. */
  readonly checkScripts: boolean;
}

export type MessageId = 'serialLoop' | 'mapWithPMap' | 'runInBatches' | 'runAllAtOnce';

type Context = RuleContext<Options, MessageId>;

const LOOPS = [
  ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement,
];

export const noAwaitInLoop: Rule<Options, MessageId> = {
  id: 'no-await-in-loop',
  reach: { text: /\bawait\b/u, awaitsOnly: true },
  meta: {
    type: 'suggestion',
    description: 'Disallow loops that await independent work one item at a time.',
    recommended: false,
    peers: ['no-await-in-loop'],
    hasSuggestions: true,
    messages: {
      serialLoop: 'Each iteration waits for the previous one although they do not depend on each other, so this loop does its work one item at a time. Run the iterations concurrently, with a limit.',
      mapWithPMap: 'Run the iterations with `pMap` at a concurrency of {{concurrency}}.',
      runInBatches: 'Run the iterations in batches of {{concurrency}} with `Promise.all`.',
      runAllAtOnce: 'Run the iterations together with `Promise.all`.',
    },
    schema: [{
      type: 'object',
      additionalProperties: false,
      properties: {
        defaultConcurrency: { type: 'integer', minimum: 1 },
        checkTestFiles: { type: 'boolean' },
        checkScripts: { type: 'boolean' },
      },
    }],
    defaultOptions: { defaultConcurrency: 8, checkTestFiles: false, checkScripts: false },
  },
  create(context) {
    if (!context.options.checkTestFiles && isTestFile(context.program, context.sourceFile)) return {};
    if (!context.options.checkScripts && isScriptFile(context.program, context.sourceFile)) return {};
    const check = (node: ts.Node): void => checkLoop(context, node as ts.IterationStatement);
    return Object.fromEntries(LOOPS.map((kind) => [kind, check]));
  },
};

function iteratesOverData(context: Context, iteration: LoopIteration): boolean {
  if (iteration.kind !== 'for-of' && iteration.kind !== 'counted') return true;
  const source = skipOuterExpressions(iteration.source);
  const list = iteration.kind === 'counted' && ts.isPropertyAccessExpression(source) && source.name.text === 'length' ? source.expression : source;
  // A list someone configured (`config.regions`) is the program's own: a few entries, not data.
  if (ts.isPropertyAccessExpression(list) && isConfiguredList(list)) return false;
  // A list written out (a literal, a tuple) is short, and its iterations are reported as independent awaits are.
  if (isBoundedCollection(context.checker, list)) return true;
  // A parameter is what the caller hands in: taken as data without asking who calls.
  return isHandedIn(context.checker, list) || isSizedByData(context.program, context.checker, list);
}

/** `items` or `{ items }` of a function's parameters. A field of one (`manager.peers`) may be what that object keeps. */
function isHandedIn(checker: ts.TypeChecker, list: ts.Expression): boolean {
  const root = skipOuterExpressions(list);
  if (!ts.isIdentifier(root)) return false;
  const declaration = checker.getSymbolAtLocation(root)?.valueDeclaration;
  let node: ts.Node | undefined = declaration;
  while (node && (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node))) node = node.parent;
  return node !== undefined && ts.isParameter(node);
}

function checkLoop(context: Context, loop: ts.IterationStatement): void {
  const { checker, sourceFile } = context;
  const iteration = loopIteration(loop);
  // What the syntax alone rules out first; the checker's questions after.
  if (!iteration || awaitsInHeader(loop) || replaysLog(iteration) || isInDeprecatedCode(loop)) return;
  const scan = scanLoopBody(loop, iteration.body);
  if (scan.awaits.length === 0 || scan.hasSuspensionOrHoisting) return;
  const firstAwait = scan.awaits[0]!.getStart(sourceFile);
  if (scan.exits.some((exit) => exit.getEnd() > firstAwait)) return;
  if (scan.awaits.some((node) => isPacingAwait(node.expression))) return;
  if (iteration.kind === 'for-of' && (!walksCollection(checker, iteration.source) || walksBatches(checker, iteration)
    || walksSteps(checker, iteration.source))) {
    return;
  }
  const work = scan.awaits.filter((node) => startsWork(node.expression) && awaitsPendingWork(checker, skipOuterExpressions(node.expression)));
  if (work.length === 0 || work.every((node) => callsParameter(checker, node.expression))) return;
  // Work that keeps an order (one connection's conversation, steps) is common and cheaper to tell
  // than the data flow between iterations.
  const varies = variesPerIteration(checker, iteration);
  if (work.some((node) => keepsOrderAcrossIterations(checker, node.expression, varies))) return;
  const flow = loopDataFlow(checker, iteration, work);
  if (flow.carried || !flow.readsItem) return;
  if (work.some((later, index) => work.slice(0, index).some((earlier) => !mayReorder(checker, later.expression, earlier.expression)))) return;
  if (stopsWhenCancelled(checker, iteration, scan.exits)) return;
  if (!work.some((node) => performsIo(context.program, checker, node.expression, SEEN_TO_WAIT_ON_IO))) return;
  // An iteration that already runs its operations together: run side by side, the iterations
  // would multiply what is under way.
  if (work.some((node) => runsFanOut(context.program, checker, node.expression))) return;
  // A list the program keeps or builds for itself (its peers, a record's keys) is usually short:
  // only a list whose length data from outside decides, or one written out, is worth reporting.
  if (!iteratesOverData(context, iteration)) return;
  // Start-up code and the action of a command-line program's command run once, as a script does.
  if (!context.options.checkScripts && runsOnce(checker, loop)) return;
  // Last: a helper's callers are found by a search of the project.
  if (isBatchFallback(loop, operationsUnder(work), context)) return;
  // A loop in work that already runs beside its siblings: the fan-out around it is the concurrency.
  const enclosing = ts.findAncestor(loop.parent, ts.isFunctionLike);
  if (enclosing && runsInFanOut(context.program, checker, enclosing)) return;
  const first = work[0]!;
  // A loop that collects one result per item keeps its order when it is fixed to collect what
  // `pMap` or `Promise.all` answer; any other write in completion order would change the outcome.
  const collect = flow.orderedWrites.length === 0 ? undefined : collectedPush(checker, iteration, flow.orderedWrites);
  context.report({
    messageId: 'serialLoop',
    start: first.getStart(sourceFile),
    end: first.getEnd(),
    suggestions: flow.orderedWrites.length === 0 || collect ? suggestFix(context, iteration, scan, varies, collect) : [],
  });
}

/** Names of state that an abort or a shutdown changes while the loop waits. */
const CANCELLED = /^(?:aborted|cancell?ed|closed|closing|stopped|stopping|destroyed|shutdown|running|isRunning|active|isActive)$/u;

/** `signal.throwIfAborted()`: a check that throws once the work should stop. */
const THROW_IF_CANCELLED = /^(?:throwIf|assertNot)(?:Aborted|Cancell?ed|Closed|Stopped|Destroyed)$/u;

/** Names of calls that throw when a condition does not hold. */
const CHECK = /^(?:throwIf|assert)(?:[A-Z]|$)/u;

/** The standard library's types that carry a request to stop. */
const ABORT_TYPES = new Set(['AbortSignal', 'AbortController']);

/**
 * `if (signal.aborted) break;` or `signal.throwIfAborted()` before each send: the loop checks, item
 * by item, whether it should still go on, and something outside it (an abort, a shutdown) may say
 * no while it waits. Run together, every item would already have started. A check of the item
 * itself (`if (!user.active) break`) is not such a signal.
 */
function stopsWhenCancelled(checker: ts.TypeChecker, iteration: LoopIteration, exits: readonly ts.Statement[]): boolean {
  let items: Set<Binding> | undefined;
  const isOutside = (node: ts.Node): boolean => {
    items ??= bindingsWrittenBy(checker, iteration.item);
    const root = referenceRoot(node as ts.Expression);
    const symbol = ts.isIdentifier(root) ? checker.getSymbolAtLocation(root) : undefined;
    return symbol === undefined || !items.has(symbol);
  };
  const readsCancellation = (node: ts.Node): boolean => {
    if (ts.isPropertyAccessExpression(node)) {
      return (CANCELLED.test(node.name.text) && isOutside(node)) || readsCancellation(node.expression);
    }
    if (ts.isIdentifier(node)) return CANCELLED.test(node.text) && isOutside(node);
    return ts.forEachChild(node, readsCancellation) ?? false;
  };
  const guarded = exits.some((exit) => {
    for (let node: ts.Node = exit; node !== iteration.body && !ts.isFunctionLike(node); node = node.parent) {
      const parent = node.parent;
      if (ts.isIfStatement(parent) && parent.expression !== node && readsCancellation(parent.expression)) return true;
    }
    return false;
  });
  return guarded || statementCalls(iteration.body).some((call) => isCancellationCheck(checker, call));
}

/**
 * The calls made as statements of a loop body, also under an `if` without `else`
 * (`if (controller) assertLive(controller)`): checks that run when there is something to check.
 */
function statementCalls(statement: ts.Statement): ts.CallExpression[] {
  if (ts.isBlock(statement)) return statement.statements.flatMap(statementCalls);
  if (ts.isIfStatement(statement) && !statement.elseStatement) return statementCalls(statement.thenStatement);
  return ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression) ? [statement.expression] : [];
}

/**
 * `signal.throwIfAborted()`, or a check of the project's own handed the abort signal or its
 * controller: `this.throwIfInactive(controller)`, `assertLive(signal)`.
 */
function isCancellationCheck(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const name = operationName(call) ?? '';
  if (THROW_IF_CANCELLED.test(name)) return true;
  return CHECK.test(name) && call.arguments.some((argument) => {
    const symbol = checker.getTypeAtLocation(argument).getSymbol();
    return symbol !== undefined && ABORT_TYPES.has(symbol.getName());
  });
}

/**
 * Whether a `for…of` walks a collection whose items are all there: an array, a set, a map, or an
 * iterator made from one on the spot (`map.values()`). An iterator or generator that arrives as a
 * value may be lazy or shared (workers pulling from one iterator are a hand-written pool).
 */
function walksCollection(checker: ts.TypeChecker, source: ts.Expression): boolean {
  const node = skipOuterExpressions(source);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
    && ['values', 'keys', 'entries'].includes(node.expression.name.text)) {
    return true;
  }
  return unionParts(checker.getNonNullableType(checker.getTypeAtLocation(source)))
    .every((part) => checker.isArrayType(part) || checker.isTupleType(part) || part.getProperty('next') === undefined);
}

/** Names of the entries of a log, matched against the last word of a name (`seqEvts` → `evts`). */
const LOG_ENTRY = /^(?:events?|evts?|ops|operations?|commits?|changes?|changesets?|patch(?:es)?|steps?|migrations?|mutations?|revisions?|deltas?)$/u;

/**
 * `for (const evt of seqEvts) await apply(evt)`: events, operations, commits, patches, migrations
 * and steps are a log, applied in the order it was written; each one may build on the one before.
 */
function replaysLog(iteration: LoopIteration): boolean {
  const source = skipOuterExpressions(iteration.source);
  const sourceName = ts.isIdentifier(source) ? source.text : ts.isPropertyAccessExpression(source) ? source.name.text : undefined;
  return [...boundNames(iteration.item.name), sourceName].some((text) => text !== undefined && LOG_ENTRY.test(lastWord(text)));
}


/**
 * `for (const batch of chunk(ids, 500))`: each item is itself a list, sent in one request (a query
 * with `in`, a bulk insert); the loop paces those batches on purpose. Tuples (`Object.entries`
 * pairs) are single items.
 */
function walksBatches(checker: ts.TypeChecker, iteration: LoopIteration): boolean {
  const { name } = iteration.item;
  return ts.isIdentifier(name) && isBatch(checker, checker.getTypeAtLocation(name));
}

/**
 * `for (const request of [keysRequest, signingKeysRequest, signaturesRequest])`: a list written out
 * of things of different kinds is a sequence of steps in the order written, not a set of items.
 * Elements typed `any` tell nothing either way.
 */
function walksSteps(checker: ts.TypeChecker, source: ts.Expression): boolean {
  const list = skipOuterExpressions(source);
  if (!ts.isArrayLiteralExpression(list) || list.elements.length < 2 || list.elements.some(ts.isSpreadElement)) return false;
  const kinds = new Set<ts.Symbol>();
  for (const element of list.elements) {
    const type = checker.getNonNullableType(checker.getTypeAtLocation(element));
    if (type.flags & ts.TypeFlags.Any) continue;
    const symbol = type.getSymbol();
    if (!symbol || !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeLiteral))) return false;
    kinds.add(symbol);
  }
  return kinds.size > 1;
}

/** `while (await queue.next())`, `for (…; await more(); …)`: a consumer loop, ordered by design. */
function awaitsInHeader(loop: ts.IterationStatement): boolean {
  const parts = ts.isForStatement(loop) ? [loop.condition, loop.incrementor]
    : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? [loop.expression] : [];
  return parts.some((part) => part !== undefined && containsAwait(part));
}

/** A call or `new` starts work in this iteration; awaiting a promise that already exists does not. */
function startsWork(operand: ts.Expression): boolean {
  const node = skipOuterExpressions(operand);
  return ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node);
}

/** Whether an expression reads the item or a name the body declares (and so computes per item). */
function variesPerIteration(checker: ts.TypeChecker, iteration: LoopIteration): (node: ts.Expression) => boolean {
  const { body, item } = iteration;
  const isPerIteration = (binding: Binding): boolean => typeof binding !== 'symbol'
    && (binding.declarations ?? []).some((declaration) => (declaration.pos >= body.pos && declaration.end <= body.end)
      || (declaration.pos >= item.pos && declaration.end <= item.end));
  return (node) => [...bindingsReadBy(checker, node)].some(isPerIteration);
}

function suggestFix(
  context: Context,
  iteration: LoopIteration,
  scan: LoopBodyScan,
  varies: (node: ts.Expression) => boolean,
  collect?: CollectedPush,
): Suggestion[] {
  const { checker, sourceFile } = context;
  // A `break`, `return` or `throw` before the work stops the items after it; run together, they
  // have all started, and a callback cannot jump out of the loop. An item a `continue` skips
  // would leave a hole in a collected list.
  if (scan.exits.length > 0 || (collect && scan.continues.length > 0)) return [];
  const strategy = chooseStrategy(context, iteration);
  if (!strategy || losesNarrowing(checker, iteration)) return [];
  const isOuter = (target: ts.Expression): boolean => {
    const root = referenceRoot(target);
    return root.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(root) && !varies(root));
  };
  const updates = awaitedUpdateEdits(checker, sourceFile, iteration.body, isOuter);
  if (!updates || (collect && updates.some((edit) => edit.end > collect.statement.getStart(sourceFile)))) return [];
  const collecting = collect && { ...collect, resultName: unusedNameAt(checker, [iteration.loop, iteration.body], 'result') };
  const messageId = strategy.kind === 'pMap' ? 'mapWithPMap' : strategy.kind === 'all' ? 'runAllAtOnce' : 'runInBatches';
  return [{
    messageId,
    data: strategy.kind === 'all' ? {} : { concurrency: strategy.concurrency },
    edits: () => concurrentLoopEdits(sourceFile, iteration, scan.continues, strategy, updates, collecting),
  }];
}

/**
 * `Promise.all` only where the source shows how many items there are; otherwise `pMap` when the
 * file can import it, or batches of a named constant. `undefined` when no rewrite is clearly safe.
 */
function chooseStrategy(context: Context, iteration: LoopIteration): ConcurrentStrategy | undefined {
  const { checker, program, sourceFile, options } = context;
  const concurrency = options.defaultConcurrency;
  if (iteration.kind === 'for-of') {
    const type = checker.getTypeAtLocation(iteration.source);
    const parts = unionParts(checker.getNonNullableType(type));
    if (!parts.every((part) => checker.isArrayType(part) || checker.isTupleType(part))) return undefined;
    if (parts.some((part) => checker.getTypeArguments(part as ts.TypeReference).some((element) => isPromiseLike(checker, element)))) return undefined;
    if (ts.isArrayLiteralExpression(skipOuterExpressions(iteration.source)) || parts.every((part) => checker.isTupleType(part))) {
      return { kind: 'all' };
    }
  }
  if (iteration.kind === 'for-in' && !(checker.getTypeAtLocation(iteration.item.name).flags & ts.TypeFlags.String)) return undefined;
  // The rewrite declares the limit as a named constant before the loop, which needs a statement list.
  const target = ts.isLabeledStatement(iteration.loop.parent) ? iteration.loop.parent : iteration.loop;
  if (!ts.isBlock(target.parent) && !ts.isSourceFile(target.parent)) return undefined;
  const at = [iteration.loop, iteration.body];
  const limit = unusedNameAt(checker, at, 'CONCURRENCY');
  if (canImportPackage(program, sourceFile, 'p-map')) {
    const { name, edits } = addDefaultImport(checker, sourceFile, 'p-map', 'pMap', at);
    return { kind: 'pMap', name, importEdits: edits, limit, concurrency };
  }
  return { kind: 'batches', concurrency, names: { limit, start: unusedNameAt(checker, at, 'start'), items: unusedNameAt(checker, at, 'items') } };
}

/**
 * Inside a callback TypeScript forgets how a `let` or a parameter declared outside was narrowed
 * (`if (!client) return;`), so moving the body would turn valid code into a type error.
 */
function losesNarrowing(checker: ts.TypeChecker, iteration: LoopIteration): boolean {
  const { body } = iteration;
  const visit = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node)) {
      const symbol = checker.getSymbolAtLocation(node);
      const declaration = symbol?.valueDeclaration;
      if (!symbol || !declaration || (declaration.pos >= body.pos && declaration.end <= body.end)) return false;
      const mutable = ts.isParameter(declaration)
        || (ts.isVariableDeclaration(declaration) && !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const));
      return mutable && checker.getTypeAtLocation(node) !== checker.getTypeOfSymbol(symbol);
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(body);
}
