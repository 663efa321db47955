import ts from 'typescript';
import { isAsyncFunction } from './is-async-function';
import type { TextEdit } from '../core/types';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unusedNameAt } from './unused-name-at';

/** `Array.prototype.map` passes an element, its index and the array. */
const MAP_PARAMETERS = ['index', 'array'];

/**
 * Edits that make a `map` callback hand its work to `limit`: `async (user) => body` becomes
 * `(user) => limit(async () => body)`, and a function reference `fetchOne` becomes
 * `(id) => limit(() => fetchOne(id))`. `undefined` where the callback cannot be rewritten safely.
 */
export function limitedCallbackEdits(
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
  callback: ts.Expression,
  receiver: ts.Expression,
  limit: string,
): TextEdit[] | undefined {
  const start = callback.getStart(sourceFile);
  const end = callback.getEnd();
  if (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) {
    if (callback.typeParameters || callback.asteriskToken || usesOwnThisOrArguments(callback)) return undefined;
    const parameters = callback.parameters.length === 0 ? ''
      : sourceFile.text.slice(callback.parameters[0]!.getStart(sourceFile), callback.parameters.at(-1)!.getEnd());
    const isAsync = isAsyncFunction(callback) ? 'async ' : '';
    const returnType = callback.type ? `: ${callback.type.getText(sourceFile)}` : '';
    const inner = ts.isArrowFunction(callback)
      ? `${isAsync}()${returnType} => `
      : `${isAsync}function${callback.name ? ` ${callback.name.text}` : ''}()${returnType} `;
    return [
      { start, end: callback.body.getStart(sourceFile), newText: `(${parameters}) => ${limit}(${inner}` },
      { start: end, end, newText: ')' },
    ];
  }
  if (!isReference(callback)) return undefined;
  const count = parameterCount(checker, callback);
  if (count === undefined) return undefined;
  const names = [elementName(receiver), ...MAP_PARAMETERS].slice(0, count)
    .map((name) => unusedNameAt(checker, [callback], name));
  const list = names.join(', ');
  return [{ start, end, newText: `(${list}) => ${limit}(() => ${callback.getText(sourceFile)}(${list}))` }];
}

function isReference(node: ts.Expression): boolean {
  const expression = skipOuterExpressions(node);
  if (ts.isIdentifier(expression) || expression.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(expression) && !ts.isOptionalChain(expression) && isReference(expression.expression);
}

/** How many of `map`'s arguments a referenced function takes; `undefined` for rest parameters. */
function parameterCount(checker: ts.TypeChecker, reference: ts.Expression): number | undefined {
  const signatures = checker.getTypeAtLocation(reference).getCallSignatures();
  if (signatures.length === 0) return undefined;
  let count = 0;
  for (const signature of signatures) {
    const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
    if (declaration?.parameters.some((parameter) => parameter.dotDotDotToken)) return undefined;
    count = Math.max(count, signature.getParameters().length);
  }
  return Math.min(count, 3);
}

/** `users` → `user`, `entries` → `entry`, `addresses` → `address`; otherwise `item`. */
function elementName(receiver: ts.Expression): string {
  const node = skipOuterExpressions(receiver);
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : '';
  if (/^[a-z]\w*ies$/u.test(name)) return `${name.slice(0, -3)}y`;
  if (/^[a-z]\w*(?:ss|x|ch|sh)es$/u.test(name)) return name.slice(0, -2);
  if (/^[a-z]\w*[^s]s$/u.test(name)) return name.slice(0, -1);
  return 'item';
}

/** A plain function's own `this` or `arguments` would change meaning inside the arrow it moves to. */
function usesOwnThisOrArguments(callback: ts.ArrowFunction | ts.FunctionExpression): boolean {
  if (ts.isArrowFunction(callback)) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (ts.isFunctionLike(node) && !ts.isArrowFunction(node))) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(node) && node.text === 'arguments')) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(callback.body, visit);
  return found;
}
