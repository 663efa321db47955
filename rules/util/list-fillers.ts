import ts from 'typescript';
import { bindingsWrittenBy } from './bindings-written-by';
import { referenceRoot } from './reference-root';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * The statements of a list's scope that may change it before `use` reads it: all but its
 * declaration, or, when a statement of the scope before the use assigns it whole (`results =
 * [...locked, ...free].slice(0, n)`), that statement and the ones after it up to the use, since
 * whatever was added before is gone (`replaced`).
 */
export function statementsThatFill(checker: ts.TypeChecker, symbol: ts.Symbol, declaration: ts.VariableDeclaration, use: ts.Node):
  { statements: readonly ts.Statement[]; replaced: boolean } {
  const statement = declaration.parent.parent;
  const scope = statement.parent;
  if (!ts.isVariableStatement(statement) || !(ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope))) {
    return { statements: [], replaced: false };
  }
  const all = scope.statements.filter((other) => other !== statement);
  const at = ts.findAncestor(use, (node) => node.parent === scope);
  const end = at === undefined ? -1 : all.indexOf(at as ts.Statement);
  if (end < 0) return { statements: all, replaced: false };
  for (let index = end - 1; index >= 0; index--) {
    if (assignsWhole(checker, all[index]!, symbol)) return { statements: all.slice(index, end), replaced: true };
  }
  return { statements: all, replaced: false };
}

/** `results = …;` as a statement of its own. */
function assignsWhole(checker: ts.TypeChecker, statement: ts.Statement, symbol: ts.Symbol): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const expression = skipOuterExpressions(statement.expression);
  return ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && ts.isIdentifier(expression.left) && checker.getSymbolAtLocation(expression.left) === symbol;
}

/**
 * What a list declared empty is filled from, in the statements of its scope that change it: the
 * list a loop walks (`for (const row of rows) ids.push(row.id)`, `rows.forEach(…)`), the value
 * assigned to it, a list spread into a `push`, or what a `while` loop adds each turn. Only what
 * fills this list counts: a statement that changes it may do much else (a method of an object
 * literal that also assigns a query's rows to another variable), and what that else reads says
 * nothing about the list.
 */
export function fillersOf(checker: ts.TypeChecker, symbol: ts.Symbol, statements: readonly ts.Statement[]): ts.Expression[] {
  const sources: ts.Expression[] = [];
  const fills = (node: ts.Node): boolean => bindingsWrittenBy(checker, node).has(symbol);
  const isList = (node: ts.Expression): boolean => {
    const root = referenceRoot(node);
    return ts.isIdentifier(root) && checker.getSymbolAtLocation(root) === symbol;
  };
  for (const other of statements) {
    if (!fills(other)) continue;
    const visit = (node: ts.Node): void => {
      if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && fills(node.statement)) sources.push(node.expression);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isList(node.left)) sources.push(node.right);
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        if ((method === 'forEach' || method === 'map') && node.arguments.some(fills)) sources.push(node.expression.expression);
        if (['push', 'unshift', 'add', 'set', 'concat'].includes(method) && isList(node.expression.expression)) {
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
