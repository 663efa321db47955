import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';
import { callSites, isPrivateToFile, projectFiles } from 'eslint-plugin-asyncsense/internal/util/call-sites';
import { importedFiles, reaches } from 'eslint-plugin-asyncsense/internal/util/import-reach';
import { programOf } from '../helpers/program-of';

function filesReaching(checker: ts.TypeChecker, target: ts.SourceFile, files: readonly ts.SourceFile[]): ts.SourceFile[] {
  return files.filter((file) => reaches(checker, file, target, files));
}

function baseName(file: ts.SourceFile): string {
  return path.basename(file.fileName);
}

function functionNamed(program: ts.Program, file: string, name: string): ts.SignatureDeclaration {
  const sourceFile = program.getSourceFiles().find((candidate) => candidate.fileName.endsWith(`/${file}`))!;
  let found: ts.SignatureDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name?.getText() === name) found = node;
    if (ts.isVariableDeclaration(node) && node.name.getText() === name && node.initializer && ts.isArrowFunction(node.initializer)) found = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.ok(found, `${name} in ${file}`);
  return found;
}

describe('the files that can call a function', () => {
  const program = programOf({
    'model.ts': 'export class Store { async save(rows: string[]) { return rows.length; } }\n',
    'service.ts': "import { Store } from './model.js';\nexport const store = new Store();\n",
    'index.ts': "export * from './service.js';\n",
    'handler.ts': "import { store } from './index.js';\nexport async function handle(rows: string[]) { return store.save(rows); }\n",
    'other.ts': 'class Cache { async save(rows: string[]) { return rows; } }\nexport async function put(rows: string[]) { return new Cache().save(rows); }\n',
    'lazy.ts': "export async function later(rows: string[]) { const { store } = await import('./service.js'); return store.save(rows); }\n",
    'script.ts': 'declare const anything: { save(rows: string[]): void };\nanything.save([]);\n',
    'via-lazy.ts': "import { later } from './lazy.js';\nexport const run = () => later([]);\n",
  });
  const checker = program.getTypeChecker();
  const files = projectFiles(program);

  it('are those that import its module, directly or through others, and those whose imports cannot all be followed, with their importers', () => {
    const model = files.find((file) => baseName(file) === 'model.ts')!;
    assert.deepEqual(filesReaching(checker, model, files).map(baseName).sort(),
      ['handler.ts', 'index.ts', 'lazy.ts', 'model.ts', 'script.ts', 'service.ts', 'via-lazy.ts']);
  });

  it('still find a method called through a re-export, and not a method of the same name elsewhere', () => {
    const sites = callSites(checker, functionNamed(program, 'model.ts', 'save'), files);
    assert.deepEqual(sites?.map((call) => baseName(call.getSourceFile())).sort(), ['handler.ts', 'lazy.ts']);
  });

  it('are looked for in the function\'s own file alone when asked so, whatever was asked before', () => {
    const save = functionNamed(program, 'model.ts', 'save');
    const model = files.find((file) => baseName(file) === 'model.ts')!;
    assert.equal(callSites(checker, save, files)?.length, 2);
    assert.equal(callSites(checker, save, [model]), undefined);
    assert.equal(callSites(checker, save, files)?.length, 2);
  });

  it('follow specifiers that climb folders, step through them, or name a folder\'s index, from files that share a folder', () => {
    const nested = programOf({
      'core/model.ts': 'export class Store { async save(rows: string[]) { return rows.length; } }\n',
      'core/index.ts': "export * from './model.js';\n",
      'api/orders/handler.ts': "import { Store } from '../../core/model.js';\nexport const orders = new Store();\n",
      'api/orders/routes.ts': "import { Store } from '../../core';\nexport const routes = new Store();\n",
      'api/orders/lookup.ts': "import { orders } from './../orders/./handler';\nexport const lookup = orders;\n",
      'api/users/handler.ts': "import { Store } from '../orders/../../core/index.js';\nexport const users = new Store();\n",
      'api/users/unrelated.ts': "import { x } from '../../elsewhere.js';\nexport const y = x;\n",
      'elsewhere.ts': 'export const x = 1;\n',
    });
    const all = projectFiles(nested);
    const model = all.find((file) => file.fileName.endsWith('core/model.ts'))!;
    assert.deepEqual(filesReaching(nested.getTypeChecker(), model, all).map((file) => file.fileName.split('/').slice(-2).join('/')).sort(),
      ['core/index.ts', 'core/model.ts', 'orders/handler.ts', 'orders/lookup.ts', 'orders/routes.ts', 'users/handler.ts']);
  });

  it('are every file when the module adds globals', () => {
    const globals = programOf({
      'globals.ts': 'declare global { function audit(): void }\nexport function flush(rows: string[]) { return rows; }\n',
      'user.ts': 'export const x = 1;\n',
    });
    const all = projectFiles(globals);
    const target = all.find((file) => baseName(file) === 'globals.ts')!;
    assert.deepEqual(filesReaching(globals.getTypeChecker(), target, all).map(baseName).sort(), ['globals.ts', 'user.ts']);
  });
});

