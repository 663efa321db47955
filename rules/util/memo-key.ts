import ts from 'typescript';
import { isAmbient } from './is-ambient';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * For a call of the project's own function that keeps its answers in a map by a key (`if
 * (cache.has(key)) return cache.get(key)` … `cache.set(key, promise)`), the positions of the
 * parameters the key is made from: `[1]` for `resolve(tag, network)` keyed by `network.name`, `[]`
 * for a key that is a constant. `undefined` for any other call.
 */
export function memoKeyParameters(checker: ts.TypeChecker, call: ts.CallExpression): number[] | undefined {
  const declaration = checker.getResolvedSignature(call)?.declaration;
  if (!declaration || ts.isJSDocSignature(declaration) || isAmbient(declaration)) return undefined;
  if (!ts.isFunctionLike(declaration) || !('body' in declaration) || !declaration.body) return undefined;
  let byDeclaration = answers.get(checker);
  if (!byDeclaration) answers.set(checker, byDeclaration = new WeakMap());
  if (!byDeclaration.has(declaration)) byDeclaration.set(declaration, keyParameters(checker, declaration, declaration.body));
  return byDeclaration.get(declaration);
}

const answers = new WeakMap<ts.TypeChecker, WeakMap<ts.Node, number[] | undefined>>();

function keyParameters(checker: ts.TypeChecker, fn: ts.SignatureDeclaration, body: ts.Node): number[] | undefined {
  const reads = new Set<string>();
  const writes: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(node.expression);
      const [key] = node.arguments;
      if (ts.isPropertyAccessExpression(callee) && key && !ts.isSpreadElement(key)) {
        const method = callee.name.text;
        if (method === 'get' || method === 'has') reads.add(entryText(callee.expression, key));
        if (method === 'set' && node.arguments.length === 2) writes.push(node);
      }
    }
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  const write = writes.find((call) => reads.has(entryText((call.expression as ts.PropertyAccessExpression).expression, call.arguments[0]!)));
  if (!write) return undefined;
  // The key may read the parameters themselves and what lies outside the function; a key made
  // from a local variable is not known from the arguments alone.
  const positions = new Set<number>();
  let local = false;
  const collect = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
      if (declaration && ts.isParameter(declaration) && declaration.parent === fn) positions.add(fn.parameters.indexOf(declaration));
      else if (declaration && declaration.pos >= fn.pos && declaration.end <= fn.end) local = true;
    }
    ts.forEachChild(node, collect);
  };
  collect(write.arguments[0]!);
  return local ? undefined : [...positions];
}

/** `cache` and `network.name` as one text, to match `cache.get(network.name)` with `cache.set(network.name, …)`. */
function entryText(map: ts.Expression, key: ts.Expression): string {
  return `${map.getText()}\u0000${key.getText()}`;
}
