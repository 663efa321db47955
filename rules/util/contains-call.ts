import ts from 'typescript';

/** Whether some call or tagged template inside `root` (nested functions included) passes `test`. */
export function containsCall(root: ts.Node, test: (call: ts.CallExpression | ts.TaggedTemplateExpression) => boolean): boolean {
  const visit = (node: ts.Node): boolean => ((ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) && test(node))
    || (ts.forEachChild(node, visit) ?? false);
  return visit(root);
}