describe('a function private to its file', () => {
  const program = programOf({
    'a.ts': [
      'function local(rows: string[]) { return rows; }',
      'export function exported(rows: string[]) { return rows; }',
      'function listed(rows: string[]) { return rows; }',
      'function defaulted(rows: string[]) { return rows; }',
      'const arrow = (rows: string[]) => rows;',
      'export const exportedArrow = (rows: string[]) => rows;',
      'export function outer() { function inner(rows: string[]) { return rows; } return inner; }',
      'export class Box { private hidden(rows: string[]) { return rows; } #secret(rows: string[]) { return rows; } open(rows: string[]) { return rows; } }',
      'export { listed };',
      'export default defaulted;',
      '',
    ].join('\n'),
    'script.ts': 'function global(rows: string[]) { return rows; }\n',
  });

  for (const [name, expected] of [['local', true], ['exported', false], ['listed', false], ['defaulted', false], ['arrow', true],
    ['exportedArrow', false], ['inner', true], ['hidden', true], ['#secret', true], ['open', false]] as const) {
    it(`${expected ? 'is' : 'is not'} ${name}`, () => assert.equal(isPrivateToFile(functionNamed(program, 'a.ts', name)), expected));
  }

  it('is not a function of a script, which other files see as a global', () => {
    assert.equal(isPrivateToFile(functionNamed(program, 'script.ts', 'global')), false);
  });
});

describe('the files whose functions a file can name by its imports', () => {
  function namesImportedBy(program: ts.Program, file: string): string[] {
    const files = projectFiles(program);
    const from = files.find((candidate) => baseName(candidate) === file)!;
    return importedFiles(program.getTypeChecker(), from, files).map(baseName).sort();
  }

  it('are those it imports, and those an index passes on by `export … from` or by exporting what it imported', () => {
    const program = programOf({
      'charge.ts': 'export async function charge(amount: number) { return amount; }\n',
      'refund.ts': 'export async function refund(amount: number) { return amount; }\n',
      'audit.ts': 'export function audit(line: string) { return line; }\n',
      'ledger.ts': "import { audit } from './audit.js';\nexport function book(line: string) { return audit(line); }\n",
      'payments.ts': [
        "import { charge } from './charge.js';",
        "import * as refunds from './refund.js';",
        "import { book } from './ledger.js';",
        'book("index loaded");',
        'export { charge, refunds };',
        '',
      ].join('\n'),
      'types.ts': 'export interface Payment { amount: number }\n',
      'index.ts': "export * from './payments.js';\nexport type { Payment } from './types.js';\n",
      'worker.ts': "import { charge } from './index.js';\nexport const run = () => charge(1);\n",
    });
    // The index's own import of the ledger is for its own use: the worker cannot name `book`.
    assert.deepEqual(namesImportedBy(program, 'worker.ts'), ['charge.ts', 'index.ts', 'payments.ts', 'refund.ts']);
  });

  it('are, in CommonJS, those it requires and those an index passes on through `module.exports` and `exports`', () => {
    const program = programOf({
      'charge.js': 'exports.charge = async function charge(amount) { return amount; };\n',
      'refund.js': 'module.exports = async function refund(amount) { return amount; };\n',
      'mail.js': 'exports.send = async function send(to) { return to; };\n',
      'log.js': 'exports.log = function log(line) { return line; };\n',
      'payments.js': [
        "const { charge } = require('./charge');",
        "const refund = require('./refund.js');",
        "const { log } = require('./log');",
        'log("index loaded");',
        'module.exports = { charge, refund };',
        "module.exports.mail = require('./mail');",
        '',
      ].join('\n'),
      'worker.js': "const payments = require('./payments');\nexports.run = () => payments.charge(1);\n",
    }, { allowJs: true, checkJs: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 });
    assert.deepEqual(namesImportedBy(program, 'worker.js'), ['charge.js', 'mail.js', 'payments.js', 'refund.js']);
  });
});
