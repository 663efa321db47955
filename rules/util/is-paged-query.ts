import ts from 'typescript';
import { referencedSymbol } from './referenced-symbol';
import { skipOuterExpressions } from './skip-outer-expressions';
import { sqlText } from './sql-text';

/** Query-builder methods that cap the rows a query returns: kysely, knex, Drizzle, TypeORM, MongoDB. */
const PAGE_METHODS = new Set(['limit', 'take', 'top']);

/** Options of one-call finders that cap the rows: Prisma and TypeORM `take`, Sequelize `limit`. */
const PAGE_OPTIONS = new Set(['limit', 'take']);

/** `LIMIT 50`, `LIMIT $2`, `LIMIT ?` or `LIMIT ${n}` in SQL text. */
const SQL_LIMIT = /\blimit\s+(?:\d|\$\d|\?|:\w)/iu;

/** How many `let` reassignments deep the builder is followed. */
const MAX_DEPTH = 4;

/**
 * Whether an expression runs a query that returns one page of rows: a builder chain with `.limit(n)`
 * (`db.selectFrom('label').limit(limit).execute()`), a finder given `{ take: n }`, or SQL text
 * (a string argument or a tagged template) with `LIMIT`. The page size is the caller's choice, so
 * one operation per row is a fan-out of known size. A chain may start from a `let` builder that was limited where it was declared and is only
 * ever reassigned to itself with more conditions (`builder = builder.where(…)`).
 */
export function isPagedQuery(checker: ts.TypeChecker, query: ts.Expression, depth = 0): boolean {
  let current = query;
  while (true) {
    current = skipOuterExpressions(current);
    if (ts.isCallExpression(current)) {
      if (hasPageLimit(current)) return true;
      current = current.expression;
    } else if (ts.isPropertyAccessExpression(current)) {
      current = current.expression;
    } else if (ts.isTaggedTemplateExpression(current)) {
      return SQL_LIMIT.test(sqlText(current) ?? '');
    } else {
      return ts.isIdentifier(current) && depth < MAX_DEPTH && isLimitedBuilder(checker, current, depth);
    }
  }
}

function hasPageLimit(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee) && PAGE_METHODS.has(callee.name.text) && call.arguments.length === 1) return true;
  return call.arguments.some((argument) => {
    const text = sqlText(argument);
    if (text !== undefined) return SQL_LIMIT.test(text);
    const value = skipOuterExpressions(argument);
    return ts.isObjectLiteralExpression(value) && value.properties.some((property) => ts.isPropertyAssignment(property)
      && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && PAGE_OPTIONS.has(property.name.text));
  });
}

/** A `let builder = ….limit(n)` that every later assignment only narrows: `builder = builder.where(…)`. */
function isLimitedBuilder(checker: ts.TypeChecker, name: ts.Identifier, depth: number): boolean {
  const symbol = referencedSymbol(checker, name);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const initializer = skipOuterExpressions(declaration.initializer);
  if (!ts.isCallExpression(initializer) || !isPagedQuery(checker, initializer, depth + 1)) return false;
  if (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) return true;
  let narrowsOnly = true;
  const visit = (node: ts.Node): void => {
    if (!narrowsOnly) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && ts.isIdentifier(node.left) && referencedSymbol(checker, node.left) === symbol) {
      narrowsOnly = startsFrom(checker, node.right, symbol);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.findAncestor(declaration.parent, (node) => ts.isFunctionLike(node) || ts.isSourceFile(node)) ?? declaration.getSourceFile());
  return narrowsOnly;
}

/** Whether a call chain starts from `symbol`: `builder.where(…).orderBy(…)`. */
function startsFrom(checker: ts.TypeChecker, expression: ts.Expression, symbol: ts.Symbol): boolean {
  let current = skipOuterExpressions(expression);
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current)) {
    current = skipOuterExpressions(current.expression);
  }
  return ts.isIdentifier(current) && referencedSymbol(checker, current) === symbol;
}
