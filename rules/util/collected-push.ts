import ts from 'typescript';
import type { LoopIteration } from './loop-iteration';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * `results.push(await fetchOne(item))` as the last statement of a loop body: the loop collects one
 * result per item into a list, in the order of the items. Run concurrently, the body can return the
 * value instead and the list be filled from what `pMap` or `Promise.all` answer, which keep the
 * order of their input.
 */
export interface CollectedPush {
  /** The `push` statement, which becomes `return value;` in the callback. */
  readonly statement: ts.ExpressionStatement;
  readonly value: ts.Expression;
  /** The list's name. */
  readonly list: ts.Identifier;
  /**
   * `const results: T[] = [];` written just before the loop: the fix declares the list with the
   * answer instead of pushing into it.
   */
  readonly declaration?: ts.VariableStatement;
}

/**
 * The loop's one ordered write, when it is such a push: an unconditional `list.push(value)` of one
 * value, last in the body, into an array declared outside the loop that the body names nowhere
 * else (reading `results.length` would see a different list).
 */
export function collectedPush(checker: ts.TypeChecker, iteration: LoopIteration, orderedWrites: readonly ts.Statement[]): CollectedPush | undefined {
  const { body, loop } = iteration;
  const statement = orderedWrites.length === 1 ? orderedWrites[0] : undefined;
  const last = ts.isBlock(body) ? body.statements.at(-1) : body;
  if (!statement || statement !== last || !ts.isExpressionStatement(statement)) return undefined;
  const call = skipOuterExpressions(statement.expression);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'push') return undefined;
  const [value, ...rest] = call.arguments;
  const list = call.expression.expression;
  if (!value || rest.length > 0 || ts.isSpreadElement(value) || !ts.isIdentifier(list)) return undefined;
  const symbol = checker.getSymbolAtLocation(list);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || (declaration.pos >= loop.pos && declaration.end <= loop.end)) return undefined;
  if (!checker.isArrayType(checker.getTypeAtLocation(list))) return undefined;
  if (countReferences(checker, body, symbol) !== 1) return undefined;
  return { statement, value, list, declaration: emptyListJustBefore(declaration, loop) };
}

function countReferences(checker: ts.TypeChecker, root: ts.Node, symbol: ts.Symbol): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && checker.getSymbolAtLocation(node) === symbol) count++;
    ts.forEachChild(node, visit);
  };
  visit(root);
  return count;
}

/**
 * `const results: T[] = [];` as the one declaration of the statement right before the loop (or its
 * label). Its annotation keeps the list's type when it is declared with the answer instead; a list
 * declared `[]` without one, or `[] as T[]`, would take the type of the answer, narrower than what
 * later code may push.
 */
function emptyListJustBefore(declaration: ts.Declaration, loop: ts.IterationStatement): ts.VariableStatement | undefined {
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.type) return undefined;
  const { initializer } = declaration;
  if (!initializer || !ts.isArrayLiteralExpression(initializer) || initializer.elements.length > 0) return undefined;
  const list = declaration.parent;
  const statement = list.parent;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isVariableStatement(statement) || statement.modifiers?.length) return undefined;
  const target = ts.isLabeledStatement(loop.parent) ? loop.parent : loop;
  const scope = target.parent;
  if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) return undefined;
  const index = scope.statements.indexOf(target as ts.Statement);
  return index > 0 && scope.statements[index - 1] === statement ? statement : undefined;
}
