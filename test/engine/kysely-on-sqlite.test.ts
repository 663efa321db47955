import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runRules } from 'eslint-plugin-asyncsense/engine';
import ts from 'typescript';
import { REPO_ROOT } from '../helpers/fixtures';

/**
 * A project of the given files that resolves the installed Kysely, as one of the user's would:
 * the folder links the repository's node_modules.
 */
function projectOf(files: Record<string, string>): ts.Program {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncsense-kysely-'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return ts.createProgram({
    rootNames: Object.keys(files).map((name) => path.join(dir, name)),
    options: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, types: [], noEmit: true },
  });
}

function findings(program: ts.Program, file: string, rule: string): string[] {
  const sourceFile = program.getSourceFiles().find((candidate) => candidate.fileName.endsWith(`/${file}`))!;
  return runRules(sourceFile, program, { rules: { [rule]: 'warn' } }).findings.map((finding) => finding.ruleId);
}

const SQLITE_DB = `import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
export interface Schema { profile: { did: string; handle: string } }
declare const database: SqliteDatabase;
export const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
`;

const POSTGRES_DB = `import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type { Schema } from './db.js';
declare const pool: PostgresPool;
export const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
`;

/** Queries through a Kysely instance it is handed, typed by the module that makes the SQLite one. */
const QUERIES = `import type { Kysely } from 'kysely';
import type { Schema } from './db.js';
export async function handles(db: Kysely<Schema>, dids: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const did of dids) {
    const row = await db.selectFrom('profile').select('handle').where('did', '=', did).executeTakeFirst();
    if (row) found.push(row.handle);
  }
  return found;
}
`;

describe('Kysely on SQLite', () => {
  it('is no I/O for code that reaches only instances on SqliteDialect, through the imports of another file', () => {
    const program = projectOf({ 'db.ts': SQLITE_DB, 'queries.ts': QUERIES, 'reporting.ts': POSTGRES_DB });
    // reporting.ts makes an instance on Postgres, but queries.ts does not import it.
    assert.deepEqual(findings(program, 'queries.ts', 'no-await-in-loop'), []);
  });

  it('is I/O for code that also reaches an instance on another dialect', () => {
    const program = projectOf({
      'db.ts': SQLITE_DB,
      'reporting.ts': POSTGRES_DB,
      'queries.ts': `import './reporting.js';\n${QUERIES}`,
    });
    assert.deepEqual(findings(program, 'queries.ts', 'no-await-in-loop'), ['no-await-in-loop']);
  });

  it('is I/O when the dialect is not spelled out where the instance is made', () => {
    const program = projectOf({
      'db.ts': SQLITE_DB.replace('new SqliteDialect({ database })', 'dialectFromEnvironment()')
        .replace('declare const database: SqliteDatabase;', 'declare function dialectFromEnvironment(): SqliteDialect;'),
      'queries.ts': QUERIES,
    });
    assert.deepEqual(findings(program, 'queries.ts', 'no-await-in-loop'), ['no-await-in-loop']);
  });

  it('is I/O when the only instance on SqliteDialect is made by a test', () => {
    const program = projectOf({ 'db.test.ts': SQLITE_DB, 'queries.ts': QUERIES.replaceAll('./db.js', './db.test.js') });
    assert.deepEqual(findings(program, 'queries.ts', 'no-await-in-loop'), ['no-await-in-loop']);
  });
});
