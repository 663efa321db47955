import ts from 'typescript';
import { bindingsWrittenBy } from './bindings-written-by';
import { callSites, projectFiles } from './call-sites';
import { isAmbient } from './is-ambient';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unionParts } from './union-parts';

/** `a ?? b`, `a || b`, `a && b`: either side may be the list. */
const LOGICAL = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken]);

/** How far the test follows bindings to their values. */
const MAX_DEPTH = 8;

/**
 * Whether a collection's length comes from data the code does not control: something awaited (the
 * rows of a query, a directory listing, a response), a parameter (what a caller or a request
 * hands in), a listing by a package's function (`glob.sync(…)`, `readdirSync(…)`), or a list made
 * from one of these (`rows.filter(…)`, `[...new Set(ids)]`, `Object.entries(body)`, a list pushed
 * to in a loop over one). A list the object keeps for itself (`this.peers`), a constant, or the
 * answer of a project function given none of these says nothing about its length; it is usually
 * a handful of registered things.
 */
export function isSizedByData(program: ts.Program, checker: ts.TypeChecker, expression: ts.Expression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  let byNode = answers.get(checker);
  if (!byNode) answers.set(checker, byNode = new WeakMap());
  let answer = byNode.get(expression);
  if (answer === undefined) {
    // A list filled from itself (`ids = [...ids, id]`) is not sized by that path.
    byNode.set(expression, false);
    byNode.set(expression, answer = sizedByData(program, checker, expression, depth));
  }
  return answer;
}

/** Answers per checker and expression: a list may be reached from several uses, and through fillers. */
const answers = new WeakMap<ts.TypeChecker, WeakMap<ts.Expression, boolean>>();

function sizedByData(program: ts.Program, checker: ts.TypeChecker, expression: ts.Expression, depth: number): boolean {
  const node = skipOuterExpressions(expression);
  const next = (child: ts.Expression): boolean => isSizedByData(program, checker, child, depth + 1);
  if (ts.isAwaitExpression(node)) return true;
  if (ts.isArrayLiteralExpression(node)) return node.elements.some((element) => ts.isSpreadElement(element) && next(element.expression));
  if (ts.isCallExpression(node)) return isSizedCall(program, checker, node, next);
  if (ts.isNewExpression(node)) return (node.arguments ?? []).some((argument) => !ts.isSpreadElement(argument) && next(argument));
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) || next(node.whenFalse);
  if (ts.isBinaryExpression(node) && LOGICAL.has(node.operatorToken.kind)) return next(node.left) || next(node.right);
  if (ts.isElementAccessExpression(node)) return next(node.expression);
  if (ts.isPropertyAccessExpression(node)) {
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword || isHeldState(checker, node)) return false;
    return next(node.expression) || isSizedBinding(program, checker, node.name, next);
  }
  if (ts.isIdentifier(node)) return isSizedBinding(program, checker, node, next);
  return false;
}

/**
 * `manager.spaces`, `space.inner`: a getter, or a field a class fills itself (initialised, or
 * private), is what that object keeps, even when the object itself was awaited or handed in. A
 * plain data field (`result.rows`, `request.body`, an entity's `orders`) is part of the data.
 */
function isHeldState(checker: ts.TypeChecker, access: ts.PropertyAccessExpression): boolean {
  if (ts.isPrivateIdentifier(access.name)) return true;
  const declarations = checker.getSymbolAtLocation(access.name)?.declarations ?? [];
  return declarations.some((declaration) => ts.isGetAccessorDeclaration(declaration)
    || ((ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration))
      && (declaration.initializer !== undefined
        || (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0)));
}

/**
 * A package's or Node's function answers with data from outside (`readdirSync`, `glob.sync`); the
 * standard library's (`Array.from`, `Object.entries`, `filter`) and the project's own pass on the
 * length of what they are given.
 */
function isSizedCall(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression, next: (node: ts.Expression) => boolean): boolean {
  const callee = skipOuterExpressions(call.expression);
  const inputs = call.arguments.map((argument) => ts.isSpreadElement(argument) ? argument.expression : argument);
  const signature = checker.getResolvedSignature(call)?.declaration;
  const declaration = signature !== undefined && !ts.isJSDocSignature(signature) ? signature : undefined;
  // `rows.filter(…)` and `header.split(',')` make a list from their receiver; `space.pick(topic,
  // count)` picks from what the object keeps, and a name or a number it is given says nothing
  // about how many.
  const standard = declaration !== undefined && program.isSourceFileDefaultLibrary(declaration.getSourceFile());
  if (standard && ts.isPropertyAccessExpression(callee) && callee.expression.kind !== ts.SyntaxKind.ThisKeyword) {
    inputs.push(callee.expression);
  }
  if (inputs.some((input) => (standard || !isPrimitive(checker, input)) && next(input))) return true;
  return callsImportedFunction(checker, callee) && declaration !== undefined && isAmbient(declaration);
}

function isPrimitive(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const primitive = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike
    | ts.TypeFlags.EnumLike;
  return unionParts(checker.getNonNullableType(checker.getTypeAtLocation(node))).every((part) => (part.flags & primitive) !== 0);
}

/**
 * `glob.sync(…)`, `readdirSync(…)`: a function a module exports, called through its import. A
 * method of an object the program holds (`peers.difference(other)`, `this.findByTag(…)`) answers
 * from what the object keeps.
 */
