import ts from 'typescript';
import { containsCall } from './code-walk';
import { declaredFunctionBody } from './declared-function-body';
import { skipOuterExpressions } from './skip-outer-expressions';
import { sqlText } from './sql-text';

/** Schema-builder methods of kysely, knex, Drizzle and TypeORM's query runner. */
const SCHEMA_METHOD = /^(?:create|drop|alter|rename)(?:Table|Schema|Index|View|Type|Column|MaterializedView|Sequence|Extension)(?:IfNotExists|IfExists)?$|^(?:add|drop|rename)Column$/u;

/** SQL that changes the schema: `CREATE TABLE`, `DROP INDEX`, `ALTER TABLE … SET SCHEMA`. */
const DDL = /^\s*(?:(?:create|drop|alter)\s+(?:or\s+replace\s+)?(?:unique\s+|temp(?:orary)?\s+|materialized\s+)?(?:table|index|schema|view|type|sequence|extension|trigger|function|procedure|database)\b|truncate\s)/iu;

/**
 * Whether awaiting `operand` changes a database schema: a schema-builder call
 * (`db.schema.dropTable(name).cascade().execute()`), SQL text starting with `CREATE`, `DROP`,
 * `ALTER` or `TRUNCATE`, or a call of a project function whose code does one of these. Schema
 * changes take exclusive locks and depend on each other (a constraint names another table, a
 * cascade drops what the next statement moves), so running several at once deadlocks or fails.
 */
export function changesSchema(checker: ts.TypeChecker, operand: ts.Expression): boolean {
  const node = skipOuterExpressions(operand);
  if (isSchemaChange(node)) return true;
  if (!ts.isCallExpression(node)) return false;
  const body = declaredFunctionBody(checker, node.expression);
  return body !== undefined && containsCall(body, isSchemaChange);
}

function isSchemaChange(node: ts.Node): boolean {
  let current = node;
  while (true) {
    if (ts.isTaggedTemplateExpression(current)) return isDdl(current);
    if (!ts.isCallExpression(current)) return false;
    const callee = skipOuterExpressions(current.expression);
    if (current.arguments.some(isDdl)) return true;
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (SCHEMA_METHOD.test(callee.name.text)) return true;
    current = skipOuterExpressions(callee.expression);
  }
}

function isDdl(node: ts.Expression): boolean {
  const text = sqlText(node);
  return text !== undefined && DDL.test(text);
}
