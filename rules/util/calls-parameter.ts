import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * Whether `operand` calls a function that the enclosing code was handed as a parameter:
 * `await fn(item)` in a `seriesMap(items, fn)`. Such helpers run what they are given in the order
 * they are given it, and nothing in them says that the work may overlap.
 */
export function callsParameter(checker: ts.TypeChecker, operand: ts.Expression): boolean {
  const node = skipOuterExpressions(operand);
  if (!ts.isCallExpression(node)) return false;
  const callee = skipOuterExpressions(node.expression);
  if (!ts.isIdentifier(callee)) return false;
  let declaration: ts.Node | undefined = checker.getSymbolAtLocation(callee)?.valueDeclaration;
  while (declaration && ts.isBindingElement(declaration)) declaration = declaration.parent.parent;
  return declaration !== undefined && ts.isParameter(declaration);
}
