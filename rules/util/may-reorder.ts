import ts from 'typescript';
import { containsCall } from './code-walk';
import { declaredFunctionBody } from './declared-function-body';
import { isAccessCheck } from './is-access-check';
import { isMutatingOperation } from './is-mutating-operation';
import { isWait } from './is-pacing-await';
import { isPromiseLike } from './is-promise-like';
import { operationName } from './operation-name';
import { textWithinSpells } from './places-spelling';
import { skipOuterExpressions } from './skip-outer-expressions';
import { transactionHandlesUsed } from './transaction-handle';

const ids = new WeakMap<ts.Symbol, number>();
let nextId = 0;

/**
 * Whether two awaited operations may run in either order, or at once. Not when they go through
 * the same receiver (`db.users.find` twice, `tx.insert` then `tx.commit`), also when one does so
 * from inside a method of the same object (`this.signer.user()` and `this.decryptTags()` that
 * calls `this.signer.decrypt`), when both change
 * something (an order row may need its customer row first), or when one changes something and
 * they share an argument (`readFile(path)` then `rm(path)`), nor after a check of who is calling
 * (`authorize(user)` then `loadOrders(id)`). Awaiting promises that already
 * exist (`await pending`) never reorders any work.
 */
export function mayReorder(checker: ts.TypeChecker, earlier: ts.Expression, later: ts.Expression): boolean {
  const first = operationOf(earlier);
  const second = operationOf(later);
  if (!first || !second) return true;
  const firstReceiver = receiverKey(checker, first);
  const secondReceiver = receiverKey(checker, second);
  const secondReceivers = receiversOf(checker, second);
  if (receiversOf(checker, first).some((key) => secondReceivers.includes(key))) return false;
  if (reachesReceiver(checker, second, firstReceiver) || reachesReceiver(checker, first, secondReceiver)) return false;
  if (repeats(checker, second, first) || repeats(checker, first, second)) return false;
  if (shareTransaction(checker, first, second)) return false;
  if (isAccessCheck(operationName(first))) return false;
  if (waitsOnPurpose(checker, first) || waitsOnPurpose(checker, second)) return false;
  const firstMutates = isMutatingOperation(first);
  const secondMutates = isMutatingOperation(second);
  if (firstMutates && secondMutates) return false;
  return !((firstMutates || secondMutates) && shareArgument(checker, first, second));
}

/**
 * `await settle(client)` whose body first sleeps, `await waitUntilReady()`: an operation that
 * waits on a timer or an event on purpose marks a point in time, and what comes after it is meant
 * to come after. A sleep in a loop or a `catch` of the body (a retry's backoff) does not count.
 */
function waitsOnPurpose(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): boolean {
  if (isWait(operation)) return true;
  if (!ts.isCallExpression(operation)) return false;
  const body = declaredFunctionBody(checker, operation.expression);
  if (!body || !ts.isBlock(body)) return false;
  return body.statements.some((statement) => {
    const expression = ts.isExpressionStatement(statement) ? skipOuterExpressions(statement.expression) : undefined;
    return expression !== undefined && ts.isAwaitExpression(expression) && isWait(expression.expression);
  });
}

/**
 * `transact(async (store) => { await store.repo.root(); await store.records.list(); })`: both
 * go through the handle of one transaction, or pass it on (`apply(tx, changes)` then
 * `getChanges(tx)`), and a transaction runs its statements one at a time on one connection, in
 * the order given.
 */
function shareTransaction(checker: ts.TypeChecker, a: ts.CallExpression | ts.NewExpression, b: ts.CallExpression | ts.NewExpression): boolean {
  const handles = transactionHandlesUsed(checker, a);
  return handles.length > 0 && transactionHandlesUsed(checker, b).some((handle) => handles.includes(handle));
}

/**
 * `this.encryptedTags()` whose body calls `this.ndk.signer.decrypt(…)`, next to
 * `this.ndk.signer.user()`: a method of the same object that goes through the other operation's
 * receiver, one level down. (Only `this.method()` is followed: inside it, `this` is the same object.)
 */
