import ts from 'typescript';
import { answersFromInstanceSlot, answersFromModuleSlot } from './answers-from-slot';
import { type BlockingCallOptions, blockingCall } from './blocking-calls';
import { isAmbient, typesProjectCode } from './is-ambient';
import { containsCall } from './code-walk';
import { declaredFunctionBody } from './declared-function-body';
import { implementations } from './implementations';
import { isPathOperation, namesPathOperation } from './is-path-operation';
import { isGlobImportLoader } from './is-glob-import-loader';
import { isIoSignature } from './is-io-signature';
import { isValueOrPromise } from './is-maybe-promise';
import { isPromiseLike } from './is-promise-like';
import { isReleaseOperation } from './is-release-operation';
import { queriesInProcessSqlite } from './kysely-on-sqlite';
import { operationName } from './operation-name';
import { returnedValues } from './returned-values';
import { skipOuterExpressions } from './skip-outer-expressions';
import { transactionHandle } from './transaction-handle';
import { drainsItsArgument, waitsForItsArgument } from './waits-for-its-argument';
import { writesStandardStream } from './writes-standard-stream';

export interface IoQuestion {
  /**
   * Count all I/O, not only what holds a handle open while it runs: closing (`close`,
   * `disconnect`), statements through one transaction. Each still waits on the disk or the
   * network. An operation on a path (`stat`, `unlink`, `mkdir`) counts for no question: it holds
   * nothing, and the kernel answers it from its caches.
   */
  readonly anyIo?: boolean;
  /**
   * How many calls down into the project's own functions to look (default 1). With `Infinity`
   * the whole call graph below is read, up to `MAX_BODIES` function bodies per question.
   */
  readonly depth?: number;
  /**
   * Count a call that returns a promise and whose code the project declares but does not show: a
   * method of its own interface that no class of it implements, a function-typed property, a value
   * typed `any`. Whoever asks
   * "may this be slow?" must assume so; whoever asks "does this surely open connections?" not.
   */
  readonly unseen?: boolean;
  /**
   * Count a function that does its work once per process and then answers from a variable of
   * its module as memory, and so a method called on the object the code runs in that answers
   * from a field of that object once set (`this.fetchLookupTables()`). Right for whoever asks whether waiting for it beside other work, or
   * again on every turn of a loop, is slow; wrong for whoever starts many at once, whose cold
   * calls all miss the variable.
   */
  readonly once?: boolean;
  /**
   * Count only the I/O the work waits for: a promise its code drops (a call standing as a
   * statement of its own, or after `void`) runs on after it has answered. Right for whoever asks
   * how long waiting for it takes; wrong for whoever counts the connections it opens.
   */
  readonly awaited?: boolean;
}

/**
 * The question of whoever asks "is waiting for this slow?": all I/O counts, also a `stat`, a
 * `close` or a request queued on an IndexedDB transaction. Work the project's own code shows to only
 * compute, all the way down and through the classes implementing its interfaces, gains nothing
 * from running beside other work; work it cannot see into (an interface it implements nowhere)
 * may be I/O.
 */
export const MAY_WAIT_ON_IO: IoQuestion = { anyIo: true, depth: Infinity, unseen: true, once: true, awaited: true };

/**
 * The question of whoever is about to rewrite a loop: is the wait there surely I/O? All I/O counts,
 * all the way down, but only where it is seen: in Node's modules, `fetch`, a package's promise, or
 * the project's code that calls them. Code the project declares without showing (a method of its
 * interface that no class of it implements, a function-typed property, an untyped call) does not.
 */
export const SEEN_TO_WAIT_ON_IO: IoQuestion = { anyIo: true, depth: Infinity, unseen: false, once: true, awaited: true };

/**
 * How many function bodies one unlimited question reads before it counts the rest as unseen. A
 * large client class answers from its fields through many small helpers (a swap's instructions
 * built from the accounts it holds pass through some sixty); a budget below that makes such code
 * look like it may wait. Each body is read once per checker and its answer kept, so the budget
 * bounds the first question about a call, not the total.
 */
const MAX_BODIES = 200;

/** Answers per checker, question and function body. */
const answers = new WeakMap<ts.TypeChecker, Map<string, WeakMap<ts.Node, boolean>>>();

