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
    .map((body) => ts.findAncestor(body, ts.isClassDeclaration)?.name?.text ?? '?')
    .sort();
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
});
