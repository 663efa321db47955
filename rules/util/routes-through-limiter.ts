import ts from 'typescript';
import { constInitializer } from './const-initializer';
import { containsCall } from './code-walk';
import { declaredFunctionBody } from './declared-function-body';
import { implementations } from './implementations';
import { isAmbient, typesProjectCode } from './is-ambient';
import { isPromiseLike } from './is-promise-like';
import { isTestFile } from './is-test-file';
import { skipOuterExpressions } from './skip-outer-expressions';
import type { TypeOrValueSpecifier } from './specifier';
import { typeMatchesSpecifier } from './type-matches-specifier';
import { valueMatchesSpecifier } from './value-matches-specifier';

/** Calls that run the work they are given under a concurrency limit. */
const LIMITING_CALLS: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'p-queue', name: ['add', 'addAll'] },
  { from: 'package', package: 'bottleneck', name: ['schedule', 'submit'] },
  {
    from: 'package', package: 'async',
    name: [
      'eachLimit', 'eachOfLimit', 'forEachLimit', 'forEachOfLimit', 'mapLimit', 'mapValuesLimit', 'filterLimit',
      'rejectLimit', 'detectLimit', 'someLimit', 'everyLimit', 'concatLimit', 'groupByLimit', 'parallelLimit',
      'timesLimit', 'eachSeries', 'eachOfSeries', 'forEachSeries', 'mapSeries', 'series', 'timesSeries',
    ],
  },
  { from: 'package', package: 'async-sema', name: ['acquire'] },
  { from: 'package', package: 'async-mutex', name: ['runExclusive', 'acquire'] },
];

/** `p-map` and friends limit only when given a `concurrency`: their default is unbounded. */
export const LIMITING_WITH_CONCURRENCY: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'p-map', name: ['default', 'pMap', 'pMapIterable', 'pMapSettled'] },
];

/** Types of functions that are themselves limited: p-limit's `limit`. */
const LIMITED_FUNCTION_TYPES: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'p-limit', name: 'LimitFunction' },
];

/** Calls that return a limited version of the function they are given. */
const LIMITED_FUNCTION_FACTORIES: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'p-limit', name: 'limitFunction' },
  { from: 'package', package: 'bottleneck', name: 'wrap' },
];

export interface LimiterContext {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** The user's `limiters` option. */
  readonly limiters: readonly TypeOrValueSpecifier[];
}

/**
 * Whether `node` (a callback, or an expression that makes promises) hands its work to a limiter
 * somewhere: a limiter call in its code or in a project function it calls, a limited function
 * passed as it, or, for a reference to a function declared in the project, a limiter call in that
 * function's body.
 */
export function routesThroughLimiter(context: LimiterContext, node: ts.Expression): boolean {
  const expression = skipOuterExpressions(node);
  if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) return containsLimiterCall(context, expression.body);
  if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
    if (isLimitedFunction(context, expression)) return true;
    const body = declaredFunctionBody(context.checker, expression);
    return body !== undefined && containsLimiterCall(context, body);
  }
  return containsLimiterCall(context, expression);
}

/**
 * A limiter call in `root`, or in the body of a function of the project it calls, one level down:
 * for a method of the project's interface, in every class or object that implements it
 * (`txPool.getTxByHash(hash)` whose class runs it in `this.#queue.put(…)`).
 */
function containsLimiterCall(context: LimiterContext, root: ts.Node, depth = 1): boolean {
  return containsCall(root, (call) => {
    if (!ts.isCallExpression(call)) return false;
    if (isLimiterCall(context, call)) return true;
    const bodies = depth > 0 ? bodiesCalled(context, call) : [];
    return bodies.length > 0 && bodies.every((body) => containsLimiterCall(context, body, depth - 1));
  });
}

/**
 * The bodies a call of the project's code may run: its function's, or its method's implementations
 * outside the tests (a test's in-memory pool stands in for the real one).
 */
function bodiesCalled(context: LimiterContext, call: ts.CallExpression): ts.Node[] {
  const { program, checker } = context;
  const callee = skipOuterExpressions(call.expression);
  const body = declaredFunctionBody(checker, callee);
  if (body !== undefined) return [body];
  // The method's symbol, not the call's signature: far cheaper, and asked of every call walked.
  const declarations = ts.isPropertyAccessExpression(callee) ? checker.getSymbolAtLocation(callee.name)?.declarations ?? [] : [];
  const [declaration] = declarations;
  if (declarations.length !== 1 || !declaration || !ts.isMethodSignature(declaration)) return [];
  return implementations(program, checker, declaration).filter((implementation) => !isTestFile(program, implementation.getSourceFile()));
}