/**
 * Whether running `node` (a callback, a reference to a function, or an expression that starts work)
 * does I/O: a call in its code that `isIoSignature` accepts, or one in the body of a function of
 * the project that it calls, one level down (or `depth`). A method declared without a body (of
 * the project's own interface, or abstract) is read in the classes that implement it. By default
 * only what holds a handle counts: calls that release what is already held (`close`, `disconnect`,
 * `stop`) open nothing, nor do statements through one transaction's handle, which run one at a time
 * on its connection; `anyIo` counts them too. Operations on a path (`stat`, `unlink`) never count.
 */
export function performsIo(program: ts.Program, checker: ts.TypeChecker, node: ts.Expression, question: IoQuestion = {}): boolean {
  const anyIo = question.anyIo ?? false;
  const depth = question.depth ?? 1;
  const unseen = question.unseen ?? false;
  const once = question.once ?? false;
  const awaited = question.awaited ?? false;
  const dropped = awaited ? (node: ts.Node): boolean => dropsPromise(checker, node) : undefined;
  let bodiesLeft = MAX_BODIES;
  const expression = skipOuterExpressions(node);
  if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) return hasIoCall(expression, depth);
  if (!anyIo && isReleaseOperation(ts.isIdentifier(expression) ? expression.text : expression.name.text)) return false;
  if (namesPathOperation(checker, expression)) return false;
  const signatures = checker.getTypeAtLocation(expression).getCallSignatures();
  if (signatures.some((signature) => isIoSignature(program, checker, signature))) return true;
  const body = declaredFunctionBody(checker, expression);
  return body !== undefined && hasIoCall(body, depth);

  function hasIoCall(root: ts.Node, helperDepth: number): boolean {
    const key = `${anyIo}:${unseen}:${once}:${awaited}:${helperDepth}`;
    let byQuestion = answers.get(checker);
    if (!byQuestion) answers.set(checker, byQuestion = new Map());
    let byRoot = byQuestion.get(key);
    if (!byRoot) byQuestion.set(key, byRoot = new WeakMap());
    let answer = byRoot.get(root);
    if (answer === undefined) {
      if (once && answersFromModuleSlot(checker, root)) return false;
      if (bodiesLeft-- <= 0) return unseen;
      // A function that reaches itself again is not I/O by that path.
      byRoot.set(root, false);
      answer = containsCall(root, (call) => isIoCall(call, helperDepth, root), dropped);
      // A "no" reached after the bodies ran out holds only for this question's walk: another walk,
      // starting closer, may still see the I/O further down.
      if (answer || bodiesLeft > 0) byRoot.set(root, answer);
      else byRoot.delete(root);
    }
    return answer;
  }

  function isIoCall(call: ts.CallExpression | ts.TaggedTemplateExpression, helperDepth: number, root: ts.Node): boolean {
    if (!anyIo && ts.isCallExpression(call) && (isReleaseOperation(operationName(call)) || sharesConnection(call, root))) return false;
    // `await import('./module.js')`, or a loader of Vite's `import.meta.glob`, loads code once and
    // then answers from the module cache.
    if (ts.isCallExpression(call) && (call.expression.kind === ts.SyntaxKind.ImportKeyword || isGlobImportLoader(checker, call.expression))) return false;
    const signature = checker.getResolvedSignature(call);
    if (!signature) return unseen;
    // The exceptions are asked only of the calls that would count, far fewer than those walked.
    if (isIoSignature(program, checker, signature, { queued: anyIo })) return !isWaitNotWorthOverlapping(call, signature);
    const bodies = bodiesBehind(program, checker, signature);
    if (bodies === undefined) {
      return unseen && !isPackageSignature(program, signature) && returnsPromise(checker, signature, call) && !neverAnswers(checker, signature);
    }
    // `this.fetchLookupTables()` that answers from a field of this object once set: memory after
    // the first call, as a module's variable is.
    if (once && callsOwnObject(call) && bodies.every((body) => answersFromInstanceSlot(checker, body))) return false;
    return helperDepth > 0 && bodies.some((body) => hasIoCall(body, helperDepth - 1)) && !neverAnswers(checker, signature);
  }

  /**
   * An I/O call whose wait is not worth running beside other work: an operation on a path, a call
   * that holds the thread until it is done (`readFileSync`), a line written to the process's own
   * output, a package's `resolve(value)` that waits for what it is handed, a call that never answers,
   * a query Kysely runs on SQLite in the process.
   */
  function isWaitNotWorthOverlapping(call: ts.CallExpression | ts.TaggedTemplateExpression, signature: ts.Signature): boolean {
    if (ts.isCallExpression(call) && (isPathOperation(checker, call) || blockingCall(program, checker, call, NO_BLOCKING_OPTIONS)
      || writesStandardStream(call))) {
      return true;
    }
    return waitsForItsArgument(signature) || neverAnswers(checker, signature) || drainsMadeItems(call, signature)
      || queriesInProcessSqlite(program, checker, call, signature);
  }

  /**
   * `toArray(store.keysAsync(…))`: draining the items a call in the argument makes costs what
   * making them does, and that call is judged for itself. A source the code holds
   * (`toArray(stream)`) is not seen here, and may be I/O.
   */
  function drainsMadeItems(call: ts.CallExpression | ts.TaggedTemplateExpression, signature: ts.Signature): boolean {
    const [source] = ts.isCallExpression(call) ? call.arguments : [];
    return source !== undefined && drainsItsArgument(signature) && containsCall(source, () => true);
  }

  /**
   * A statement through a transaction or connection that the code being asked about is handed
   * (`tx`, a pg client checked out before the fan-out): it waits its turn on that connection. One
   * the code opens itself (`const client = new Client(url)`) is a connection of its own.
   */
  function sharesConnection(call: ts.CallExpression, root: ts.Node): boolean {
    const declaration = transactionHandle(checker, call)?.valueDeclaration;
    const openedHere = declaration !== undefined && declaration.getSourceFile() === root.getSourceFile()
      && declaration.pos >= root.pos && declaration.end <= root.end;
    return declaration !== undefined && !openedHere;
  }
}

