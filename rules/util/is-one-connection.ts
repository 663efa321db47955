import ts from 'typescript';
import { isDeclaredInPackage } from './is-declared-in-package';

/**
 * Database drivers' types of one connection (a client checked out of a pool, a connection, a
 * transaction), which sends its statements one at a time in the order given. Their pools, which
 * spread statements over many connections, are not among them.
 */
const ONE_CONNECTION_TYPES: readonly { readonly package: string; readonly names: ReadonlySet<string> }[] = [
  { package: 'pg', names: new Set(['PoolClient', 'Client', 'ClientBase']) },
  { package: 'mysql2', names: new Set(['Connection', 'PoolConnection']) },
  { package: 'knex', names: new Set(['Transaction']) },
  // Kysely's transactions, from `db.transaction().execute(async (t) => …)` or `startTransaction()`.
  { package: 'kysely', names: new Set(['Transaction', 'ControlledTransaction']) },
  // A TypeORM query runner holds one connection (a migration's `up(queryRunner)`, `createQueryRunner()`).
  { package: 'typeorm', names: new Set(['QueryRunner']) },
  // A MongoDB session, handed to each operation as its `session` option: the driver lets it carry
  // one operation at a time, and a transaction in it takes no operations side by side.
  { package: 'mongodb', names: new Set(['ClientSession']) },
];

/** Whether `node` is one database connection by its driver's type: `client` of `const client = await pool.connect()`, a transaction. */
export function isOneConnection(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (!symbol) return false;
  const name = symbol.getName();
  return ONE_CONNECTION_TYPES.some((known) => known.names.has(name)
    && (symbol.declarations ?? []).some((declaration) => isDeclaredInPackage(declaration, known.package)));
}
