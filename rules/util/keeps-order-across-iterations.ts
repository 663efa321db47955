import ts from 'typescript';
import { changesArgumentState } from './changes-argument-state';
import { changesEnclosingState } from './changes-enclosing-state';
import { changesSchema } from './changes-schema';
import { asksAPerson } from './is-interactive-operation';
import { isOrderedStep } from './is-ordered-step';
import { lastWord } from './last-word';
import { operationName } from './operation-name';
import { chainRoot, referenceRoot } from './reference-root';
import { skipOuterExpressions } from './skip-outer-expressions';
import { transactionHandle } from './transaction-handle';

/**
 * Receivers that carry one conversation in order (a stream, a socket, a transport, a transaction, a
 * session), a chain or a feed, whose blocks each build on the one before, a state machine, whose every
 * input moves it on from the state the one before left, or a mutex, which lets one task in at a
 * time whatever the loop does.
 */
const ORDERED_RECEIVER = new Set([
  'tx', 'trx', 'transaction', 'session', 'conn', 'connection', 'writer', 'stream', 'socket', 'channel', 'transport', 'cursor',
  'file', 'handle', 'fh', 'chain', 'blockchain', 'feed', 'machine', 'mutex', 'lock',
]);
const ORDERED_TYPE = /(?:Transaction|Session|Stream|Socket|Writer|Writable|Duplex|FileHandle|Channel|Transport|Connection|Cursor|Generator|Iterator|StateMachine)$/u;

/** Operations that change what their first argument names (a path, a topic, a key). */
const CHANGES_FIRST_ARGUMENT = /^(?:write|append|rename|copy|move|truncate|rm|unlink|remove|delete|send|emit|publish|exec|execute|set|put|push|insert|update|upsert|incr|decr|kick|ban|unban|invite|redact)/iu;

/**
 * Whether the awaited operation must run in loop order from one iteration to the next: it goes
 * through a receiver that keeps an order (`stream.write(chunk)`, `tx.query(sql)`, a socket, a
 * cursor, a generator), or it changes a resource that stays the same in every iteration (`appendFile(logPath,
 * line)`), so the last write would no longer be the last item's, or each item is a step applied
 * to one shared context (`migration.up(db)`), or the item is itself the step to run (`await
 * hook(…)`), or it is a method of the object the loop runs in (`this.apply(item)`), a closure that changes
 * the state of the function it was declared in, or a function that changes an object every
 * iteration passes it (`processCollection(folder, envs)`), or it changes a database schema, or it
 * asks a person something. `varies` tells whether a binding takes a new value in each iteration (the
 * item and what the body computes from it).
 */
export function keepsOrderAcrossIterations(checker: ts.TypeChecker, operand: ts.Expression, varies: (node: ts.Expression) => boolean): boolean {
  const call = skipOuterExpressions(operand);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.expression);
  const name = operationName(call);
  // `for (const hook of hooks) await hook(…)`: the items are the steps (cleanup functions,
  // middleware, migrations), run in the order they were registered.
  if (ts.isIdentifier(callee) && varies(callee)) return true;
  // `await booter[phase]()`: the same step, named by a key that stays, taken by each part in turn.
  if (ts.isElementAccessExpression(callee) && varies(callee.expression) && !varies(callee.argumentExpression)
    && !call.arguments.some((argument) => varies(argument))) {
    return true;
  }
  // `for (const step of toDelete) await step.fn()`: a function the item carries as a value (not a
  // method of its type) is a prepared step too.
  // What a call answers with (`got(url).json()`) is no step the item carries.
  if (ts.isPropertyAccessExpression(callee) && varies(callee.expression) && !isMadeHere(callee.expression)
    && isFunctionValuedProperty(checker, callee)) {
    return true;
  }
  if (asksAPerson(checker, call)) return true;
  // `trie.put(key, value)` into `const trie = new MerklePatriciaTrie()` of this function: the loop
  // builds one structure, and each write goes into what the one before left.
  if (ts.isPropertyAccessExpression(callee) && name !== undefined && CHANGES_STRUCTURE.test(name)
    && isMadeByEnclosingFunction(checker, callee.expression, call)) {
    return true;
  }
  // `events.removed.emit(binding)`, `part.close()`, `snapshot.compensate(…)`: events, lifecycles
  // and rollbacks happen in order.
  if (isOrderedStep(call, varies)) return true;
  // `await db.schema.dropTable(name).execute()`: schema changes lock and depend on each other.
  if (changesSchema(checker, call)) return true;
  // `this.route(event)`, `this.#apply(item)`: a method of the object the loop runs in, which
  // updates that object's state item by item.
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) return true;
  // `await cleanup(key)` where `cleanup` is a closure of the enclosing function that, after an
  // await, calls that function's `begin()`/`commit()` or assigns its variables: the same thing.
  if (ts.isIdentifier(callee) && changesEnclosingState(checker, callee)) return true;
  // `processCollection(folder, envs, report)` that sets `envs.global` and pushes to `report`
  // after it awaits: each call continues from the state the previous one left.
  if (changesArgumentState(checker, call, varies)) return true;
  // A stream made from the item for this call alone (`sharp(image).toFile(path)`) carries no
  // conversation with the others; one a call hands out (`getSession().run(…)`) may be shared.
  if (ts.isPropertyAccessExpression(callee) && !(isMadeHere(callee.expression) && varies(callee.expression))
    && isOrderedReceiver(checker, callee.expression)) {
    return true;
  }
  // `client.query(…)` or `trx('users').insert(…)` on the one connection or transaction the loop
  // holds; a client per item (`shard.query(…)`) is a connection of its own.
  if (ts.isPropertyAccessExpression(callee) && transactionHandle(checker, call) !== undefined && !varies(chainRoot(callee.expression))) return true;
  // `migration.up(db)`, `plugin.register(app)`: each item is a step applied to the same context.
  if (ts.isPropertyAccessExpression(callee) && varies(callee.expression)
    && call.arguments.some((argument) => isPlace(argument) && !ts.isStringLiteralLike(skipOuterExpressions(argument)) && !varies(argument))) {
    return true;
  }
  const [first] = call.arguments;
  return name !== undefined && first !== undefined && CHANGES_FIRST_ARGUMENT.test(name) && isPlace(first) && !varies(first);
}

