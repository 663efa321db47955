import ts from 'typescript';
import { projectFiles } from './call-sites';
import { reaches } from './import-reach';
import { isDeclaredInPackage } from './is-declared-in-package';
import { isTestFile } from './is-test-file';
import { placesSpelling } from './places-spelling';
import { referencedSymbol } from './referenced-symbol';
import { skipOuterExpressions } from './skip-outer-expressions';
import type { TypeOrValueSpecifier } from './specifier';
import { valueMatchesSpecifier } from './value-matches-specifier';

/** Where the project makes a Kysely instance, and whether it runs on Kysely's own SQLite dialect. */
interface Construction {
  readonly file: ts.SourceFile;
  readonly onSqlite: boolean;
}

/**
 * `await db.selectFrom('account').selectAll().execute()`, a call of Kysely's, where every Kysely
 * instance the calling file can reach by its imports runs on Kysely's own `SqliteDialect`. That
 * dialect drives better-sqlite3, whose calls are synchronous, over one connection that a mutex
 * lends to one query at a time: the query runs on the main thread before its promise settles,
 * so two side by side take as long as one after the other, and neither holds anything of its
 * own. An instance the file can reach on any other dialect (Postgres, MySQL, a driver of a
 * package), or whose dialect the code does not spell out, keeps the call I/O.
 */
export function queriesInProcessSqlite(program: ts.Program, checker: ts.TypeChecker, call: ts.Node, signature: ts.Signature): boolean {
  const { declaration } = signature;
  if (!declaration || !isDeclaredInPackage(declaration, 'kysely')) return false;
  const made = constructions(program, checker);
  if (!made.some(({ onSqlite }) => onSqlite)) return false;
  const file = call.getSourceFile();
  const files = projectFiles(program);
  const reachable = made.filter((construction) => reaches(checker, file, construction.file, files));
  return reachable.length > 0 && reachable.every(({ onSqlite }) => onSqlite);
}

/** The Kysely instances the project's code (not its tests) makes, found once per program. */
function constructions(program: ts.Program, checker: ts.TypeChecker): readonly Construction[] {
  const known = constructionsByProgram.get(program);
  if (known) return known;
  const found: Construction[] = [];
  for (const file of projectFiles(program)) {
    if (!file.text.includes('Kysely') || isTestFile(program, file)) continue;
    for (const name of placesSpelling(file, 'Kysely')) {
      const made = name && constructionNamed(name);
      if (made && valueMatchesSpecifier(program, checker, made.expression, [KYSELY])) {
        found.push({ file, onSqlite: dialectIsSqlite(program, checker, made) });
      }
    }
  }
  constructionsByProgram.set(program, found);
  return found;
}

const KYSELY: TypeOrValueSpecifier = { from: 'package', package: 'kysely', name: 'Kysely' };
const SQLITE_DIALECT: TypeOrValueSpecifier = { from: 'package', package: 'kysely', name: 'SqliteDialect' };

const constructionsByProgram = new WeakMap<ts.Program, readonly Construction[]>();

/** `new Kysely(…)` or `new kysely.Kysely(…)` around the name. */
function constructionNamed(name: ts.Identifier | ts.PrivateIdentifier): ts.NewExpression | undefined {
  const callee = ts.isPropertyAccessExpression(name.parent) && name.parent.name === name ? name.parent : name;
  const made = callee.parent;
  return made && ts.isNewExpression(made) && made.expression === callee ? made : undefined;
}

/** `{ dialect: new SqliteDialect(…) }`, also through `{ dialect }` or a constant that holds one. */
function dialectIsSqlite(program: ts.Program, checker: ts.TypeChecker, made: ts.NewExpression): boolean {
  const [config] = made.arguments ?? [];
  const literal = config && skipOuterExpressions(config);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return false;
  const property = literal.properties.find((candidate) => candidate.name !== undefined
    && ts.isIdentifier(candidate.name) && candidate.name.text === 'dialect');
  if (!property) return false;
  const value = ts.isPropertyAssignment(property) ? skipOuterExpressions(property.initializer) : undefined;
  const held = ts.isShorthandPropertyAssignment(property) ? checker.getShorthandAssignmentValueSymbol(property)
    : value && ts.isIdentifier(value) ? referencedSymbol(checker, value) : undefined;
  const dialect = held ? constantValue(held) : value;
  return dialect !== undefined && ts.isNewExpression(dialect) && valueMatchesSpecifier(program, checker, dialect.expression, [SQLITE_DIALECT]);
}

/** What `const dialect = …` holds. */
function constantValue(symbol: ts.Symbol): ts.Expression | undefined {
  const declaration = symbol.valueDeclaration;
  return declaration && ts.isVariableDeclaration(declaration) && declaration.parent.flags & ts.NodeFlags.Const && declaration.initializer
    ? skipOuterExpressions(declaration.initializer) : undefined;
}
