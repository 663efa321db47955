import ts from 'typescript';
import { callSites, projectFiles } from './call-sites';
import { handlerSource } from './handler-model';
import { isAmbient } from './is-ambient';
import { isListOfBatches } from './is-batch';
import { fillersOf, statementsThatFill } from './list-fillers';
import { referenceRoot } from './reference-root';
import { returnedValues } from './returned-values';
import { skipOuterExpressions } from './skip-outer-expressions';
import { sqlText } from './sql-text';
import { unionParts } from './union-parts';

/** `a ?? b`, `a || b`, `a && b`: either side may be the list. */
const LOGICAL = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken]);

/** Array methods that cut a window out of a list: with both bounds given, its length is the code's choice. */
const WINDOWS = new Set(['slice', 'splice']);

/** How far the test follows bindings to their values. */
const MAX_DEPTH = 8;

/**
 * Whether a collection's length comes from data the code does not control: something awaited (the
 * rows of a query, a directory listing, a response), a parameter (what a caller or a request
 * hands in), a listing by a package's function (`glob.sync(…)`, `readdirSync(…)`), a list parsed
 * out of a field declared `unknown` (`readIds(message.body)`), or a list made from one of these
 * (`rows.filter(…)`, `[...new Set(ids)]`, `Object.entries(body)`, a list pushed to in a loop over
 * one). A list the object keeps for itself (`this.peers`), a constant, or the answer of a project
 * function given none of these says nothing about its length; it is usually a handful of
 * registered things.
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
  if (ts.isAwaitExpression(node)) return isSizedAnswer(program, checker, node.expression, depth + 1);
  if (ts.isArrayLiteralExpression(node)) return node.elements.some((element) => ts.isSpreadElement(element) && next(element.expression));
  if (ts.isCallExpression(node)) return isSizedCall(program, checker, node, next);
  if (ts.isNewExpression(node)) return (node.arguments ?? []).some((argument) => !ts.isSpreadElement(argument) && next(argument));
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) || next(node.whenFalse);
  if (ts.isBinaryExpression(node) && LOGICAL.has(node.operatorToken.kind)) return next(node.left) || next(node.right);
  if (ts.isElementAccessExpression(node)) return next(node.expression);
  if (ts.isPropertyAccessExpression(node)) {
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword || isHeldState(checker, node)) return false;
    if (isPartOfUnseenRecord(program, checker, node)) return false;
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
 * `message.body`, `event.payload` declared `unknown`: such a field holds what the code has not
 * checked yet, which comes from outside the program (a body, a payload), as long as its sender made
 * it.
 */
function isFieldDeclaredUnknown(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const field = skipOuterExpressions(node);
  if (!ts.isPropertyAccessExpression(field)) return false;
  const declarations = checker.getSymbolAtLocation(field.name)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => (ts.isPropertySignature(declaration)
    || ts.isPropertyDeclaration(declaration)) && declaration.type?.kind === ts.SyntaxKind.UnknownKeyword);
}

/**
 * `integration.hookIds`, `content.parents`, `node.children`: a list held by an object that a function
 * is handed, when no caller in the project shows where that object comes from, is a part of one
 * record (its hooks, a commit's parents, a tree node's children), a few entries long. What a
 * framework hands a request handler or a queue consumer (`request.body.ids`, `event.Records`)
 * stays data from outside.
 */
function isPartOfUnseenRecord(program: ts.Program, checker: ts.TypeChecker, access: ts.PropertyAccessExpression): boolean {
  const root = referenceRoot(access);
  if (!ts.isIdentifier(root)) return false;
  const declaration = checker.getSymbolAtLocation(root)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const owner = declaration.parent;
  if (handedTo(program, checker, owner) !== undefined || callSites(checker, owner, projectFiles(program)) !== undefined) return false;
  return handlerSource({ program, checker, handlers: [] }, owner) === undefined;
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
  // `peers.slice(0, this.maxPeers)`: a window of a chosen length, however long the list it is cut from.
  if (standard && ts.isPropertyAccessExpression(callee) && WINDOWS.has(callee.name.text) && call.arguments.length === 2) return false;
  if (standard && ts.isPropertyAccessExpression(callee) && callee.expression.kind !== ts.SyntaxKind.ThisKeyword) {
    inputs.push(callee.expression);
  }
  // `readIds(message.body)`: a list parsed out of what the code has not checked yet. A record parsed
  // from it (`JSON.parse(op.contents)`) keeps its own parts, a few entries long.
  if (inputs.some((input) => isFieldDeclaredUnknown(checker, input)) && isList(checker, checker.getTypeAtLocation(call))) return true;
  if (inputs.some((input) => (standard || !isPrimitive(checker, input)) && next(input))) return true;
  return callsImportedFunction(checker, callee) && declaration !== undefined && isAmbient(declaration);
}

