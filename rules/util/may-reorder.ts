import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * Names of operations that change the world. Two of them keep their order (an order row may need
 * its customer row first); one of them keeps its order with any operation on the same argument
 * (read the file, then delete it).
 */
const MUTATION = /^(?:write|append|insert|put|set|save|store|update|upsert|patch|delete|del|remove|rm|rmdir|unlink|mkdir|rename|copy|move|truncate|create|add|begin|commit|rollback|lock|unlock|acquire|release|send|publish|emit|enqueue|push|post|connect|disconnect|close|open|flush|destroy|drop|reset|clear|increment|decrement|incr|decr|charge|refund|pay|transfer|exec|execute|run|spawn|kill)(?![a-z])/u;

const ids = new WeakMap<ts.Symbol, number>();
let nextId = 0;

/**
 * Whether two awaited operations may run in either order, or at once. Not when they go through
 * the same receiver (`db.users.find` twice, `tx.insert` then `tx.commit`), when both change
 * something, or when one changes something and they share an argument (`mkdir(dir)` then
 * `writeFile(dir + …)` shares nothing; `writeFile(path)` then `rm(path)` does). Awaiting promises
 * that already exist (`await pending`) never reorders any work.
 */
export function mayReorder(checker: ts.TypeChecker, earlier: ts.Expression, later: ts.Expression): boolean {
  const first = operationOf(earlier);
  const second = operationOf(later);
  if (!first || !second) return true;
  const firstReceiver = receiverKey(checker, first);
  if (firstReceiver !== undefined && firstReceiver === receiverKey(checker, second)) return false;
  const firstMutates = mutates(first);
  const secondMutates = mutates(second);
  if (firstMutates && secondMutates) return false;
  return !((firstMutates || secondMutates) && shareArgument(checker, first, second));
}

function operationOf(expression: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
  let node = skipOuterExpressions(expression);
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression);
  return ts.isCallExpression(node) || ts.isNewExpression(node) ? node : undefined;
}

/** The operation's name: `writeFile` in `fs.writeFile(…)`, `save` in `repo.save(…)`. */
function nameOf(operation: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipOuterExpressions(operation.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function mutates(operation: ts.CallExpression | ts.NewExpression): boolean {
  const name = nameOf(operation);
  if (name === undefined) return true;
  if (name === 'fetch') return hasNonReadMethod(operation.arguments?.[1]);
  return MUTATION.test(name.toLowerCase()) || MUTATION.test(name);
}

/** `fetch(url, { method: 'POST' })` changes something; without a method, or with GET/HEAD, it reads. */
function hasNonReadMethod(init: ts.Expression | undefined): boolean {
  if (!init) return false;
  const options = skipOuterExpressions(init);
  if (!ts.isObjectLiteralExpression(options)) return true;
  const method = options.properties.find((property) => property.name && ts.isIdentifier(property.name) && property.name.text === 'method');
  if (!method) return false;
  if (!ts.isPropertyAssignment(method) || !ts.isStringLiteralLike(method.initializer)) return true;
  return !['GET', 'HEAD'].includes(method.initializer.text.toUpperCase());
}

function receiverKey(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipOuterExpressions(operation.expression);
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) return keyOf(checker, callee.expression);
  return undefined;
}

function shareArgument(checker: ts.TypeChecker, a: ts.CallExpression | ts.NewExpression, b: ts.CallExpression | ts.NewExpression): boolean {
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

function symbolId(symbol: ts.Symbol): number {
  let id = ids.get(symbol);
  if (id === undefined) {
    id = nextId++;
    ids.set(symbol, id);
  }
  return id;
}
