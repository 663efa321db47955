import ts from 'typescript';
import { operationName } from './operation-name';
import { skipOuterExpressions } from './skip-outer-expressions';

/** Names of operations that change the world: `writeFile`, `repo.save`, `mailer.send`, `tx.commit`. */
const MUTATION = /^(?:write|append|insert|put|set|save|store|update|upsert|patch|delete|del|remove|rm|rmdir|unlink|mkdir|rename|copy|move|truncate|create|add|begin|commit|rollback|lock|unlock|acquire|release|send|publish|emit|enqueue|push|post|connect|disconnect|close|open|flush|destroy|drop|reset|clear|increment|decrement|incr|decr|charge|refund|pay|transfer|exec|execute|run|spawn|kill)(?![a-z])/u;

/**
 * Whether a call evidently changes something, judged by the name of what it calls (camelCase and
 * snake_case both count: `writeFile`, `write_file`), or by an HTTP method in its options:
 * `fetch(url, { method: 'POST' })`, `api({ method: 'PATCH', path })`. `fetch` without a method, or
 * with GET or HEAD, reads. A callee with no name (`handlers[kind](…)`) counts as changing, since
 * nothing is known of it.
 */
export function isMutatingOperation(operation: ts.CallExpression | ts.NewExpression): boolean {
  const name = operationName(operation);
  if (name === undefined) return true;
  if (name === 'fetch') return hasNonReadMethod(operation.arguments?.[1]);
  if (MUTATION.test(name) || MUTATION.test(name.toLowerCase())) return true;
  return (operation.arguments ?? []).some(namesWritingMethod);
}

/** An options object literal whose `method` is a string other than GET or HEAD. */
function namesWritingMethod(argument: ts.Expression): boolean {
  const options = skipOuterExpressions(argument);
  if (!ts.isObjectLiteralExpression(options)) return false;
  return options.properties.some((property) => ts.isPropertyAssignment(property) && property.name !== undefined
    && ts.isIdentifier(property.name) && property.name.text === 'method' && ts.isStringLiteralLike(property.initializer)
    && !['GET', 'HEAD'].includes(property.initializer.text.toUpperCase()));
}

/** `fetch(url, { method: 'POST' })` changes something; without a method, or with GET/HEAD, it reads. */
function hasNonReadMethod(init: ts.Expression | undefined): boolean {
  if (!init) return false;
  const options = skipOuterExpressions(init);
  if (!ts.isObjectLiteralExpression(options)) return true;
  const method = options.properties.find((property) => property.name && ts.isIdentifier(property.name) && property.name.text === 'method');
  // A spread may carry a method we cannot see.
  if (!method) return !options.properties.every((property) => ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property));
  if (!ts.isPropertyAssignment(method) || !ts.isStringLiteralLike(method.initializer)) return true;
  return !['GET', 'HEAD'].includes(method.initializer.text.toUpperCase());
}