function reachesReceiver(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression, receiver: string | undefined): boolean {
  if (receiver === undefined || !ts.isCallExpression(operation)) return false;
  const callee = skipOuterExpressions(operation.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const body = declaredFunctionBody(checker, callee);
  return body !== undefined && containsCall(body, (call) => ts.isCallExpression(call) && receiverKey(checker, call) === receiver);
}

/**
 * `extractChainId(config)` whose body calls `extractSigner(conn)` on its own parameter, next to
 * `extractSigner(config)`: one operation repeats the other, handed the same values. Run together,
 * the repeated work runs twice at once (two wallet prompts, two requests for one answer); what
 * saves time is handing the first answer on, not `Promise.all`.
 */
function repeats(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression, other: ts.CallExpression | ts.NewExpression): boolean {
  if (!ts.isCallExpression(operation) || !ts.isCallExpression(other)) return false;
  const name = calleeName(other);
  if (name === undefined) return false;
  const body = declaredFunctionBody(checker, skipOuterExpressions(operation.expression));
  const owner = body?.parent;
  // The name first, in the body's text: most bodies never spell it, and need no walk.
  if (!body || !owner || !ts.isFunctionLike(owner) || !textWithinSpells(body, name)) return false;
  const repeated = checker.getResolvedSignature(other)?.declaration;
  if (!repeated) return false;
  const wanted = other.arguments.map((argument) => handedKey(checker, argument));
  if (wanted.includes(undefined)) return false;
  // Whether a parameter of the body's function holds, in this call, the value the other call is
  // handed, or one made from it.
  const handed = (argument: ts.Expression, wantedKey: string | undefined): boolean => {
    const node = skipOuterExpressions(argument);
    const declaration = ts.isIdentifier(node) ? checker.getSymbolAtLocation(node)?.valueDeclaration : undefined;
    const index = declaration && ts.isParameter(declaration) && declaration.parent === owner ? owner.parameters.indexOf(declaration) : -1;
    const given = index >= 0 ? operation.arguments[index] : undefined;
    return given !== undefined && (handedKey(checker, given) === wantedKey || madeFrom(checker, given, wantedKey));
  };
  return containsCall(body, (call) => ts.isCallExpression(call) && call.arguments.length === wanted.length
    && calleeName(call) === name && checker.getResolvedSignature(call)?.declaration === repeated
    && call.arguments.every((argument, index) => handed(argument, wanted[index])));
}

/**
 * `payload` of `const payload = await helper.preparePayload(args)`: a value one call makes from
 * the value whose key is given, as the other call is handed `args` itself. (One step back only.)
 */
function madeFrom(checker: ts.TypeChecker, value: ts.Expression, key: string | undefined): boolean {
  const node = skipOuterExpressions(value);
  const declaration = ts.isIdentifier(node) ? checker.getSymbolAtLocation(node)?.valueDeclaration : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  let made = skipOuterExpressions(declaration.initializer);
  if (ts.isAwaitExpression(made)) made = skipOuterExpressions(made.expression);
  return ts.isCallExpression(made) && made.arguments.some((argument) => handedKey(checker, argument) === key);
}

/** `extractSigner` of `extractSigner(config)` or of `this.signer.extract(config)`'s `extract`. */
function calleeName(call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

function operationOf(expression: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
  let node = skipOuterExpressions(expression);
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression);
  return ts.isCallExpression(node) || ts.isNewExpression(node) ? node : undefined;
}

/**
 * The receivers an operation goes through: its own, and those of the operations it hands to a
 * wrapper (`await abort.attempt(messenger.sendRequest(…))` goes through `messenger` too).
 */
function receiversOf(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): string[] {
  return [operation, ...wrappedOperations(checker, operation)].map((inner) => receiverKey(checker, inner))
    .filter((key) => key !== undefined);
}

/**
 * The operations passed directly as arguments: `op()` in `withTimeout(op(), 5000)`, a call that
 * returns a promise. `path.join(…)` in `readFile(path.join(…))` is a value, not an operation.
 */
function wrappedOperations(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): ts.CallExpression[] {
  return (operation.arguments ?? []).map((argument) => skipOuterExpressions(argument)).filter(ts.isCallExpression)
    .filter((call) => isPromiseLike(checker, checker.getTypeAtLocation(call)));
}

function receiverKey(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipOuterExpressions(operation.expression);
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) return keyOf(checker, callee.expression);
  return undefined;
}

