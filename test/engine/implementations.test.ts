import assert from 'node:assert/strict';
import ts from 'typescript';
import { implementations } from 'eslint-plugin-asyncsense/internal/util/implementations';
import { programForSource } from '../helpers/fixtures';

/** The names of the classes whose bodies `implementations` finds for `Owner.method`. */
function implementers(source: string, owner: string, method: string): string[] {
  const { program, sourceFile } = programForSource(source);
  const declaration = sourceFile.statements
    .filter((statement): statement is ts.InterfaceDeclaration | ts.ClassDeclaration =>
      ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement))
    .find((statement) => statement.name?.text === owner)!;
  const member = (declaration.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>)
    .find((candidate) => candidate.name !== undefined && ts.isIdentifier(candidate.name) && candidate.name.text === method)!;
  return implementations(program, program.getTypeChecker(), member)
    .map((body) => ts.findAncestor(body, ts.isClassDeclaration)?.name?.text ?? holderOf(body))
    .sort();
}

/** The variable or function an object literal giving a method sits in: `auth` for `const auth = { get() {…} }`. */
function holderOf(body: ts.Node): string {
  const holder = ts.findAncestor(body.parent, (node) => ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node));
  return holder && holder.name && ts.isIdentifier(holder.name) ? holder.name.text : '?';
}

describe('implementations of a method declared without a body', () => {
  it('finds the classes that implement an interface, also through an interface that extends it', () => {
    assert.deepEqual(implementers(`
export interface Store { get(key: string): Promise<string>; }
export interface CachedStore extends Store { clear(): void; }
export class FileStore implements Store { async get(key: string) { return key; } }
export class MemoryStore implements CachedStore { async get(key: string) { return key; } clear() {} }
export class Unrelated { async get(key: string) { return key; } }
`, 'Store', 'get'), ['FileStore', 'MemoryStore']);
  });

  it('finds the subclasses that implement an abstract method, and not one that only inherits it', () => {
    assert.deepEqual(implementers(`
export abstract class Job { abstract run(): Promise<void>; }
export class SendJob extends Job { async run() {} }
export class LoudSendJob extends SendJob {}
export class ArrowJob extends Job { run = async () => {}; }
`, 'Job', 'run'), ['ArrowJob', 'SendJob']);
  });

  it('reads nothing for a class that names the interface but lacks the method, or when too many implement it', () => {
    assert.deepEqual(implementers(`
export interface Store { get(key: string): Promise<string>; }
export class Partial implements Store { get = undefined as never; }
`, 'Store', 'get'), []);
    const many = Array.from({ length: 9 }, (_, index) => `export class S${index} implements Store { async get() { return ''; } }`);
    assert.deepEqual(implementers(`export interface Store { get(key: string): Promise<string>; }\n${many.join('\n')}`, 'Store', 'get'), []);
  });

  it('finds the object literals the code gives the type: declared, returned, passed and in a mapped type', () => {
    assert.deepEqual(implementers(`
export interface Options { name: string; get: (key: string) => Promise<string>; }
export const declared: Options = { name: 'a', async get(key) { return key; } };
export const picked: Omit<Options, 'name'> = { get: async (key) => key };
export function made(): Options { return { name: 'b', get: async function (key) { return key; } }; }
function register(options: Options): void { void options; }
export function passed(): void { register({ name: 'c', async get(key) { return key; } }); }
`, 'Options', 'get'), ['declared', 'made', 'passed', 'picked']);
  });

  it('leaves out an object literal of another type with a member of that name, and calls of the name', () => {
    assert.deepEqual(implementers(`
export interface Options { get(key: string): Promise<string>; }
export interface Other { get(key: string): Promise<string>; }
export const other: Other = { async get(key) { return key; } };
export const loose = { async get(key: string) { return key; } };
export const cache = new Map<string, string>();
export function read(options: Options): Promise<string> { return options.get(cache.get('a') ?? ''); }
`, 'Options', 'get'), []);
  });

  it('reads nothing when every implementation hands the call on to another object of the type', () => {
    assert.deepEqual(implementers(`
export interface Store { get: (key: string) => Promise<string>; }
export function lazy(load: () => unknown): Store {
  return { get: async (key) => (load() as Store).get(key) };
}
export class Logged implements Store {
  constructor(private readonly inner: Store) {}
  get = async (key: string) => this.inner.get(key);
}
`, 'Store', 'get'), []);
    assert.deepEqual(implementers(`
export interface Store { get: (key: string) => Promise<string>; }
export function lazy(load: () => unknown): Store {
  return { get: async (key) => (load() as Store).get(key) };
}
export const memory: Store = { get: async (key) => key };
`, 'Store', 'get'), ['lazy', 'memory']);
  });
});