/** Methods that change the structure they are called on. */
const CHANGES_STRUCTURE = /^(?:put|set|insert|add|del|delete|remove|update|upsert|append|push)(?:[A-Z]|$)/u;

/**
 * `trie` or `shard.bucket`, where `const trie = new …(…)` is declared in the function the call is
 * in, before the loop: an object that function builds itself, not a client of something outside it.
 */
function isMadeByEnclosingFunction(checker: ts.TypeChecker, receiver: ts.Expression, call: ts.CallExpression): boolean {
  const root = referenceRoot(receiver);
  if (!ts.isIdentifier(root)) return false;
  const declaration = checker.getSymbolAtLocation(root)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  if (!ts.isNewExpression(skipOuterExpressions(declaration.initializer))) return false;
  const scope = ts.findAncestor(declaration, ts.isFunctionLike);
  if (scope === undefined || ts.findAncestor(call, ts.isFunctionLike) !== scope) return false;
  // One made in the loop's body is a structure per item.
  const loop = ts.findAncestor(call, (node) => node === scope ? 'quit' : ts.isIterationStatement(node, false));
  return loop === undefined || declaration.end <= loop.getStart() || declaration.pos >= loop.end;
}

/** `got(url)`, `new Client(url)`: an object a call or `new` makes where it is used. */
function isMadeHere(receiver: ts.Expression): boolean {
  const node = skipOuterExpressions(receiver);
  return ts.isCallExpression(node) || ts.isNewExpression(node);
}

function isOrderedReceiver(checker: ts.TypeChecker, receiver: ts.Expression): boolean {
  const node = skipOuterExpressions(receiver);
  const last = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
  if (last !== undefined && ORDERED_RECEIVER.has(lastWord(last))) return true;
  const type = checker.getApparentType(checker.getTypeAtLocation(node));
  const typeName = (type.aliasSymbol ?? type.getSymbol())?.getName();
  if (typeName !== undefined && ORDERED_TYPE.test(typeName)) return true;
  // A generator resumed step by step (`await generator.next(result)`) is one conversation too.
  if (type.getProperty('next') !== undefined && type.getProperty('throw') !== undefined) return true;
  return type.getProperty('write') !== undefined && (type.getProperty('end') !== undefined || type.getProperty('close') !== undefined);
}

/**
 * `logPath`, `this.outFile`, `'orders'`: a name for a resource, not a computed value. A text with
 * spaces is a statement (`'UPDATE orders SET … WHERE id = ?'`), whose rows its parameters choose.
 */
function isPlace(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  if (ts.isStringLiteralLike(inner)) return !/\s/u.test(inner.text);
  if (ts.isIdentifier(inner) || inner.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(inner) && isPlace(inner.expression);
}

/** `fn` in `step.fn()` when declared as a property holding a function, not as a method. */
function isFunctionValuedProperty(checker: ts.TypeChecker, callee: ts.PropertyAccessExpression): boolean {
  const declarations = checker.getSymbolAtLocation(callee.name)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => ts.isPropertySignature(declaration)
    || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isShorthandPropertyAssignment(declaration));
}
