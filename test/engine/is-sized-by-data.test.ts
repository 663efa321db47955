import assert from 'node:assert/strict';
import ts from 'typescript';
import { isSizedByData } from 'eslint-plugin-asyncsense/internal/util/is-sized-by-data';
import { programForSource } from '../helpers/fixtures';

const PRELUDE = `
import { readdirSync } from 'node:fs';
interface Row { readonly id: string; readonly tags: string[] }
declare const db: { query(sql: string, values?: unknown[]): Promise<{ rows: Row[] }> };
async function allRows(): Promise<Row[]> { return (await db.query('SELECT id FROM events')).rows; }
async function firstRows(): Promise<Row[]> { const rows = await allRows(); return rows.slice(0, 3); }
function withHeld<T>(use: (list: readonly string[]) => T): T { return use(['a', 'b']); }
export class Space {
  readonly #members = new Map<string, string>();
  items: string[] = [];
  data!: string[];
  get members(): ReadonlyMap<string, string> { return this.#members; }
  pick(topic: string, count: number): string[] { return [...this.#members.keys()].slice(0, count + topic.length); }
}`;

/** Whether the argument of the last `use(…)` in `body`, run inside a method of a class, is sized by data. */
function sized(parameters: string, body: string, after = ''): boolean {
  const { program, sourceFile } = programForSource(`${PRELUDE}
declare function use(list: unknown): void;
export class Service {
  private readonly held: string[] = [];
  async run(${parameters}): Promise<void> {
${body}
  }
}
${after}
`);
  let argument: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'use') argument = node.arguments[0];
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return isSizedByData(program, program.getTypeChecker(), argument!);
}

describe('isSizedByData: whether data from outside decides a list\'s length', () => {
  it('counts what is awaited, handed in, listed by a package function, or made from these', () => {
    assert.equal(sized('', `const { rows } = await db.query('SELECT 1'); use(rows);`), true);
    assert.equal(sized('ids: string[]', `use(ids.filter((id) => id.length > 0));`), true);
    assert.equal(sized('header: string', `use(header.split(','));`), true);
    assert.equal(sized('dir: string', `use(readdirSync(dir));`), true);
    assert.equal(sized('', `const { rows } = await db.query('SELECT 1'); const ids: string[] = []; for (const row of rows) ids.push(row.id); use(ids);`), true);
    assert.equal(sized('', `let rows: Row[] = []; rows = (await db.query('SELECT 1')).rows; use(rows);`), true);
    assert.equal(sized('', `use(await allRows());`), true);
    assert.equal(sized('', `const [rows] = await Promise.all([allRows(), db.query('SELECT 1')]); use(rows);`), true);
    assert.equal(sized('ids: string[]', `const { rows } = await db.query('INSERT INTO t SELECT * FROM unnest($1) RETURNING id', [ids]); use(rows);`), true);
    assert.equal(sized('', `const rows = await allRows(); rows.forEach((row) => use(row.tags));`), true);
  });

  it('takes a field of a record handed in for that record\'s parts, unless a caller shows where it comes from', () => {
    assert.equal(sized('space: Space', `use(space.data);`), false);
    assert.equal(sized('request: { body: { ids: string[] } }', `use([...new Set(request.body.ids)]);`), false);
    assert.equal(sized('batch: { ids: string[] }', `use(batch.ids);`), false);
    const caller = `export async function runAll(service: Service): Promise<void> { await service.run({ ids: (await allRows()).map((row) => row.id) }); }`;
    assert.equal(sized('batch: { ids: string[] }', `use(batch.ids);`, caller), true);
  });

  it('takes a list parsed out of a field declared `unknown` for data from outside, a record parsed from it not', () => {
    const parse = `function parseIds(body: unknown): string[] { return Array.isArray(body) ? body.filter((id) => typeof id === 'string') : []; }`;
    assert.equal(sized('message: { body: unknown }', `use(parseIds(message.body));`, parse), true);
    assert.equal(sized('message: { body: unknown }', `use(parseIds(message.body).filter((id) => id !== ''));`, parse), true);
    assert.equal(sized('message: { body: unknown }', `use(parseIds(message.body).slice(0, 10));`, parse), false);
    const maybe = `function maybeIds(body: unknown): readonly string[] | undefined { return Array.isArray(body) ? body : undefined; }`;
    assert.equal(sized('message: { body: unknown }', `use(maybeIds(message.body));`, maybe), true);
    const pair = `function readPair(body: unknown): [string, string] { return Array.isArray(body) ? [String(body[0]), String(body[1])] : ['', '']; }`;
    assert.equal(sized('message: { body: unknown }', `use(readPair(message.body));`, pair), false);
    assert.equal(sized('message: { body: unknown }', `const commit = JSON.parse(message.body as string) as { parents: string[] }; use(commit.parents);`), false);
    assert.equal(sized('message: { body: unknown; ids: string[] }', `use(message.ids);`), false);
  });

  it('follows the project\'s own functions to what they return, and callbacks to who calls them', () => {
    assert.equal(sized('', `use(await firstRows());`), false);
    assert.equal(sized('', `const [, rows] = await Promise.all([allRows(), firstRows()]); use(rows);`), false);
    assert.equal(sized('', `const { rows } = await db.query("INSERT INTO t (s) VALUES ('a'), ('b') RETURNING id"); use(rows);`), false);
    assert.equal(sized('', `withHeld((list) => use(list));`), false);
    assert.equal(sized('', `const list = ['a']; list.forEach((item) => use(item.split('')));`), false);
  });

  it('does not count what an object keeps, constants, or what its own method picks by a name and a number', () => {
    assert.equal(sized('', `use(this.held);`), false);
    assert.equal(sized('', `const ids = ['a', 'b']; use(ids.map((id) => id));`), false);
    assert.equal(sized('space: Space', `use([...space.members.values()]);`), false);
    assert.equal(sized('space: Space', `use(space.items);`), false);
    assert.equal(sized('space: Space, topic: string', `use(space.pick(topic, 3));`), false);
    assert.equal(sized('', `const ids: string[] = []; ids.push('a'); use(ids);`), false);
  });
});