/**
 * `audit(event);` or `void refresh();`, whose promise the code drops: it goes on after the code
 * around it has answered, which does not wait for it. In the executor of a `new Promise`, the
 * promise made waits for what `resolve` is handed (`load().then(resolve);`), and a function that
 * answers with a promise made elsewhere (`send(message); return reply;`) may wait for the answer
 * to what it dropped.
 */
function dropsPromise(checker: ts.TypeChecker, node: ts.Node): boolean {
  let expression: ts.Expression;
  if (ts.isExpressionStatement(node)) expression = node.expression;
  else if (ts.isVoidExpression(node)) expression = node.expression;
  else return false;
  const call = skipOuterExpressions(expression);
  if (!ts.isCallExpression(call)) return false;
  const owner = ts.findAncestor(node, ts.isFunctionLike);
  const made = owner?.parent;
  if (made !== undefined && ts.isNewExpression(made) && ts.isIdentifier(made.expression) && made.expression.text === 'Promise') return false;
  return isPromiseLike(checker, checker.getTypeAtLocation(call)) && (owner === undefined || !answersWithPromise(checker, owner));
}

/** Whether one of a function's own `return`s hands back a promise. */
function answersWithPromise(checker: ts.TypeChecker, owner: ts.SignatureDeclaration): boolean {
  let byOwner = promiseAnswers.get(checker);
  if (!byOwner) promiseAnswers.set(checker, byOwner = new WeakMap());
  let answer = byOwner.get(owner);
  if (answer === undefined) {
    const body = 'body' in owner ? owner.body : undefined;
    answer = body !== undefined && returnedValues(body).some((value) => isPromiseLike(checker, checker.getTypeAtLocation(value)));
    byOwner.set(owner, answer);
  }
  return answer;
}

/** Answers per checker and function: a file's nodes outlive one program in an editor. */
const promiseAnswers = new WeakMap<ts.TypeChecker, WeakMap<ts.SignatureDeclaration, boolean>>();