function callsImportedFunction(checker: ts.TypeChecker, callee: ts.Expression): boolean {
  const reference = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : callee;
  if (!ts.isIdentifier(reference)) return false;
  const declaration = checker.getSymbolAtLocation(reference)?.declarations?.[0];
  if (!declaration) return false;
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)
    || ts.isImportEqualsDeclaration(declaration)) {
    return true;
  }
  // `const glob = require('glob')`, and `const { readdirSync } = require('node:fs')`.
  const variable = ts.isBindingElement(declaration) ? ts.findAncestor(declaration, ts.isVariableDeclaration) : declaration;
  const initializer = variable && ts.isVariableDeclaration(variable) && variable.initializer ? skipOuterExpressions(variable.initializer) : undefined;
  return initializer !== undefined && ts.isCallExpression(initializer) && ts.isIdentifier(initializer.expression)
    && initializer.expression.text === 'require';
}

function isSizedBinding(program: ts.Program, checker: ts.TypeChecker, name: ts.Identifier | ts.MemberName, next: (node: ts.Expression) => boolean): boolean {
  let symbol = checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration) return false;
  if (ts.isParameter(declaration)) return isSizedParameter(program, checker, declaration, next);
  if (ts.isBindingElement(declaration)) return isSizedPattern(program, checker, declaration, next);
  if (ts.isVariableDeclaration(declaration)) {
    if (ts.isForOfStatement(declaration.parent.parent)) return next(declaration.parent.parent.expression);
    if (declaration.initializer && next(declaration.initializer)) return true;
    return fillersOf(checker, symbol, declaration).some((source) => next(source));
  }
  return false;
}

/** `const { rows } = await query(…)`, `function f({ ids })`, `for (const [key, list] of entries)`. */
function isSizedPattern(program: ts.Program, checker: ts.TypeChecker, element: ts.BindingElement, next: (node: ts.Expression) => boolean): boolean {
  let node: ts.Node = element;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  if (ts.isParameter(node)) return isSizedParameter(program, checker, node, next);
  if (!ts.isVariableDeclaration(node)) return false;
  if (ts.isForOfStatement(node.parent.parent)) return next(node.parent.parent.expression);
  return node.initializer !== undefined && next(node.initializer);
}

/**
 * A parameter is sized by data when some caller hands in such a list: `save(rows)` after `rows =
 * await query(…)`. A callback's parameter is what a promise, a framework or a package hands in
 * (`.then((rows) => …)`, `app.post(path, (request) => …)`), which is data from outside.
 */
function isSizedParameter(program: ts.Program, checker: ts.TypeChecker, parameter: ts.ParameterDeclaration, next: (node: ts.Expression) => boolean): boolean {
  const owner = parameter.parent;
  if (isHandedOn(owner)) return true;
  const sites = callSites(checker, owner, projectFiles(program));
  // Called from outside the project, or handed on as a value: what comes in is the caller's data.
  if (!sites) return true;
  const index = owner.parameters.indexOf(parameter);
  return sites.some((call) => call.arguments.slice(index, parameter.dotDotDotToken ? undefined : index + 1)
    .some((argument) => argumentParts(argument).some(next)));
}

/** A function written where it is passed: `rows.then((list) => …)`, `router.get(path, async (request) => …)`. */
function isHandedOn(owner: ts.SignatureDeclaration): boolean {
  return (ts.isArrowFunction(owner) || ts.isFunctionExpression(owner))
    && (ts.isCallExpression(skipParentheses(owner.parent)) || ts.isNewExpression(skipParentheses(owner.parent)));
}

function skipParentheses(node: ts.Node): ts.Node {
  return ts.isParenthesizedExpression(node) ? skipParentheses(node.parent) : node;
}

/** What an argument hands in: itself, its spread list, or the values of an object literal (`{ ids: rows }`). */
function argumentParts(argument: ts.Expression): ts.Expression[] {
  if (ts.isSpreadElement(argument)) return [argument.expression];
  const node = skipOuterExpressions(argument);
  if (!ts.isObjectLiteralExpression(node)) return [argument];
  return node.properties.flatMap((property) => {
    if (ts.isPropertyAssignment(property)) return [property.initializer];
    if (ts.isShorthandPropertyAssignment(property)) return [property.name];
    if (ts.isSpreadAssignment(property)) return [property.expression];
    return [];
  });
}

/**
 * What a list declared empty is filled from, in the statements of its scope that change it: the
 * list a loop walks (`for (const row of rows) ids.push(row.id)`, `rows.forEach(…)`), the value
 * assigned to it, a list spread into a `push`, or what a `while` loop adds each turn.
 */
function fillersOf(checker: ts.TypeChecker, symbol: ts.Symbol, declaration: ts.VariableDeclaration): ts.Expression[] {
  const statement = declaration.parent.parent;
  const scope = statement.parent;
  if (!ts.isVariableStatement(statement) || !(ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope))) return [];
  const sources: ts.Expression[] = [];
  for (const other of scope.statements) {
    if (other === statement || !bindingsWrittenBy(checker, other).has(symbol)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isForOfStatement(node) || ts.isForInStatement(node)) sources.push(node.expression);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) sources.push(node.right);
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        if (method === 'forEach' || method === 'map') sources.push(node.expression.expression);
        if (['push', 'unshift', 'add', 'set', 'concat'].includes(method)) {
          // A spread adds a whole list; a single element added in a `while` loop, one per turn.
          const inWhile = ts.findAncestor(node, (ancestor) => ancestor === other || ts.isWhileStatement(ancestor) || ts.isDoStatement(ancestor));
          const repeated = inWhile !== undefined && inWhile !== other;
          for (const argument of node.arguments) {
            if (ts.isSpreadElement(argument)) sources.push(argument.expression);
            else if (repeated || method === 'concat') sources.push(argument);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(other);
  }
  return sources;
}
