import ts from 'typescript';
import { containsCall } from './code-walk';
import { declaredFunctionBody } from './declared-function-body';
import { skipOuterExpressions } from './skip-outer-expressions';

/** The combinators that start nothing themselves but wait on everything they are given at once. */
export const COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled', 'any', 'race']);

/**
 * The syntactic filter before any type query: `<anything>.all(<one argument>)` and its siblings.
 * The name of the combinator, or undefined.
 */
export function combinatorName(call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !COMBINATORS.has(callee.name.text)) return undefined;
  if (call.arguments.length !== 1 || ts.isSpreadElement(call.arguments[0]!)) return undefined;
  return callee.name.text;
}

/** `Promise.all`, `Promise.race`, … as the standard library declares them on `PromiseConstructor`. */
export function isPromiseCombinator(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  if (combinatorName(call) === undefined) return false;
  const callee = skipOuterExpressions(call.expression) as ts.PropertyAccessExpression;
  const symbol = checker.getSymbolAtLocation(callee.name);
  return (symbol?.getDeclarations() ?? []).some((declaration) => ts.isInterfaceDeclaration(declaration.parent)
    && declaration.parent.name.text === 'PromiseConstructor'
    && program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/**
 * `Promise.all(ids.map(load))`, `Promise.all(tasks)`: a combinator over a list, whose length the
 * code does not write out, as opposed to `Promise.all([user(), team()])`.
 */
export function isFanOut(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  if (!isPromiseCombinator(program, checker, call)) return false;
  const argument = skipOuterExpressions(call.arguments[0]!);
  return !ts.isArrayLiteralExpression(argument) || argument.elements.some((element) => ts.isSpreadElement(element));
}

/**
 * Whether awaited work calls the project's own function whose code runs a fan-out over a list
 * (`await readArtifacts(dir)`, which reads every file of `dir` together). Running several of these
 * side by side multiplies the operations under way, and no limit of the caller's bounds the ones
 * inside. (A fan-out awaited in place, `await Promise.all(orders.map(ship))`, is a batch that
 * `isPacingAwait` knows by name.)
 */
export function runsFanOut(program: ts.Program, checker: ts.TypeChecker, operand: ts.Expression): boolean {
  const node = skipOuterExpressions(operand);
  if (!ts.isCallExpression(node)) return false;
  const body = declaredFunctionBody(checker, node.expression);
  return body !== undefined && containsCall(body, (call) => ts.isCallExpression(call) && isFanOut(program, checker, call));
}
