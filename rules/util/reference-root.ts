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

/**
 * The object a chain of calls starts from: `trx` of `trx('users').where(…).first()`, `db` of
 * `db.select().from(users)`. A query builder sends its statement through what it was built on.
 */
export function chainRoot(node: ts.Expression): ts.Expression {
  let current = referenceRoot(node);
  while (ts.isCallExpression(current)) current = referenceRoot(current.expression);
  return current;
}
