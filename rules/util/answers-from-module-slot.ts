import ts from 'typescript';

/**
 * Whether a function's body answers from a variable of its module once that holds a value: it
 * begins by returning when the variable is set (`if (GRACE_PERIOD) return GRACE_PERIOD;`) and sets
 * it further down (`GRACE_PERIOD = seconds;`). Its work runs once per process; every later call
 * answers from memory, so waiting for it beside other work saves nothing after the first time.
 */
export function answersFromModuleSlot(checker: ts.TypeChecker, body: ts.Node): boolean {
  if (!ts.isBlock(body)) return false;
  const [first] = body.statements;
  if (!first || !ts.isIfStatement(first) || first.elseStatement || !returns(first.thenStatement)) return false;
  const slot = slotTested(first.expression);
  const symbol = slot && checker.getSymbolAtLocation(slot);
  if (!symbol || !isModuleVariable(symbol)) return false;
  return body.statements.slice(1).some((statement) => assigns(checker, statement, symbol));
}

/** `X`, `X !== undefined`, `X != null`, `typeof X !== 'undefined'`: the variable a test says is set. */
function slotTested(test: ts.Expression): ts.Identifier | undefined {
  if (ts.isIdentifier(test)) return test;
  if (!ts.isBinaryExpression(test)) return undefined;
  const operator = test.operatorToken.kind;
  if (operator !== ts.SyntaxKind.ExclamationEqualsEqualsToken && operator !== ts.SyntaxKind.ExclamationEqualsToken) return undefined;
  const { left, right } = test;
  const empty = (node: ts.Expression): boolean => node.kind === ts.SyntaxKind.NullKeyword
    || (ts.isIdentifier(node) && node.text === 'undefined') || (ts.isStringLiteral(node) && node.text === 'undefined');
  const side = empty(right) ? left : empty(left) ? right : undefined;
  if (side && ts.isTypeOfExpression(side)) return ts.isIdentifier(side.expression) ? side.expression : undefined;
  return side && ts.isIdentifier(side) ? side : undefined;
}

function returns(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length === 1 && ts.isReturnStatement(statement.statements[0]!);
}

/** A `let` or `var` declared at the top of a module, not inside any function. */
function isModuleVariable(symbol: ts.Symbol): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && !(list.flags & ts.NodeFlags.Const)
    && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
}

/** Whether a statement sets the variable (`X = value`), outside the functions it defines. */
function assigns(checker: ts.TypeChecker, statement: ts.Statement, symbol: ts.Symbol): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)
      && checker.getSymbolAtLocation(node.left) === symbol) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return found;
}
