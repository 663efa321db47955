import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * Whether a function's body answers from a variable of its module once that holds a value: it
 * begins by returning when the variable is set (`if (GRACE_PERIOD) return GRACE_PERIOD;`) and sets
 * it further down (`GRACE_PERIOD = seconds;`). Its work runs once per process; every later call
 * answers from memory, so waiting for it beside other work saves nothing after the first time.
 */
export function answersFromModuleSlot(checker: ts.TypeChecker, body: ts.Node): boolean {
  return answersFromSlot(checker, body, (slot, symbol) => ts.isIdentifier(slot) && isModuleVariable(symbol));
}

/**
 * Whether a method's body answers from a field of its object once that holds a value: `if
 * (this.lookupTables) return this.lookupTables;`, and `this.lookupTables = tables;` further down.
 * Called on the object the code runs in (`this.fetchLookupTables()`), which lives on from one call
 * to the next, its work runs once; a call on another object may find that one's field still empty.
 */
export function answersFromInstanceSlot(checker: ts.TypeChecker, body: ts.Node): boolean {
  return answersFromSlot(checker, body, (slot) => ts.isPropertyAccessExpression(slot));
}

function answersFromSlot(checker: ts.TypeChecker, body: ts.Node, isSlot: (slot: ts.Identifier | ts.PropertyAccessExpression, symbol: ts.Symbol) => boolean): boolean {
  if (!ts.isBlock(body)) return false;
  const [first] = body.statements;
  if (!first || !ts.isIfStatement(first) || first.elseStatement) return false;
  const slot = slotTested(first.expression);
  const symbol = slot && checker.getSymbolAtLocation(slot);
  const returned = returnedExpression(first.thenStatement);
  if (!slot || !symbol || !isSlot(slot, symbol) || !returned || !isSlotReference(returned) || checker.getSymbolAtLocation(returned) !== symbol) {
    return false;
  }
  // `busy = false` or `pending = undefined` later: a guard against running twice at once, or a
  // flight shared while it lasts, not an answer kept.
  const stored = body.statements.slice(1).flatMap((statement) => valuesAssigned(checker, statement, symbol));
  return stored.length > 0 && !stored.some(isEmptyValue);
}

/** `X`, or `this.x` and `this.#x`: a module's variable, or a field of the object a method runs in. */
function isSlotReference(node: ts.Expression): node is ts.Identifier | ts.PropertyAccessExpression {
  return ts.isIdentifier(node)
    || (ts.isPropertyAccessExpression(node) && skipOuterExpressions(node.expression).kind === ts.SyntaxKind.ThisKeyword);
}

/** `X`, `X !== undefined`, `X != null`, `typeof X !== 'undefined'` (or `this.x`): the slot a test says is set. */
function slotTested(expression: ts.Expression): ts.Identifier | ts.PropertyAccessExpression | undefined {
  const test = skipOuterExpressions(expression);
  if (isSlotReference(test)) return test;
  if (!ts.isBinaryExpression(test)) return undefined;
  const operator = test.operatorToken.kind;
  if (operator !== ts.SyntaxKind.ExclamationEqualsEqualsToken && operator !== ts.SyntaxKind.ExclamationEqualsToken) return undefined;
  const { left, right } = test;
  const empty = (node: ts.Expression): boolean => node.kind === ts.SyntaxKind.NullKeyword
    || (ts.isIdentifier(node) && node.text === 'undefined') || (ts.isStringLiteral(node) && node.text === 'undefined');
  const side = empty(right) ? left : empty(left) ? right : undefined;
  const tested = side && ts.isTypeOfExpression(side) ? skipOuterExpressions(side.expression) : side;
  return tested && isSlotReference(tested) ? tested : undefined;
}

/** What `return X;` or `{ return X; }` gives back. */
function returnedExpression(statement: ts.Statement): ts.Expression | undefined {
  const only = ts.isBlock(statement) && statement.statements.length === 1 ? statement.statements[0]! : statement;
  return ts.isReturnStatement(only) && only.expression ? skipOuterExpressions(only.expression) : undefined;
}

/** `false`, `undefined`, `null`, `0`, `''`: what empties the variable again. */
function isEmptyValue(value: ts.Expression): boolean {
  const bare = skipOuterExpressions(value);
  return bare.kind === ts.SyntaxKind.FalseKeyword || bare.kind === ts.SyntaxKind.NullKeyword
    || (ts.isIdentifier(bare) && bare.text === 'undefined') || ts.isVoidExpression(bare)
    || (ts.isNumericLiteral(bare) && Number(bare.text) === 0) || (ts.isStringLiteralLike(bare) && bare.text === '');
}

/** A `let` or `var` declared at the top of a module, not inside any function. */
function isModuleVariable(symbol: ts.Symbol): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && !(list.flags & ts.NodeFlags.Const)
    && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
}

/** The values a statement sets the slot to (`X = value`, `this.x = value`), outside the functions it defines. */
function valuesAssigned(checker: ts.TypeChecker, statement: ts.Statement, symbol: ts.Symbol): ts.Expression[] {
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isSlotReference(node.left)
      && checker.getSymbolAtLocation(node.left) === symbol) {
      values.push(node.right);
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return values;
}
