import ts from 'typescript';
import { bindingsWrittenBy } from './bindings-written-by';
import { callsItemMethods } from './calls-item-methods';
import { hasFixedKeys } from './has-fixed-keys';
import { isBoundedCollection } from './is-bounded-collection';
import { isListOfBatches } from './is-batch';
import { isSizedByData } from './is-sized-by-data';
import { isValueOrPromise } from './is-maybe-promise';
import { isPromiseLike } from './is-promise-like';
import { performsIo } from './performs-io';
import { routesThroughLimiter, type LimiterContext } from './routes-through-limiter';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unionParts } from './union-parts';
import { isAsyncFunction } from './is-async-function';

/** `xs.map(fn)` passed to `Promise.all`, spread into its array, or kept in a `const` first. */
export interface UnboundedMap {
  readonly kind: 'map';
  readonly map: ts.CallExpression;
  readonly receiver: ts.Expression;
  readonly callback: ts.Expression;
  readonly site: 'argument' | 'spread' | 'variable';
}

/** A list that a loop over a list of unknown length fills with running promises. */
export interface FilledList {
  readonly kind: 'loop';
  readonly list: ts.Identifier;
  /** The statement that fills it: a loop, or a `forEach` over the list. */
  readonly filler: ts.Statement;
  readonly pushes: readonly ts.CallExpression[];
}

export type UnboundedWork = UnboundedMap | FilledList;

/**
 * The unbounded fan-out behind the argument of `Promise.all` (or its siblings), if any. The
 * caller has checked that the argument holds promises.
 */
export function findUnboundedWork(context: LimiterContext, argument: ts.Expression): UnboundedWork | undefined {
  const node = skipOuterExpressions(argument);
  if (ts.isCallExpression(node)) return unboundedMap(context, node, 'argument');
  if (ts.isArrayLiteralExpression(node)) {
    for (const element of node.elements) {
      if (!ts.isSpreadElement(element)) continue;
      const inner = skipOuterExpressions(element.expression);
      const work = ts.isCallExpression(inner) ? unboundedMap(context, inner, 'spread') : undefined;
      if (work) return work;
    }
    return undefined;
  }
  if (ts.isIdentifier(node)) return unboundedVariable(context, node);
  return undefined;
}

function unboundedMap(context: LimiterContext, call: ts.CallExpression, site: UnboundedMap['site']): UnboundedMap | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'map' || call.arguments.length === 0) return undefined;
  const [callback] = call.arguments;
  if (!callback || ts.isSpreadElement(callback) || !isArrayMethod(context, callee)) return undefined;
  const receiver = callee.expression;
  if (!startsWork(callback) || !isUnknownLength(context, receiver) || routesThroughLimiter(context, callback)) return undefined;
  if (holdsPromises(context.checker, receiver) || callsItemMethods(context.checker, callback)) return undefined;
  if (answersMostlyAtOnce(context.checker, callback)) return undefined;
  if (!performsIo(context.program, context.checker, callback)) return undefined;
  return { kind: 'map', map: call, receiver, callback, site };
}

/**
 * `values.map(wrap)` over promises that already run wraps them; it starts no new work. Over
 * elements typed `any` or `unknown` (`Array.isArray` narrows to `any[]`) nobody can tell, so the
 * rule stays silent there too.
 */
function holdsPromises(checker: ts.TypeChecker, receiver: ts.Expression): boolean {
  return unionParts(checker.getNonNullableType(checker.getTypeAtLocation(receiver)))
    .some((part) => (checker.isArrayType(part) || checker.isTupleType(part))
      && checker.getTypeArguments(part as ts.TypeReference).some((element) =>
        (element.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 || isPromiseLike(checker, element)));
}

/**
 * `heads.map((head) => this.serializable(head))` where the callback returns a value or a promise
 * (`MaybePromise<T>`): the promise is there for the few elements that need one, and the usual
 * answer comes at once, as `no-await-in-loop` judges such a call too. A promise or nothing
 * (`id ? fetch(id) : undefined`) is still one request per element.
 */
function answersMostlyAtOnce(checker: ts.TypeChecker, callback: ts.Expression): boolean {
  const signatures = checker.getTypeAtLocation(callback).getCallSignatures();
  return signatures.length > 0
    && signatures.every((signature) => isValueOrPromise(checker, checker.getReturnTypeOfSignature(signature), { valueNeeded: true }));
}

/**
 * Whether evaluating `node` (or calling it, for a callback) may start an operation. Collecting
 * promises that already run (`pending.map((entry) => entry.promise)`) starts nothing.
 */
function startsWork(node: ts.Expression): boolean {
  const expression = skipOuterExpressions(node);
  if (!ts.isArrowFunction(expression) && !ts.isFunctionExpression(expression)) {
    return !ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression) ? containsCall(expression) : true;
  }
  return isAsyncFunction(expression) || containsCall(expression.body);
}

/**
 * The code that starts the work pushed: `send(user)` in `jobs.push(send(user))`, or in
 * `jobs.push(pending)` after `const pending = send(user)`.
 */
function pushedWork(checker: ts.TypeChecker, argument: ts.Expression): ts.Expression | undefined {
  const node = skipOuterExpressions(argument);
  if (!ts.isIdentifier(node)) return containsCall(node) ? node : undefined;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined
    && containsCall(declaration.initializer) ? declaration.initializer : undefined;
}

function containsCall(root: ts.Node): boolean {
  if (ts.isCallExpression(root) || ts.isNewExpression(root) || ts.isTaggedTemplateExpression(root)) return true;
  return ts.forEachChild(root, containsCall) ?? false;
}

