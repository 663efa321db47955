/**
 * The batched-loop fix of no-await-in-loop is offered only where `p-map` does not resolve, which no
 * fixture can show (the package is installed for all of them). These programs live in a folder
 * with no node_modules above it, and find Node's types through `typeRoots`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { applyEdits, runRules } from 'eslint-plugin-asyncsense/engine';
import { FIXTURES_TSCONFIG, REPO_ROOT, parseTsconfig } from '../helpers/fixtures';

const tempDirs: string[] = [];

function programOutsideRepo(text: string): { program: ts.Program; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncsense-no-p-map-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'batch.ts');
  fs.writeFileSync(file, text);
  const options = { ...parseTsconfig(FIXTURES_TSCONFIG).options, typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')] };
  return { program: ts.createProgram({ rootNames: [file], options }), file };
}

function errorsOf(program: ts.Program, file: string): string[] {
  const sourceFile = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

const SOURCE = `declare const repository: { save(row: { id: string }): Promise<void> };

export async function saveAll(rows: { id: string }[]): Promise<void> {
  for (const row of rows) {
    await repository.save(row);
  }
}
`;

describe('no-await-in-loop: batched fix where p-map does not resolve', () => {
  after(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rewrites the loop into batches of a named constant that type-check and are not reported', () => {
    const { program, file } = programOutsideRepo(SOURCE);
    assert.deepEqual(errorsOf(program, file), []);
    const sourceFile = program.getSourceFile(file)!;
    const { findings } = runRules(sourceFile, program, { rules: { 'no-await-in-loop': 'warn' } });
    assert.equal(findings.length, 1);
    const [suggestion] = findings[0]!.suggestions;
    assert.equal(suggestion?.title, 'Run the iterations in batches of 8 with `Promise.all`.');
    const output = applyEdits(sourceFile.text, suggestion.edits());
    assert.equal(output, `declare const repository: { save(row: { id: string }): Promise<void> };

export async function saveAll(rows: { id: string }[]): Promise<void> {
  const CONCURRENCY = 8;
  for (let start = 0; start < rows.length; start += CONCURRENCY) await Promise.all(rows.slice(start, start + CONCURRENCY).map(async (row) => {
    await repository.save(row);
  }));
}
`);
    const fixed = programOutsideRepo(output);
    assert.deepEqual(errorsOf(fixed.program, fixed.file), []);
    const after = runRules(fixed.program.getSourceFile(fixed.file)!, fixed.program, { rules: { 'no-await-in-loop': 'warn' } });
    assert.equal(after.findings.length, 0);
  });

  it('names the computed items and avoids names the file already uses', () => {
    const { program, file } = programOutsideRepo(`declare const storage: { upload(path: string): Promise<void> };
const CONCURRENCY = 2;

export async function uploadAll(queue: string[]): Promise<number> {
  while (queue.length > 0) {
    const path = queue.shift()!;
    await storage.upload(path);
  }
  return CONCURRENCY;
}
`);
    const sourceFile = program.getSourceFile(file)!;
    const [finding] = runRules(sourceFile, program, { rules: { 'no-await-in-loop': 'warn' } }).findings;
    const output = applyEdits(sourceFile.text, finding!.suggestions[0]!.edits());
    assert.match(output, /const CONCURRENCY2 = 8;\n {2}const items = queue\.splice\(0\);\n {2}for \(let start = 0; start < items\.length; start \+= CONCURRENCY2\)/u);
    const fixed = programOutsideRepo(output);
    assert.deepEqual(errorsOf(fixed.program, fixed.file), []);
  });

  it('splits `total += await …` so that the concurrent loop adds every result', async () => {
    const { program, file } = programOutsideRepo(`declare function price(id: number): Promise<number>;

export async function total(ids: number[]): Promise<number> {
  let sum = 0;
  const counts = { seen: 0 };
  for (const id of ids) {
    sum += await price(id);
    counts.seen += 1;
  }
  return sum + counts.seen * 0;
}
`);
    const sourceFile = program.getSourceFile(file)!;
    const [finding] = runRules(sourceFile, program, { rules: { 'no-await-in-loop': 'warn' } }).findings;
    const output = applyEdits(sourceFile.text, finding!.suggestions[0]!.edits());
    assert.match(output, /\(async \(id\) => \{\n {4}const value = await price\(id\);\n {4}sum \+= value;\n {4}counts\.seen \+= 1;\n {2}\}\)/u);
    const fixed = programOutsideRepo(output);
    assert.deepEqual(errorsOf(fixed.program, fixed.file), []);

    // Run both: prices that settle in reverse order, as concurrent requests may.
    const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const price = (id: number): Promise<number> => new Promise((resolve) => setTimeout(() => resolve(id * 10), 30 - 2 * id));
    const run = async (text: string): Promise<number> => {
      const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      const exports: { total?: (ids: number[]) => Promise<number> } = {};
      new Function('exports', 'price', js)(exports, price);
      return exports.total!(ids);
    };
    assert.equal(await run(output), 780);
    // Without the split, every concurrent iteration reads the same old sum: the fix would lose updates.
    const unsplit = output.replace(/const value = await price\(id\);\n {4}sum \+= value;/u, 'sum += await price(id);');
    assert.notEqual(await run(unsplit), 780);
  });

  it('collects pushed results batch by batch, in the order of the items', async () => {
    const { program, file } = programOutsideRepo(`declare function price(id: number): Promise<number>;

export async function prices(ids: number[]): Promise<number[]> {
  const found: number[] = [];
  for (const id of ids) {
    const doubled = id * 2;
    found.push(await price(doubled));
  }
  return found;
}
`);
    const sourceFile = program.getSourceFile(file)!;
    const [finding] = runRules(sourceFile, program, { rules: { 'no-await-in-loop': 'warn' } }).findings;
    const output = applyEdits(sourceFile.text, finding!.suggestions[0]!.edits());
    assert.equal(output, `declare function price(id: number): Promise<number>;

export async function prices(ids: number[]): Promise<number[]> {
  const found: number[] = [];
  const CONCURRENCY = 8;
  for (let start = 0; start < ids.length; start += CONCURRENCY) found.push(...(await Promise.all(ids.slice(start, start + CONCURRENCY).map(async (id) => {
    const doubled = id * 2;
    return await price(doubled);
  }))));
  return found;
}
`);
    const fixed = programOutsideRepo(output);
    assert.deepEqual(errorsOf(fixed.program, fixed.file), []);
    assert.equal(runRules(fixed.program.getSourceFile(fixed.file)!, fixed.program, { rules: { 'no-await-in-loop': 'warn' } }).findings.length, 0);

    // Prices that settle in reverse order, as concurrent requests may: the list keeps the items' order.
    const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const price = (id: number): Promise<number> => new Promise((resolve) => setTimeout(() => resolve(id * 10), 30 - id));
    const js = ts.transpileModule(output, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exports: { prices?: (ids: number[]) => Promise<number[]> } = {};
    new Function('exports', 'price', js)(exports, price);
    assert.deepEqual(await exports.prices!(ids), ids.map((id) => id * 20));
  });

  it('offers no rewrite when an update awaits only sometimes (`??=`)', () => {
    const { program, file } = programOutsideRepo(`declare function lookup(key: string): Promise<string>;

export async function firstNames(keys: string[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const key of keys) {
    names.first ??= await lookup(key);
    names[key] = key;
  }
  return names;
}
`);
    const sourceFile = program.getSourceFile(file)!;
    const findings = runRules(sourceFile, program, { rules: { 'no-await-in-loop': 'warn' } }).findings;
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.suggestions, []);
  });
});