/** `this.method(…)`: a call on the object the code runs in. */
function callsOwnObject(call: ts.CallExpression | ts.TaggedTemplateExpression): boolean {
  const callee = skipOuterExpressions(ts.isCallExpression(call) ? call.expression : call.tag);
  return ts.isPropertyAccessExpression(callee) && skipOuterExpressions(callee.expression).kind === ts.SyntaxKind.ThisKeyword;
}

/** Node's blocking calls only, none of the user's: those are `no-blocking-io`'s options. */
const NO_BLOCKING_OPTIONS: BlockingCallOptions = { blockingCalls: [], allow: [] };

/**
 * `await ctx.crash({ … })`, `fail(message)`: a call declared to return `never` or `Promise<never>`
 * throws or ends the process. It is how the code gives up, not the work it does; whatever it
 * flushes on the way out is not worth running beside anything.
 */
function neverAnswers(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  const type = checker.getReturnTypeOfSignature(signature);
  if (type.flags & ts.TypeFlags.Never) return true;
  if (!isPromiseLike(checker, type)) return false;
  const awaited = checker.getAwaitedType(type);
  return awaited !== undefined && (awaited.flags & ts.TypeFlags.Never) !== 0;
}

/**
 * The bodies of the functions a call with this signature may run, when the project's own code
 * declares them: the function itself, or the classes and object literals that implement a method
 * declared without one.
 */
function bodiesBehind(program: ts.Program, checker: ts.TypeChecker, signature: ts.Signature): ts.Node[] | undefined {
  const { declaration } = signature;
  if (!declaration || ts.isJSDocSignature(declaration)) return undefined;
  // A method typed in the project's own declaration files is read in the classes that implement it.
  const ambient = isAmbient(declaration);
  if (ambient && !typesProjectCode(program, declaration)) return undefined;
  if (!ambient && (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isConstructorDeclaration(declaration)
    || ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration))) {
    if (declaration.body) return [declaration.body];
  }
  // `get: (ctx, key) => Promise<T>` of an interface: a property of a function type, called as a method.
  const member = ts.isFunctionTypeNode(declaration) && ts.isPropertySignature(declaration.parent) ? declaration.parent : declaration;
  if (ts.isMethodSignature(member) || ts.isMethodDeclaration(member) || ts.isPropertySignature(member)) {
    const bodies = implementations(program, checker, member);
    return bodies.length > 0 ? bodies : undefined;
  }
  return undefined;
}

/**
 * A promise, or `any` that the code waits for (`await`, `.then`, or a call in the executor of a
 * `new Promise`, which wraps a callback API): a logger's `log()` that returns
 * nothing waits on nothing, and neither does an untyped `isRFC3339(value)` tested in an `if` or a
 * JSON reviver whose answer is returned.
 */
function returnsPromise(checker: ts.TypeChecker, signature: ts.Signature, call: ts.Node): boolean {
  const type = checker.getReturnTypeOfSignature(signature);
  // `toModelOutput(output)` typed `Output | PromiseLike<Output>`: the usual answer comes at once.
  if (isValueOrPromise(checker, type, { valueNeeded: true })) return false;
  if (isPromiseLike(checker, type)) return true;
  if (!(type.flags & ts.TypeFlags.Any)) return false;
  let use = call.parent;
  while (ts.isParenthesizedExpression(use) || ts.isAsExpression(use) || ts.isNonNullExpression(use)) use = use.parent;
  return ts.isAwaitExpression(use) || (ts.isPropertyAccessExpression(use) && ['then', 'catch', 'finally'].includes(use.name.text))
    || insidePromiseExecutor(call);
}

/** `new Promise((resolve) => request(params, (error, body) => …))`: an untyped callback API being waited for. */
function insidePromiseExecutor(node: ts.Node): boolean {
  const executor = ts.findAncestor(node, ts.isFunctionLike);
  const creation = executor?.parent;
  return creation !== undefined && ts.isNewExpression(creation) && ts.isIdentifier(creation.expression)
    && creation.expression.text === 'Promise';
}

/** A signature of code outside the project: a package's, Node's, or the standard library's. */
function isPackageSignature(program: ts.Program, signature: ts.Signature): boolean {
  const { declaration } = signature;
  return declaration !== undefined && !ts.isJSDocSignature(declaration) && isAmbient(declaration) && !typesProjectCode(program, declaration);
}
