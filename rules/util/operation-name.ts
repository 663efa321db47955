import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/** The name an operation is called by: `writeFile` in `fs.writeFile(…)`, `save` in `save(…)`; none for `handlers[kind](…)`. */
export function operationName(operation: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipOuterExpressions(operation.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}
