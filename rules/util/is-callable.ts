import ts from 'typescript';

/** Whether an expression evaluates to something that can be called (or to `any`). */
export function isCallable(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  return (type.flags & ts.TypeFlags.Any) !== 0 || type.getCallSignatures().length > 0;
}
