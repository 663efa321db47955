import ts from 'typescript';

/** Looks through parentheses, `as`, `satisfies`, `!` and `<T>` casts, which change no value. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)
    || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}
