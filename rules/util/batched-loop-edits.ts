import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { indentationAt } from './indentation-at';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unusedNameAt } from './unused-name-at';
import type { UnboundedMap } from './find-unbounded-work';
import type { FixContext } from './suggest-limits';

/**
 * Where no limiter package is at hand: the statement becomes a loop that awaits one batch of
 * `concurrency` elements at a time. Offered for `await Promise.all(xs.map(fn));` as a statement and
 * for `const results = await Promise.all(xs.map(fn));`, when `fn` ignores the index (each batch
 * restarts it) and can be evaluated once per batch.
 */
export function batchedLoopEdits(context: FixContext, call: ts.CallExpression, work: UnboundedMap): TextEdit[] | undefined {
  const { checker, sourceFile } = context;
  const awaited = call.parent;
  if (!ts.isAwaitExpression(awaited) || !isPlainCallback(checker, work.callback) || work.map.arguments.length !== 1) return undefined;
  const statement = awaited.parent;
  const result = ts.isVariableDeclaration(statement) ? resultDeclaration(context, statement, awaited) : undefined;
  const whole = result ? statement.parent.parent : statement;
  if (!(ts.isExpressionStatement(whole) && whole.expression === awaited) && !result) return undefined;
  if (!ts.isBlock(whole.parent) && !ts.isSourceFile(whole.parent) && !ts.isModuleBlock(whole.parent)) return undefined;

  const indent = indentationAt(sourceFile, whole.getStart(sourceFile));
  const constant = unusedNameAt(checker, [whole, call], 'CONCURRENCY');
  const start = unusedNameAt(checker, [call], 'start');
  const lines = [`const ${constant} = ${context.concurrency};`];
  let items = work.receiver.getText(sourceFile);
  if (!isStableReference(work.receiver)) {
    const name = unusedNameAt(checker, [whole, call], 'items');
    lines.push(`const ${name} = ${items};`);
    items = name;
  }
  if (result) lines.push(`${result.keyword} ${result.name}: ${result.type} = [];`);
  const batch = `await Promise.${(call.expression as ts.PropertyAccessExpression).name.text}(`
    + `${items}.slice(${start}, ${start} + ${constant}).map(${work.callback.getText(sourceFile)}))`;
  lines.push(
    `for (let ${start} = 0; ${start} < ${items}.length; ${start} += ${constant}) {`,
    result ? `  ${result.name}.push(...(${batch}));` : `  ${batch};`,
    '}',
  );
  return [{ start: whole.getStart(sourceFile), end: whole.getEnd(), newText: lines.join(`\n${indent}`) }];
}

/** `const results[: T[]] = await …` alone in its statement, with a type the new array can take. */
function resultDeclaration(
  context: FixContext,
  declaration: ts.VariableDeclaration,
  awaited: ts.AwaitExpression,
): { keyword: string; name: string; type: string } | undefined {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !ts.isIdentifier(declaration.name) || list.declarations.length !== 1 || !ts.isVariableStatement(list.parent)) return undefined;
  if (list.parent.modifiers?.length) return undefined;
  const keyword = list.flags & ts.NodeFlags.Const ? 'const' : list.flags & ts.NodeFlags.Let ? 'let' : undefined;
  if (!keyword) return undefined;
  const annotation = declaration.type;
  if (annotation) {
    if (!ts.isArrayTypeNode(annotation)) return undefined;
    return { keyword, name: declaration.name.text, type: annotation.getText(context.sourceFile) };
  }
  const type = context.checker.getTypeAtLocation(awaited);
  if (!context.checker.isArrayType(type)) return undefined;
  const text = context.checker.typeToString(type, declaration,
    ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
  if (/\bany\b|\.\.\.|import\(/u.test(text) || !isNamedInScope(context, type, declaration)) return undefined;
  return { keyword, name: declaration.name.text, type: text };
}

/** Whether every named type the printed type mentions can be named where the declaration is. */
function isNamedInScope(context: FixContext, type: ts.Type, location: ts.Node): boolean {
  const { checker } = context;
  const inScope = new Set(checker.getSymbolsInScope(location, ts.SymbolFlags.Type | ts.SymbolFlags.Alias).map((symbol) => symbol.getName()));
  const seen = new Set<ts.Type>();
  const visit = (current: ts.Type): boolean => {
    if (seen.has(current)) return true;
    seen.add(current);
    const symbol = current.aliasSymbol ?? current.getSymbol();
    if (symbol && symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Enum)
      && !inScope.has(symbol.getName())) {
      return false;
    }
    const parts = current.isUnionOrIntersection() ? current.types : [];
    const args = current.aliasTypeArguments ?? (current.flags & ts.TypeFlags.Object ? checker.getTypeArguments(current as ts.TypeReference) : []);
    return [...parts, ...args].every(visit);
  };
  return visit(type);
}

function isPlainCallback(checker: ts.TypeChecker, callback: ts.Expression): boolean {
  const node = skipOuterExpressions(callback);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node.parameters.length <= 1;
  if (!isStableReference(node)) return false;
  return checker.getTypeAtLocation(node).getCallSignatures().every((signature) => signature.getParameters().length <= 1);
}

function isStableReference(node: ts.Expression): boolean {
  const expression = skipOuterExpressions(node);
  if (ts.isIdentifier(expression) || expression.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(expression) && !ts.isOptionalChain(expression) && isStableReference(expression.expression);
}