/** Whether the two operations are handed the same value: the same binding, reference or literal. */
export function shareArgument(checker: ts.TypeChecker, a: ts.CallExpression | ts.NewExpression, b: ts.CallExpression | ts.NewExpression): boolean {
  const keys = new Set((a.arguments ?? []).map((argument) => keyOf(checker, argument)).filter((key) => key !== undefined));
  return (b.arguments ?? []).some((argument) => {
    const key = keyOf(checker, argument);
    return key !== undefined && keys.has(key);
  });
}

/**
 * A key that is equal for two expressions that surely denote the same value: the same binding,
 * literal, or path of properties and calls on them (`this.db.collection('users')`). Anything
 * else has no key and equals nothing.
 */
function keyOf(checker: ts.TypeChecker, expression: ts.Expression): string | undefined {
  const node = skipOuterExpressions(expression);
  if (ts.isIdentifier(node)) {
    const symbol = checker.getSymbolAtLocation(node);
    return symbol ? `#${symbolId(symbol)}` : undefined;
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) return JSON.stringify(node.text);
  if (ts.isPropertyAccessExpression(node)) {
    const base = keyOf(checker, node.expression);
    return base === undefined ? undefined : `${base}.${node.name.text}`;
  }
  if (ts.isElementAccessExpression(node)) {
    const base = keyOf(checker, node.expression);
    const index = keyOf(checker, node.argumentExpression);
    return base === undefined || index === undefined ? undefined : `${base}[${index}]`;
  }
  if (ts.isCallExpression(node)) {
    const callee = keyOf(checker, node.expression);
    const args = node.arguments.map((argument) => keyOf(checker, argument));
    return callee === undefined || args.includes(undefined) ? undefined : `${callee}(${args.join(',')})`;
  }
  return undefined;
}

/** `true`, `false`, `null`: an option's flag. */
function keywordKey(expression: ts.Expression): string | undefined {
  const node = skipOuterExpressions(expression);
  const keywords = [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword];
  return keywords.includes(node.kind) ? ts.tokenToString(node.kind) : undefined;
}

/**
 * The key of a value handed to a call, where an object written out counts too: in `repeats`, the
 * same options written twice. (Elsewhere, two calls given `{ recursive: true }` share nothing.)
 */
function handedKey(checker: ts.TypeChecker, argument: ts.Expression): string | undefined {
  const node = skipOuterExpressions(argument);
  return ts.isObjectLiteralExpression(node) ? objectKey(checker, node) : keyOf(checker, node);
}

/**
 * `{ ...options, task: 'text-to-image' }`: an object written twice with the same parts, in the
 * same order, each of which has a key, holds the same values.
 */
function objectKey(checker: ts.TypeChecker, object: ts.ObjectLiteralExpression): string | undefined {
  const parts: string[] = [];
  for (const property of object.properties) {
    let part: string | undefined;
    if (ts.isSpreadAssignment(property)) {
      const spread = keyOf(checker, property.expression);
      part = spread === undefined ? undefined : `...${spread}`;
    } else if (ts.isShorthandPropertyAssignment(property)) {
      const symbol = checker.getShorthandAssignmentValueSymbol(property);
      part = symbol ? `${JSON.stringify(property.name.text)}:#${symbolId(symbol)}` : undefined;
    } else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name))) {
      const value = keyOf(checker, property.initializer) ?? keywordKey(property.initializer);
      part = value === undefined ? undefined : `${JSON.stringify(property.name.text)}:${value}`;
    }
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return `{${parts.join(',')}}`;
}

function symbolId(symbol: ts.Symbol): number {
  let id = ids.get(symbol);
  if (id === undefined) {
    id = nextId++;
    ids.set(symbol, id);
  }
  return id;
}