/**
 * An array of any length (`string[]`, or one that may be missing): not a tuple, whose length the
 * type fixes, nor `any`, which `JSON.parse` answers with.
 */
function isList(checker: ts.TypeChecker, type: ts.Type): boolean {
  const parts = unionParts(checker.getNonNullableType(type));
  return parts.length > 0 && parts.every((part) => checker.isArrayType(part));
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
    if (ts.isForOfStatement(declaration.parent.parent)) return isSizedItem(checker, declaration.parent.parent.expression, next);
    const { statements, replaced } = statementsThatFill(checker, symbol, declaration, name);
    if (!replaced && declaration.initializer && next(declaration.initializer)) return true;
    return fillersOf(checker, symbol, statements).some((source) => next(source));
  }
  return false;
}

/**
 * An item of a list walked by `for…of`: as long as that list's parts, unless the list is the code's
 * cut into batches (`for (const chunk of chunkArray(notifs, 500))`), whose every item is a batch of
 * the size it chose.
 */
function isSizedItem(checker: ts.TypeChecker, list: ts.Expression, next: (node: ts.Expression) => boolean): boolean {
  return !isListOfBatches(checker, list) && next(list);
}

/** `const { rows } = await query(…)`, `function f({ ids })`, `for (const [key, list] of entries)`. */
function isSizedPattern(program: ts.Program, checker: ts.TypeChecker, element: ts.BindingElement, next: (node: ts.Expression) => boolean): boolean {
  let node: ts.Node = element;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  if (ts.isParameter(node)) return isSizedParameter(program, checker, node, next);
  if (!ts.isVariableDeclaration(node)) return false;
  if (ts.isForOfStatement(node.parent.parent)) return isSizedItem(checker, node.parent.parent.expression, next);
  if (!node.initializer) return false;
  const part = awaitedPart(node.initializer, element);
  return part ? isSizedAnswer(program, checker, part, 0) : next(node.initializer);
}

/**
 * `const [rows, count] = await Promise.all([query(), countRows()])`: the element of the awaited
 * list that a top-level array pattern takes, which is what decides that binding's length.
 */
function awaitedPart(initializer: ts.Expression, element: ts.BindingElement): ts.Expression | undefined {
  const pattern = element.parent;
  const value = skipOuterExpressions(initializer);
  if (!ts.isArrayBindingPattern(pattern) || !ts.isVariableDeclaration(pattern.parent) || !ts.isAwaitExpression(value)) return undefined;
  const call = skipOuterExpressions(value.expression);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !['all', 'allSettled'].includes(call.expression.name.text)) return undefined;
  const list = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
  if (!list || !ts.isArrayLiteralExpression(list) || list.elements.some(ts.isSpreadElement)) return undefined;
  return list.elements[pattern.elements.indexOf(element)];
}

/**
 * Whether what a promise settles to is sized by data: the answer of a package's or Node's
 * function (the rows of a query, a listing, a response), or of the project's own function when
 * what it returns is (`getPeers()` that returns `peers.slice(0, n)` is not). The standard
 * library's `Promise.all(xs.map(…))` answers with as many as it is given.
 */
function isSizedAnswer(program: ts.Program, checker: ts.TypeChecker, awaited: ts.Expression, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = skipOuterExpressions(awaited);
  if (!ts.isCallExpression(node)) return isSizedByData(program, checker, node, depth);
  const signature = checker.getResolvedSignature(node)?.declaration;
  if (!signature || ts.isJSDocSignature(signature)) return true;
  if (program.isSourceFileDefaultLibrary(signature.getSourceFile())) return isSizedByData(program, checker, node, depth);
  if (isAmbient(signature)) {
    const written = writeQueryInputs(node);
    return written === undefined || written.some((input) => !isPrimitive(checker, input) && isSizedByData(program, checker, input, depth));
  }
  if (!('body' in signature) || !signature.body) return true;
  return returnedValues(signature.body).some((value) => isSizedAnswer(program, checker, value, depth + 1));
}

