import ts from 'typescript';
import { callSites, isPrivateToFile } from './call-sites';
import { bindingsWrittenBy } from './bindings-written-by';
import { hasFixedKeys } from './has-fixed-keys';
import { isPagedQuery } from './is-paged-query';
import { lastWord } from './last-word';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unionParts } from './union-parts';

/** Array methods whose result has at most as many elements as the arrays they combine. */
const SIZE_KEEPING_METHODS = new Set(['filter', 'map', 'sort', 'toSorted', 'reverse', 'toReversed', 'concat', 'with']);

/** How far the rule follows `const` bindings to their initializers. */
const MAX_DEPTH = 8;

/**
 * Whether a collection's size is fixed in the code, so that starting one operation per element is
 * a small, known fan-out: a tuple, an array literal, a slice or splice of explicit size, the keys
 * of an object type with no index signature, an array made from a count (`Array.from({ length: n })`,
 * a worker pool), a `const` initialised with one of these and never added to, the variable of a
 * `for…of` over a list of lists (a batch from a chunked list), one page of a query (`.limit(n)`,
 * `{ take: n }`, SQL `LIMIT`), a list held by a configuration object (`this.options.sourcePaths`),
 * or a parameter that every call in the file fills with one of these.
 */
export function isBoundedCollection(checker: ts.TypeChecker, expression: ts.Expression, depth = 0): boolean {
  const node = skipOuterExpressions(expression);
  if (depth > MAX_DEPTH) return false;
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.every((element) => !ts.isSpreadElement(element) || isBoundedCollection(checker, element.expression, depth + 1));
  }
  if (isFixedTuple(checker, checker.getTypeAtLocation(node))) return true;
  if (ts.isAwaitExpression(node)) return isBoundedCollection(checker, node.expression, depth + 1);
  if (ts.isCallExpression(node)) return isBoundedCall(checker, node, depth);
  if (ts.isTaggedTemplateExpression(node)) return isPagedQuery(checker, node);
  if (ts.isNewExpression(node)) return ts.isIdentifier(node.expression) && node.expression.text === 'Array' && node.arguments?.length === 1;
  if (ts.isPropertyAccessExpression(node) && isConfiguredList(node)) return true;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return isBoundedBinding(checker, node, depth);
  return false;
}

/** Names of objects that hold a configuration: what is listed in them was written by hand. */
const CONFIGURATION = new Set(['config', 'configuration', 'settings', 'cfg', 'conf', 'options', 'opts']);

