import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * What a loop walks over, for loops that visit the items of a collection one by one:
 * `for (const x of xs)`, `for (const k in obj)`, `for (let i = 0; i < n; i++)`, and a queue drained
 * with `while (queue.length > 0) { const job = queue.shift(); … }` (or `do … while`).
 */
export interface LoopIteration {
  readonly kind: 'for-of' | 'for-in' | 'counted' | 'drain';
  readonly loop: ts.IterationStatement;
  readonly body: ts.Statement;
  /** The declaration of the per-iteration name: the loop variable, the index, or the shifted item. */
  readonly item: ts.VariableDeclaration;
  /** `xs` of `for…of`, the object of `for…in`, `n` of `i < n`, the drained queue. */
  readonly source: ts.Expression;
  /** For a drain, the `const job = queue.shift()` statement, which the iteration itself performs. */
  readonly takeStatement?: ts.VariableStatement;
}

/**
 * The iteration of `loop`, or `undefined` for loops of any other shape (`while (running)`, retry
 * counters written in the body, `for (;;)`), whose iterations are not a walk over items.
 */
export function loopIteration(loop: ts.IterationStatement): LoopIteration | undefined {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) {
    if (ts.isForOfStatement(loop) && loop.awaitModifier) return undefined;
    const item = singleDeclaration(loop.initializer);
    if (!item) return undefined;
    return { kind: ts.isForOfStatement(loop) ? 'for-of' : 'for-in', loop, body: loop.statement, item, source: loop.expression };
  }
  if (ts.isForStatement(loop)) return countedIteration(loop);
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return drainIteration(loop);
  return undefined;
}

function singleDeclaration(initializer: ts.Node | undefined): ts.VariableDeclaration | undefined {
  if (!initializer || !ts.isVariableDeclarationList(initializer)) return undefined;
  if (!(initializer.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let))) return undefined;
  return initializer.declarations.length === 1 ? initializer.declarations[0] : undefined;
}

/** `for (let i = 0; i < n; i++)`, `++i` or `i += 1`. */
function countedIteration(loop: ts.ForStatement): LoopIteration | undefined {
  const item = singleDeclaration(loop.initializer);
  if (!item || !ts.isIdentifier(item.name) || !item.initializer) return undefined;
  const start = skipOuterExpressions(item.initializer);
  if (!ts.isNumericLiteral(start) || start.text !== '0') return undefined;
  const index = item.name.text;
  const condition = loop.condition && skipOuterExpressions(loop.condition);
  if (!condition || !ts.isBinaryExpression(condition) || condition.operatorToken.kind !== ts.SyntaxKind.LessThanToken) return undefined;
  if (!isName(condition.left, index) || !loop.incrementor || !isStepByOne(loop.incrementor, index)) return undefined;
  return { kind: 'counted', loop, body: loop.statement, item, source: condition.right };
}

function isStepByOne(incrementor: ts.Expression, index: string): boolean {
  const node = skipOuterExpressions(incrementor);
  if ((ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) && node.operator === ts.SyntaxKind.PlusPlusToken) {
    return isName(node.operand, index);
  }
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken
    && isName(node.left, index) && ts.isNumericLiteral(node.right) && node.right.text === '1';
}

/** `while (queue.length > 0) { const job = queue.shift(); … }`: each iteration takes the next item. */
function drainIteration(loop: ts.WhileStatement | ts.DoStatement): LoopIteration | undefined {
  const queue = lengthTested(loop.expression);
  if (!queue || !ts.isBlock(loop.statement)) return undefined;
  const take = loop.statement.statements[0];
  if (!take || !ts.isVariableStatement(take)) return undefined;
  const item = singleDeclaration(take.declarationList);
  if (!item || !ts.isIdentifier(item.name) || !item.initializer) return undefined;
  const call = skipOuterExpressions(item.initializer);
  if (!ts.isCallExpression(call) || call.arguments.length > 0) return undefined;
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'shift') return undefined;
  if (callee.expression.getText() !== queue.getText()) return undefined;
  return { kind: 'drain', loop, body: loop.statement, item, source: queue, takeStatement: take };
}

/** The array of `queue.length`, `queue.length > 0`, `queue.length !== 0` or `0 < queue.length`. */
function lengthTested(condition: ts.Expression): ts.Expression | undefined {
  const node = skipOuterExpressions(condition);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (isZero(node.right) && [ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(operator)) {
      return lengthTested(node.left);
    }
    if (isZero(node.left) && operator === ts.SyntaxKind.LessThanToken) return lengthTested(node.right);
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'length') return undefined;
  return isReference(node.expression) ? node.expression : undefined;
}

/** `queue`, `this.queue`, `state.pending`: a place, not a computation. */
function isReference(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  if (ts.isIdentifier(inner) || inner.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(inner) && isReference(inner.expression);
}

function isZero(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  return ts.isNumericLiteral(inner) && inner.text === '0';
}

function isName(node: ts.Expression, name: string): boolean {
  const inner = skipOuterExpressions(node);
  return ts.isIdentifier(inner) && inner.text === name;
}
