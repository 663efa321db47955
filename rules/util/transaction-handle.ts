import ts from 'typescript';
import { isOneConnection } from './is-one-connection';
import { operationName } from './operation-name';
import { chainRoot } from './reference-root';
import { skipOuterExpressions } from './skip-outer-expressions';

const TRANSACTION_NAME = /transact|^(?:tx|trx)$/iu;

/**
 * The handle of one transaction that an operation goes through, if any: a parameter named `tx` or
 * `trx` (also destructured: `async revert({ checkpoint, tx })`) or typed as one (`storage:
 * KVStoreOrTransaction`, which may be one), the parameter of a callback
 * given to `transact…` (`transact(async (store) => store.records.list())`), a value a driver
 * types as one connection (a pg `PoolClient`), or a session handed in the operation's options
 * (`{ session }`). A transaction runs its statements one at a time on
 * one connection, in the order given.
 */
export function transactionHandle(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): ts.Symbol | undefined {
  const callee = skipOuterExpressions(operation.expression);
  // `trx('users')`: a knex transaction is called to start a query on it.
  const root = ts.isPropertyAccessExpression(callee) ? chainRoot(callee.expression) : callee;
  return (ts.isIdentifier(root) ? handleNamedBy(checker, root) : undefined) ?? sessionOption(checker, operation);
}

/**
 * The session an operation runs in when an options object hands it one that a driver types as one
 * connection: `orders.insertOne(order, { session })` with a MongoDB `ClientSession`, also earlier
 * in its chain (`orders.find(query, { session }).toArray()`).
 */
function sessionOption(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): ts.Symbol | undefined {
  let call: ts.Expression = operation;
  while (ts.isCallExpression(call) || ts.isNewExpression(call)) {
    const session = sessionArgument(checker, call);
    if (session !== undefined) return session;
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    call = skipOuterExpressions(callee.expression);
  }
  return undefined;
}

function sessionArgument(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): ts.Symbol | undefined {
  for (const argument of operation.arguments ?? []) {
    const options = skipOuterExpressions(argument);
    if (!ts.isObjectLiteralExpression(options)) continue;
    for (const property of options.properties) {
      if (ts.isShorthandPropertyAssignment(property) && isOneConnection(checker, property.name)) {
        return checker.getShorthandAssignmentValueSymbol(property);
      }
      const value = ts.isPropertyAssignment(property) ? skipOuterExpressions(property.initializer) : undefined;
      if (value !== undefined && ts.isIdentifier(value) && isOneConnection(checker, value)) return checker.getSymbolAtLocation(value);
    }
  }
  return undefined;
}

/**
 * The handles of transactions an operation uses: the one it goes through, and those it passes on
 * (`store.applyChanges(tx, changes)` then `buffer.getChanges(tx)`: both run in that transaction).
 */
export function transactionHandlesUsed(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): ts.Symbol[] {
  const handles = [transactionHandle(checker, operation)];
  for (const argument of operation.arguments ?? []) {
    const node = skipOuterExpressions(argument);
    if (ts.isIdentifier(node)) handles.push(handleNamedBy(checker, node));
  }
  return handles.filter((handle) => handle !== undefined);
}

function handleNamedBy(checker: ts.TypeChecker, reference: ts.Identifier): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(reference);
  let declaration: ts.Node | undefined = symbol?.valueDeclaration;
  if (!symbol || !declaration) return undefined;
  // A pg client checked out of the pool, a mysql2 connection, a knex transaction: one connection by its type.
  if (isOneConnection(checker, reference)) return symbol;
  const named = TRANSACTION_NAME.test(symbol.getName());
  while (ts.isBindingElement(declaration)) declaration = declaration.parent.parent;
  if (!ts.isParameter(declaration)) return undefined;
  if (named || typeNamesTransaction(declaration.type)) return symbol;
  const fn = declaration.parent;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const name = operationName(call);
  return name !== undefined && TRANSACTION_NAME.test(name) ? symbol : undefined;
}

/** `Transaction`, `DbTransaction`, `KVStoreOrTransaction`, `KVStore | KVStoreTransaction`: a type annotation that names a transaction. */
function typeNamesTransaction(type: ts.TypeNode | undefined): boolean {
  if (type === undefined) return false;
  if (ts.isUnionTypeNode(type)) return type.types.some(typeNamesTransaction);
  if (!ts.isTypeReferenceNode(type)) return false;
  const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  return /Transaction/u.test(name);
}
