import assert from 'node:assert/strict';
import ts from 'typescript';
import { THIS_BINDING, type Binding } from 'eslint-plugin-asyncsense/internal/util/binding';
import { bindingsReadBy } from 'eslint-plugin-asyncsense/internal/util/bindings-read-by';
import { bindingsWrittenBy } from 'eslint-plugin-asyncsense/internal/util/bindings-written-by';
import { mayReorder } from 'eslint-plugin-asyncsense/internal/util/may-reorder';
import { programForSource } from '../helpers/fixtures';

/** The statements of the body of `export async function run() { … }` after the given prelude. */
function statementsOf(prelude: string, body: string): { checker: ts.TypeChecker; statements: readonly ts.Statement[] } {
  const { program, sourceFile } = programForSource(`${prelude}\nexport async function run(): Promise<void> {\n${body}\n}\n`);
  const run = sourceFile.statements.filter(ts.isFunctionDeclaration).find((fn) => fn.name?.text === 'run')!;
  return { checker: program.getTypeChecker(), statements: run.body!.statements };
}

function names(bindings: Set<Binding>): string[] {
  return [...bindings].map((binding) => (binding === THIS_BINDING ? 'this' : binding.getName())).sort();
}

/** The awaited operand of `const x = await …;`. */
function awaited(statement: ts.Statement): ts.Expression {
  const declaration = (statement as ts.VariableStatement).declarationList.declarations[0]!;
  return (declaration.initializer as ts.AwaitExpression).expression;
}

const PRELUDE = `
declare const db: { users: { find(id: string): Promise<{ id: string; teamId: string }> }; orders: { find(id: string): Promise<number[]> } };
declare function getUser(id: string): Promise<{ id: string; teamId: string }>;
declare function getOrders(userId: string): Promise<number[]>;
declare function getTeam(teamId: string): Promise<string>;
declare function saveUser(user: object): Promise<void>;
declare function saveOrder(order: object): Promise<void>;
declare function readFile(path: string): Promise<string>;
declare function rm(path: string): Promise<void>;`;

describe('data flow helpers', () => {
  it('reads bindings through property reads, destructuring, closures and shorthand properties, not names or types', () => {
    const { checker, statements } = statementsOf(PRELUDE, `
  const id = 'u1';
  const user = await getUser(id);
  const { teamId: team } = user;
  const payload = { team, count: (() => user.id.length)() } as { team: string; count: number };`);
    assert.deepEqual(names(bindingsReadBy(checker, statements[1]!)), ['getUser', 'id']);
    assert.deepEqual(names(bindingsReadBy(checker, statements[2]!)), ['user']);
    assert.deepEqual(names(bindingsReadBy(checker, statements[3]!)), ['team', 'user']);
  });

  it('writes declared names, assignment targets and objects changed in place', () => {
    const { checker, statements } = statementsOf(PRELUDE, `
  let total = 0;
  const list: number[] = [];
  const { a, b: [c] } = { a: 1, b: [2] };
  total += a;
  list.push(c);
  [total] = [c];
  total++;`);
    assert.deepEqual(names(bindingsWrittenBy(checker, statements[0]!)), ['total']);
    assert.deepEqual(names(bindingsWrittenBy(checker, statements[2]!)), ['a', 'c']);
    assert.deepEqual(names(bindingsWrittenBy(checker, statements[3]!)), ['total']);
    assert.deepEqual(names(bindingsWrittenBy(checker, statements[4]!)), ['list']);
    assert.deepEqual(names(bindingsWrittenBy(checker, statements[5]!)), ['total']);
    assert.deepEqual(names(bindingsWrittenBy(checker, statements[6]!)), ['total']);
  });

  it('lets independent reads reorder, through different receivers too', () => {
    const { checker, statements } = statementsOf(PRELUDE, `
  const orders = await getOrders('u1');
  const team = await getTeam('t1');
  const user = await db.users.find('u1');
  const more = await db.orders.find('u1');`);
    assert.equal(mayReorder(checker, awaited(statements[0]!), awaited(statements[1]!)), true);
    assert.equal(mayReorder(checker, awaited(statements[2]!), awaited(statements[3]!)), true);
  });

  it('keeps the order of calls on the same receiver, of two mutations, and of a mutation sharing an argument', () => {
    const { checker, statements } = statementsOf(PRELUDE, `
  const a = await db.users.find('u1');
  const b = await db.users.find('u2');
  const c = await saveUser({});
  const d = await saveOrder({});
  const path = '/tmp/x';
  const e = await readFile(path);
  const f = await rm(path);
  const g = await readFile('/tmp/y');`);
    assert.equal(mayReorder(checker, awaited(statements[0]!), awaited(statements[1]!)), false, 'same receiver');
    assert.equal(mayReorder(checker, awaited(statements[2]!), awaited(statements[3]!)), false, 'two mutations');
    assert.equal(mayReorder(checker, awaited(statements[5]!), awaited(statements[6]!)), false, 'read then remove the same path');
    assert.equal(mayReorder(checker, awaited(statements[7]!), awaited(statements[6]!)), true, 'remove and read different paths');
  });

  it('keeps an operation beside one that repeats it with the same values, and only then', () => {
    const { checker, statements } = statementsOf(`${PRELUDE}
async function getProfile(id: string) { const user = await getUser(id); return { user, team: await getTeam(user.teamId) }; }
async function getManager(id: string) { const manager = 'm-' + id; return getUser(manager); }`, `
  const user = await getUser('u1');
  const profile = await getProfile('u1');
  const other = await getProfile('u2');
  const manager = await getManager('u1');`);
    assert.equal(mayReorder(checker, awaited(statements[0]!), awaited(statements[1]!)), false, 'the profile reads the same user again');
    assert.equal(mayReorder(checker, awaited(statements[1]!), awaited(statements[0]!)), false, 'either way round');
    assert.equal(mayReorder(checker, awaited(statements[0]!), awaited(statements[2]!)), true, 'the profile of another user');
    assert.equal(mayReorder(checker, awaited(statements[0]!), awaited(statements[3]!)), true, 'a user derived from the same id is another');
  });

  it('counts an object written out twice with the same parts as the same value when one operation repeats the other', () => {
    const { checker, statements } = statementsOf(`${PRELUDE}
declare function findUser(query: { id: string; fresh?: boolean }): Promise<{ id: string; teamId: string }>;
async function profileOf(query: { id: string; fresh?: boolean }) { const user = await findUser(query); return user.teamId; }`, `
  const id = 'u1';
  const user = await findUser({ id, fresh: true });
  const same = await profileOf({ id, fresh: true });
  const fresher = await profileOf({ id, fresh: false });
  const other = await profileOf({ id: 'u2', fresh: true });`);
    assert.equal(mayReorder(checker, awaited(statements[1]!), awaited(statements[2]!)), false, 'the same query, written twice');
    assert.equal(mayReorder(checker, awaited(statements[1]!), awaited(statements[3]!)), true, 'another value in one part');
    assert.equal(mayReorder(checker, awaited(statements[1]!), awaited(statements[4]!)), true, 'another user');
  });
});
