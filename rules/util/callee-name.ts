import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/** The name a call calls by: `readFileSync` in `readFileSync(p)` and in `fs.readFileSync(p)`. */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? callee.name.text : undefined;
}
