import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/** Methods that change the list, map or set they are called on. */
const MUTATORS = new Set(['push', 'unshift', 'pop', 'shift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

/**
 * Whether `node` changes a binding that `isTarget` accepts: an assignment or `++`/`--` whose target
 * it is (or a property of it), a call of it (`commit()` of a closure), or a call of a method that
 * changes a list, map or set it holds (`report.push(row)`, `seen.add(id)`).
 */
export function changesBinding(node: ts.Node, isTarget: (node: ts.Expression) => boolean): boolean {
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment && isTarget(node.left);
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    const operator = node.operator;
    return (operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken) && isTarget(node.operand);
  }
  if (!ts.isCallExpression(node)) return false;
  const callee = skipOuterExpressions(node.expression);
  if (ts.isIdentifier(callee)) return isTarget(callee);
  return ts.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text) && isTarget(callee);
}

/**
 * Whether code, once it has awaited, changes a binding `isTarget` accepts. What a function does
 * before its first await runs at once when it is called, in the caller's order; what follows an
 * await interleaves with every other call that is in flight.
 */
export function changesAfterAwait(body: ts.Node, isTarget: (node: ts.Expression) => boolean): boolean {
  let awaited = false;
  const visit = (node: ts.Node): boolean => {
    if (awaited && changesBinding(node, isTarget)) return true;
    if (ts.forEachChild(node, visit) === true) return true;
    if (ts.isAwaitExpression(node)) awaited = true;
    return false;
  };
  return visit(body);
}