/** `this.#options.sourcePaths`, `config.regions`: a list someone configured, a few entries long. */
export function isConfiguredList(node: ts.PropertyAccessExpression): boolean {
  const holder = skipOuterExpressions(node.expression);
  const name = ts.isIdentifier(holder) ? holder.text
    : ts.isPropertyAccessExpression(holder) ? holder.name.text : undefined;
  return name !== undefined && CONFIGURATION.has(lastWord(name.replace(/^#/u, '')));
}

/** `config`, `presetConfig`, `this.options.headers`: an object someone configured by hand, keyed by a few entries. */
function isConfiguration(expression: ts.Expression): boolean {
  const node = skipOuterExpressions(expression);
  if (ts.isPropertyAccessExpression(node) && isConfiguredList(node)) return true;
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
  return name !== undefined && CONFIGURATION.has(lastWord(name.replace(/^#/u, '')));
}

function isFixedTuple(checker: ts.TypeChecker, type: ts.Type): boolean {
  return unionParts(type).every((part) => checker.isTupleType(part)
    && !(part as ts.TupleTypeReference).target.hasRestElement);
}

function isBoundedCall(checker: ts.TypeChecker, call: ts.CallExpression, depth: number): boolean {
  const callee = skipOuterExpressions(call.expression);
  const args = call.arguments;
  if (isPagedQuery(checker, call)) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'Array' && args.length === 1;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  const receiver = callee.expression;
  if (ts.isIdentifier(receiver) && receiver.text === 'Object' && ['keys', 'values', 'entries'].includes(method)) {
    return args.length === 1 && (hasFixedKeys(checker, args[0]!) || isConfiguration(args[0]!));
  }
  // `await Promise.all(xs.map(…))` has one result per element of `xs`.
  if (ts.isIdentifier(receiver) && receiver.text === 'Promise' && (method === 'all' || method === 'allSettled')) {
    return args.length === 1 && isBoundedCollection(checker, args[0]!, depth + 1);
  }
  if (ts.isIdentifier(receiver) && receiver.text === 'Array') {
    if (method === 'of') return !args.some(ts.isSpreadElement);
    return method === 'from' && args.length >= 1 && (isLengthObject(args[0]!) || isBoundedCollection(checker, args[0]!, depth + 1));
  }
  if (method === 'slice') return isExplicitSlice(checker, args);
  if (method === 'splice') return args.length >= 2;
  if (SIZE_KEEPING_METHODS.has(method)) {
    if (!isBoundedCollection(checker, receiver, depth + 1)) return false;
    return method !== 'concat' || args.every((arg) => !ts.isSpreadElement(arg) && isBoundedCollection(checker, arg, depth + 1)
      || !checker.isArrayLikeType(checker.getTypeAtLocation(arg)));
  }
  return false;
}

/** `{ length: n }`: the user chose the count. */
function isLengthObject(node: ts.Expression): boolean {
  const object = skipOuterExpressions(node);
  return ts.isObjectLiteralExpression(object) && object.properties.length === 1
    && object.properties[0]!.name !== undefined && ts.isIdentifier(object.properties[0]!.name)
    && object.properties[0]!.name.text === 'length';
}

/** `slice(0, n)`, `slice(i, i + n)`, `slice(2, 5)`, `slice(-3)`: a slice whose size is written down. */
function isExplicitSlice(checker: ts.TypeChecker, args: ts.NodeArray<ts.Expression>): boolean {
  const [start, end] = args;
  if (!start) return false;
  if (!end) return isConstantNumber(checker, start) && isNegative(start);
  if (isConstantNumber(checker, start) && (isZero(start) || isConstantNumber(checker, end))) return true;
  const sum = skipOuterExpressions(end);
  return ts.isBinaryExpression(sum) && sum.operatorToken.kind === ts.SyntaxKind.PlusToken
    && skipOuterExpressions(sum.left).getText() === skipOuterExpressions(start).getText();
}

function isConstantNumber(checker: ts.TypeChecker, node: ts.Expression): boolean {
  return (checker.getTypeAtLocation(node).flags & ts.TypeFlags.NumberLiteral) !== 0;
}

function isZero(node: ts.Expression): boolean {
  const value = skipOuterExpressions(node);
  return ts.isNumericLiteral(value) && Number(value.text) === 0;
}

function isNegative(node: ts.Expression): boolean {
  const value = skipOuterExpressions(node);
  return ts.isPrefixUnaryExpression(value) && value.operator === ts.SyntaxKind.MinusToken;
}

function isBoundedBinding(checker: ts.TypeChecker, reference: ts.Identifier | ts.PropertyAccessExpression, depth: number): boolean {
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(reference) ? reference.name : reference);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration) return false;
  if (ts.isVariableDeclaration(declaration)) {
    if (ts.isForOfStatement(declaration.parent.parent)) return true;
    if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) || !declaration.initializer) return false;
    return !isAddedToLater(checker, symbol, declaration) && isBoundedCollection(checker, declaration.initializer, depth + 1);
  }
  if (ts.isPropertyDeclaration(declaration) && declaration.initializer
    && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) {
    return isBoundedCollection(checker, declaration.initializer, depth + 1);
  }
  if (ts.isParameter(declaration)) return isBoundedAtEveryCall(checker, declaration, depth);
  if (ts.isBindingElement(declaration)) return isFieldOfPage(checker, declaration);
  // A list written out in a configuration object: `const config = { regions: ['eu', 'us'] }`.
  return ts.isPropertyAssignment(declaration) && ts.isArrayLiteralExpression(skipOuterExpressions(declaration.initializer))
    && isBoundedCollection(checker, declaration.initializer, depth + 1);
}

/** `const { rows } = await db.query('SELECT … LIMIT 50')`: the rows of one page. */
function isFieldOfPage(checker: ts.TypeChecker, element: ts.BindingElement): boolean {
  const pattern = element.parent;
  const declaration = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
  let value = skipOuterExpressions(declaration.initializer);
  if (ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
  return isPagedQuery(checker, value);
}

/** Whether any other statement of the scope that declares `symbol` pushes to it or changes it. */
function isAddedToLater(checker: ts.TypeChecker, symbol: ts.Symbol, declaration: ts.VariableDeclaration): boolean {
  const statement = declaration.parent.parent;
  const scope = statement.parent;
  if (!ts.isVariableStatement(statement) || !(ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope))) return true;
  return scope.statements.some((other) => other !== statement && bindingsWrittenBy(checker, other).has(symbol));
}

/**
 * A parameter of a function no other module can call (not exported, or a private method) that
 * every call in its file passes a bounded list: `for (const batch of chunk(assets, n)) await
 * this.uploadAssets(batch)`. A function also used as a value (passed on, stored) may be called
 * with anything.
 */
function isBoundedAtEveryCall(checker: ts.TypeChecker, parameter: ts.ParameterDeclaration, depth: number): boolean {
  const fn = parameter.parent;
  const index = fn.parameters.indexOf(parameter);
  if (parameter.dotDotDotToken || !isPrivateToFile(fn)) return false;
  const sites = callSites(checker, fn, [fn.getSourceFile()]);
  return sites !== undefined && sites.every((call) => {
    const argument = call.arguments[index];
    return argument !== undefined && !ts.isSpreadElement(argument) && isBoundedCollection(checker, argument, depth + 1);
  });
}

