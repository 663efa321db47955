import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { applyEdits, runRules, type Finding } from 'eslint-plugin-asyncsense/engine';
import { FIXTURES_TSCONFIG, REPO_ROOT, parseTsconfig, programForSource } from '../helpers/fixtures';

const RULE = 'no-unbounded-concurrency';
const tempDirs: string[] = [];

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A one-file program outside the repository, so that `p-map` and `p-limit` do not resolve from it
 * unless `packages` links them in; Node's types come from the repository as for the fixtures.
 */
function programWithout(text: string, packages: readonly string[] = []): { program: ts.Program; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncsense-unbounded-'));
  tempDirs.push(dir);
  for (const name of packages) {
    fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
  const file = path.join(dir, 'inline.ts');
  fs.writeFileSync(file, text);
  const options = { ...parseTsconfig(FIXTURES_TSCONFIG).options, typeRoots: [path.join(REPO_ROOT, 'node_modules', '@types')] };
  return { program: ts.createProgram({ rootNames: [file], options }), file };
}

function findingsOf(program: ts.Program, file: string, options?: object): readonly Finding[] {
  const setting = options ? ['warn', options] as const : 'warn';
  return runRules(program.getSourceFile(file)!, program, { rules: { [RULE]: setting } }).findings;
}

function errorsOf(program: ts.Program, file: string): string[] {
  const sourceFile = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** Applies the only suggestion of the only finding, and checks the result compiles and is not reported. */
function fixOnce(text: string, packages: readonly string[], options?: object): { title: string; output: string } {
  const { program, file } = programWithout(text, packages);
  assert.deepEqual(errorsOf(program, file), [], 'the input type-checks');
  const findings = findingsOf(program, file, options);
  assert.equal(findings.length, 1);
  const [suggestion] = findings[0]!.suggestions;
  assert.ok(suggestion, 'a suggestion is offered');
  const output = applyEdits(text, suggestion.edits());
  fs.writeFileSync(file, output);
  const fixed = ts.createProgram({ rootNames: [file], options: program.getCompilerOptions() });
  assert.deepEqual(errorsOf(fixed, file), [], `the fix type-checks:\n${output}`);
  assert.equal(findingsOf(fixed, file, options).length, 0, `the fix is not reported again:\n${output}`);
  return { title: suggestion.title, output };
}

const STATEMENT = `declare function notify(id: string): Promise<void>;

export async function notifyAll(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => notify(id)));
}
`;

const DECLARATION = `import { readFile } from 'node:fs/promises';

export async function sizes(files: string[]): Promise<number> {
  const all = await Promise.all(files.map(async (file) => (await readFile(file)).byteLength));
  return all.length;
}
`;

describe('no-unbounded-concurrency fixes without p-map', () => {
  it('uses p-limit where only p-limit resolves', () => {
    const { title, output } = fixOnce(STATEMENT, ['p-limit']);
    assert.equal(title, 'Run at most 8 at a time with `p-limit`.');
    assert.match(output, /^import pLimit from 'p-limit';$/mu);
    assert.match(output, /const CONCURRENCY = 8;\n {2}const limit = pLimit\(CONCURRENCY\);\n {2}await Promise\.all\(ids\.map\(\(id\) => limit\(\(\) => notify\(id\)\)\)\);/u);
  });

  it('runs a statement in batches where neither package resolves', () => {
    const { title, output } = fixOnce(STATEMENT, []);
    assert.equal(title, 'Run in batches of 8.');
    assert.ok(output.includes([
      '  const CONCURRENCY = 8;',
      '  for (let start = 0; start < ids.length; start += CONCURRENCY) {',
      '    await Promise.all(ids.slice(start, start + CONCURRENCY).map((id) => notify(id)));',
      '  }',
    ].join('\n')), output);
  });

  it('collects batched results into a typed array', () => {
    const { output } = fixOnce(DECLARATION, []);
    assert.ok(output.includes('  const all: number[] = [];\n'), output);
    assert.ok(output.includes('    all.push(...(await Promise.all(files.slice(start, start + CONCURRENCY).map(async (file) => (await readFile(file)).byteLength))));'), output);
  });

  it('offers no fix for a list filled in a loop without p-limit', () => {
    const { program, file } = programWithout(`declare function work(id: string): Promise<void>;

export async function run(ids: string[]): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const id of ids) jobs.push(work(id));
  await Promise.all(jobs);
}
`);
    const findings = findingsOf(program, file);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.suggestions, []);
  });

  it('writes defaultConcurrency into the constant, and avoids names already in scope', () => {
    const text = STATEMENT.replace('await Promise.all', 'const CONCURRENCY = "high";\n  const limit = CONCURRENCY;\n  await Promise.all');
    const { output } = fixOnce(text, ['p-limit'], { defaultConcurrency: 3 });
    assert.match(output, /const CONCURRENCY2 = 3;\n {2}const limit2 = pLimit\(CONCURRENCY2\);/u);
    assert.match(output, /limit2\(\(\) => notify\(id\)\)/u);
  });
});

describe('no-unbounded-concurrency options', () => {
  const OWN_LIMITER = `declare function withDatabaseSlot<T>(task: () => Promise<T>): Promise<T>;
declare const semaphore: Semaphore;
declare function save(id: string): Promise<void>;

export interface Semaphore {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export async function saveAll(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => withDatabaseSlot(() => save(id))));
  await Promise.all(ids.map((id) => semaphore.run(() => save(id))));
}
`;

  it('reports work behind an unknown helper', () => {
    const { program, sourceFile } = programForSource(OWN_LIMITER);
    assert.equal(runRules(sourceFile, program, { rules: { [RULE]: 'warn' } }).findings.length, 2);
  });

  it('trusts user-configured limiters named as functions and as types', () => {
    const { program, sourceFile } = programForSource(OWN_LIMITER);
    const limiters = [{ from: 'file', name: 'withDatabaseSlot' }, { from: 'file', name: 'Semaphore' }];
    assert.deepEqual(runRules(sourceFile, program, { rules: { [RULE]: ['warn', { limiters }] } }).findings, []);
  });

  it('does not trust a limiter specifier from another package', () => {
    const { program, sourceFile } = programForSource(OWN_LIMITER);
    const limiters = [{ from: 'package', package: 'p-limit', name: 'withDatabaseSlot' }];
    assert.equal(runRules(sourceFile, program, { rules: { [RULE]: ['warn', { limiters }] } }).findings.length, 2);
  });

  it('reuses an existing p-map import', () => {
    const { program, sourceFile } = programForSource(`import mapConcurrently from 'p-map';\n${STATEMENT}`);
    const [finding] = runRules(sourceFile, program, { rules: { [RULE]: 'warn' } }).findings;
    const output = applyEdits(sourceFile.text, finding!.suggestions[0]!.edits());
    assert.equal(output.match(/from 'p-map'/gu)?.length, 1);
    assert.match(output, /await mapConcurrently\(ids, \(id\) => notify\(id\), \{ concurrency: CONCURRENCY \}\);/u);
  });
});