/** Builder methods that start a statement that writes: kysely, knex, Drizzle, TypeORM's query builder. */
const WRITE_METHODS = new Set(['insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'insert', 'update', 'delete', 'del', 'upsert']);

/** SQL text of a statement that writes. */
const SQL_WRITE = /^\s*(?:insert|update|delete|upsert|replace)\b/iu;

/**
 * The rows a write answers with (`insertInto(…).values(events).returning(…)`, `UPDATE … RETURNING`)
 * are the rows it wrote: as many as it was given, not a result set. For a call chain that writes,
 * the arguments of its calls; `undefined` for any other call.
 */
function writeQueryInputs(call: ts.CallExpression): ts.Expression[] | undefined {
  const inputs: ts.Expression[] = [];
  let writes = false;
  let current: ts.Expression = call;
  while (true) {
    current = skipOuterExpressions(current);
    if (ts.isCallExpression(current)) {
      const callee = skipOuterExpressions(current.expression);
      if (ts.isPropertyAccessExpression(callee) && WRITE_METHODS.has(callee.name.text)) writes = true;
      for (const argument of current.arguments) {
        const text = sqlText(argument);
        const value = skipOuterExpressions(ts.isSpreadElement(argument) ? argument.expression : argument);
        if (text !== undefined) writes ||= SQL_WRITE.test(text);
        // The values of a parameterised statement: `query(sql, [ids])`.
        else if (ts.isArrayLiteralExpression(value)) inputs.push(...value.elements.map((element) => ts.isSpreadElement(element) ? element.expression : element));
        else inputs.push(value);
      }
      current = current.expression;
    } else if (ts.isPropertyAccessExpression(current)) {
      current = current.expression;
    } else {
      return writes ? inputs : undefined;
    }
  }
}

/**
 * A parameter is sized by data when some caller hands in such a list: `save(rows)` after `rows =
 * await query(…)`. A callback's parameter is what a promise, a framework or a package hands in
 * (`.then((rows) => …)`, `app.post(path, (request) => …)`), which is data from outside.
 */
function isSizedParameter(program: ts.Program, checker: ts.TypeChecker, parameter: ts.ParameterDeclaration, next: (node: ts.Expression) => boolean): boolean {
  const owner = parameter.parent;
  const receiver = handedTo(program, checker, owner);
  if (receiver !== undefined) {
    // An element of an array walked by `forEach`, `map` …: as long as that array's parts.
    if (typeof receiver !== 'boolean') return owner.parameters.indexOf(parameter) === 0 && next(receiver);
    return receiver;
  }
  const sites = callSites(checker, owner, projectFiles(program));
  // Called from outside the project, or handed on as a value: what comes in is the caller's data.
  if (!sites) return true;
  const index = owner.parameters.indexOf(parameter);
  return sites.some((call) => call.arguments.slice(index, parameter.dotDotDotToken ? undefined : index + 1)
    .some((argument) => argumentParts(argument).some(next)));
}

/**
 * What hands in the arguments of a function written where it is passed: a package, a framework or
 * a promise (`rows.then((list) => …)`, `router.get(path, async (request) => …)`) hands in data from
 * outside (`true`); an array method of the standard library hands in the elements of its receiver
 * (the receiver); the project's own function hands in what it holds (`false`). `undefined` when
 * the function is not written where it is passed.
 */
function handedTo(program: ts.Program, checker: ts.TypeChecker, owner: ts.SignatureDeclaration): ts.Expression | boolean | undefined {
  if (!ts.isArrowFunction(owner) && !ts.isFunctionExpression(owner)) return undefined;
  const call = skipParentheses(owner.parent);
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return undefined;
  const signature = checker.getResolvedSignature(call)?.declaration;
  if (!signature || ts.isJSDocSignature(signature)) return true;
  if (program.isSourceFileDefaultLibrary(signature.getSourceFile())) {
    const callee = skipOuterExpressions(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ['then', 'catch', 'finally'].includes(callee.name.text)) return true;
    return ts.isPropertyAccessExpression(callee) ? callee.expression : false;
  }
  return isAmbient(signature);
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
