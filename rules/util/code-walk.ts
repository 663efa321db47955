import ts from 'typescript';
import { isLeafKind, isTypeOnly } from '../core/code-nodes';

// Read once: TypeScript's module exports are getters, too slow for a call on every node.
const { forEachChild } = ts;
const { CallExpression: CALL, NewExpression: NEW, TaggedTemplateExpression: TAGGED_TEMPLATE } = ts.SyntaxKind;

/**
 * Whether `test` holds for `root` or a node of code below it, depth first: tokens, identifiers and
 * types are not visited, since they hold no code, and nested functions only `intoFunctions`. The
 * whole-project scans (the names a project hands to calls, its helpers) read every file this way.
 * What `skip` accepts is not visited, nor anything below it.
 */
export function someCodeNode(root: ts.Node, test: (node: ts.Node) => boolean, intoFunctions = true, skip?: (node: ts.Node) => boolean): boolean {
  const visit = (node: ts.Node): boolean => {
    const kind = node.kind;
    if (isLeafKind(kind) || isTypeOnly(kind) || (!intoFunctions && ts.isFunctionLike(node)) || skip?.(node) === true) return false;
    return test(node) || (forEachChild(node, visit) ?? false);
  };
  return visit(root);
}

/** Calls `visit` for every call and `new` expression in or below `root`. */
export function forEachCallIn(root: ts.Node, visit: (call: ts.CallExpression | ts.NewExpression) => void): void {
  someCodeNode(root, (node) => {
    if (node.kind === CALL || node.kind === NEW) visit(node as ts.CallExpression | ts.NewExpression);
    return false;
  });
}

/**
 * Whether some call or tagged template in or below `root` (nested functions included, and not
 * below what `skip` accepts) passes `test`.
 */
export function containsCall(root: ts.Node, test: (call: ts.CallExpression | ts.TaggedTemplateExpression) => boolean,
  skip?: (node: ts.Node) => boolean): boolean {
  return someCodeNode(root, (node) => (node.kind === CALL || node.kind === TAGGED_TEMPLATE)
    && test(node as ts.CallExpression | ts.TaggedTemplateExpression), true, skip);
}
