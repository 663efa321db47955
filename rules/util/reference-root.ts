import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/** The object a reference starts from: `a` of `a`, `a.b.c` and `a[i]`, `this` of `this.x`. */
export function referenceRoot(node: ts.Expression): ts.Expression {
  let current = skipOuterExpressions(node);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    current = skipOuterExpressions(current.expression);
  }
  return current;
}