/** `map` as the standard library declares it on arrays, not a user method of that name. */
function isArrayMethod(context: LimiterContext, method: ts.PropertyAccessExpression): boolean {
  const symbol = context.checker.getSymbolAtLocation(method.name);
  return (symbol?.getDeclarations() ?? []).some((declaration) => {
    const owner = declaration.parent;
    return context.program.isSourceFileDefaultLibrary(declaration.getSourceFile())
      && ts.isInterfaceDeclaration(owner) && (owner.name.text === 'Array' || owner.name.text === 'ReadonlyArray');
  });
}

/** `const jobs = users.map(…)`, or `const jobs = []` filled by a loop, before `Promise.all(jobs)`. */
function unboundedVariable(context: LimiterContext, reference: ts.Identifier): UnboundedWork | undefined {
  const { checker } = context;
  const symbol = checker.getSymbolAtLocation(reference);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const statement = declaration.parent.parent;
  const scope = statement.parent;
  if (!ts.isVariableStatement(statement) || !(ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope))) return undefined;
  const usedAt = statementIn(scope, reference);
  if (!usedAt) return undefined;
  const between = scope.statements.slice(scope.statements.indexOf(statement) + 1, scope.statements.indexOf(usedAt));
  const initializer = skipOuterExpressions(declaration.initializer);
  if (ts.isCallExpression(initializer)) {
    const written = between.some((other) => bindingsWrittenBy(checker, other).has(symbol));
    return written ? undefined : unboundedMap(context, initializer, 'variable');
  }
  if (!ts.isArrayLiteralExpression(initializer)) return undefined;
  for (const filler of between) {
    if (!bindingsWrittenBy(checker, filler).has(symbol)) continue;
    const pushes = pushesTo(checker, symbol, filler)
      .filter((push) => push.arguments.some((argument) => startsIo(context, argument)) && isInUnboundedLoop(context, push, filler));
    if (pushes.length === 0) continue;
    const limited = pushes.every((push) => push.arguments.every((argument) => routesThroughLimiter(context, argument)));
    if (!limited) return { kind: 'loop', list: reference, filler, pushes };
  }
  return undefined;
}

function startsIo(context: LimiterContext, argument: ts.Expression): boolean {
  const work = pushedWork(context.checker, argument);
  return work !== undefined && performsIo(context.program, context.checker, work);
}

/** The statement of `scope` that contains `node`. */
function statementIn(scope: ts.Block | ts.SourceFile | ts.ModuleBlock, node: ts.Node): ts.Statement | undefined {
  let current: ts.Node = node;
  while (current.parent && current.parent !== scope) current = current.parent;
  return current.parent === scope ? current as ts.Statement : undefined;
}

/** Every `list.push(…)` inside `root` on the list `symbol` names. */
function pushesTo(checker: ts.TypeChecker, symbol: ts.Symbol, root: ts.Node): ts.CallExpression[] {
  const pushes: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(node.expression);
      if (ts.isPropertyAccessExpression(callee) && ['push', 'unshift'].includes(callee.name.text)
        && ts.isIdentifier(callee.expression) && checker.getSymbolAtLocation(callee.expression) === symbol) {
        pushes.push(node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return pushes;
}

/**
 * Whether some loop from the push out to `outer` runs over a list of unknown length: `for…of`,
 * `for…in`, `for` up to `items.length`, or a `forEach` callback. `while` and `do` loops, and `for`
 * loops up to a plain count (a worker pool), say nothing about a list.
 */
function isInUnboundedLoop(context: LimiterContext, push: ts.Node, outer: ts.Statement): boolean {
  const { checker } = context;
  for (let node: ts.Node = push; node !== outer.parent; node = node.parent) {
    if (ts.isFunctionLike(node)) return isForEachOverUnboundedList(context, node);
    if (ts.isForOfStatement(node) && isUnknownLength(context, node.expression)) return true;
    if (ts.isForInStatement(node) && !hasFixedKeys(checker, node.expression) && isSizedByData(context.program, checker, node.expression)) return true;
    if (ts.isForStatement(node) && countsOverLength(context, node)) return true;
  }
  return false;
}

function isForEachOverUnboundedList(context: LimiterContext, callback: ts.Node): boolean {
  const { checker } = context;
  const call = callback.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== callback) return false;
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'forEach'
    && checker.isArrayLikeType(checker.getTypeAtLocation(callee.expression))
    && isUnknownLength(context, callee.expression);
}

/** `for (let i = 0; i < items.length; i++)` over an unbounded `items`. */
function countsOverLength(context: LimiterContext, loop: ts.ForStatement): boolean {
  const condition = loop.condition && skipOuterExpressions(loop.condition);
  if (!condition || !ts.isBinaryExpression(condition)) return false;
  const operator = condition.operatorToken.kind;
  if (operator !== ts.SyntaxKind.LessThanToken && operator !== ts.SyntaxKind.LessThanEqualsToken) return false;
  const bound = skipOuterExpressions(condition.right);
  return ts.isPropertyAccessExpression(bound) && bound.name.text === 'length'
    && isUnknownLength(context, bound.expression);
}

/**
 * A list whose length nothing in the code fixes, and that data from outside decides: the rows of
 * a query, a parameter, a listing. A list the program keeps for itself (registered handlers, open
 * peers) is usually short, and a report on it would more often be wrong than right. A list of
 * batches (`chunk(ids, 50)`) has already been cut to the requests the code chose to send.
 */
function isUnknownLength(context: LimiterContext, list: ts.Expression): boolean {
  return !isBoundedCollection(context.checker, list) && !isListOfBatches(context.checker, list)
    && isSizedByData(context.program, context.checker, list);
}