function isLimiterCall(context: LimiterContext, call: ts.CallExpression): boolean {
  const { program, checker, limiters } = context;
  const callee = skipOuterExpressions(call.expression);
  if (valueMatchesSpecifier(program, checker, callee, LIMITING_CALLS)) return true;
  if (valueMatchesSpecifier(program, checker, callee, limiters)) return true;
  if (valueMatchesSpecifier(program, checker, callee, LIMITING_WITH_CONCURRENCY)) return hasConcurrencyOption(call.arguments[2]);
  if (ts.isPropertyAccessExpression(callee) && limiters.length > 0
    && typeMatchesSpecifier(program, checker.getTypeAtLocation(callee.expression), limiters)) {
    return true;
  }
  return isLimitedFunction(context, callee) || isQueueWithConcurrency(checker, callee) || isTaskQueueCall(program, checker, call);
}

/** Types that take tasks and run them in turn, by the name their package gives them. */
const TASK_QUEUE = /(?:Queue|Mutex|Lock|Semaphore|Limiter)$/u;

/**
 * `this.#queue.put(() => this.#impl.getTxByHash(hash))` on a `SerialQueue`, typed `put<T>(fn: () =>
 * T | Promise<T>): Promise<Awaited<T>>`: a method of a package's queue, mutex or semaphore that
 * takes one task and answers with its result runs the task when the queue lets it. Both the shape
 * and the type's name are needed: a transaction's `transaction(fn)` has the shape too. A type of
 * the project's own is trusted only when the user lists it in `limiters`.
 */
function isTaskQueueCall(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  const [task] = call.arguments;
  // The task is written where it is handed over (`put(() => …)`), in the code seen so far.
  const written = task !== undefined && (ts.isArrowFunction(task) || ts.isFunctionExpression(task));
  if (!ts.isPropertyAccessExpression(callee) || call.arguments.length !== 1 || !written) return false;
  const declaration = checker.getResolvedSignature(call)?.declaration;
  if (!declaration || ts.isJSDocSignature(declaration) || !ts.isMethodDeclaration(declaration) && !ts.isMethodSignature(declaration)) return false;
  if (!isAmbient(declaration) || typesProjectCode(program, declaration)) return false;
  const [parameter, ...others] = declaration.parameters;
  if (!parameter?.type || others.length > 0 || declaration.typeParameters?.length !== 1 || !ts.isFunctionTypeNode(parameter.type)
    || parameter.type.parameters.length > 0) {
    return false;
  }
  const owner = declaration.parent;
  const name = (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) ? owner.name?.text : undefined;
  return name !== undefined && TASK_QUEUE.test(name) && isPromiseLike(checker, checker.getTypeAtLocation(call));
}

/**
 * `queue.add(task)` on any queue whose type has a numeric `concurrency`, as p-queue's and the
 * job queues of libp2p and others do: it runs at most that many tasks at a time.
 */
function isQueueWithConcurrency(checker: ts.TypeChecker, callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee) || !['add', 'addAll'].includes(callee.name.text)) return false;
  const concurrency = checker.getApparentType(checker.getTypeAtLocation(callee.expression)).getProperty('concurrency');
  if (!concurrency) return false;
  return (checker.getNonNullableType(checker.getTypeOfSymbol(concurrency)).flags & ts.TypeFlags.NumberLike) !== 0;
}

/** `limit` from `pLimit(n)`, `limiter.wrap(fn)`, or a binding that holds one. */
function isLimitedFunction(context: LimiterContext, callee: ts.Expression): boolean {
  const { program, checker, limiters } = context;
  if (ts.isCallExpression(callee)) return isFactoryCall(context, callee);
  const type = checker.getTypeAtLocation(callee);
  if (typeMatchesSpecifier(program, type, LIMITED_FUNCTION_TYPES) || typeMatchesSpecifier(program, type, limiters)) return true;
  const initializer = constInitializer(checker, callee);
  return initializer !== undefined && ts.isCallExpression(initializer) && isFactoryCall(context, initializer);
}

function isFactoryCall(context: LimiterContext, call: ts.CallExpression): boolean {
  return valueMatchesSpecifier(context.program, context.checker, skipOuterExpressions(call.expression), LIMITED_FUNCTION_FACTORIES);
}

/** `{ concurrency: 4 }`; an options value the rule cannot read is given the benefit of the doubt. */
function hasConcurrencyOption(options: ts.Expression | undefined): boolean {
  if (!options) return false;
  const node = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(node)) return true;
  return node.properties.some((property) => ts.isSpreadAssignment(property)
    || (property.name !== undefined && ts.isIdentifier(property.name) && property.name.text === 'concurrency'
      && !(ts.isPropertyAssignment(property) && isInfinity(property.initializer))));
}

function isInfinity(node: ts.Expression): boolean {
  const value = skipOuterExpressions(node);
  return (ts.isIdentifier(value) && value.text === 'Infinity')
    || (ts.isPropertyAccessExpression(value) && value.name.text === 'POSITIVE_INFINITY');
}
