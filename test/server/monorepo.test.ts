import assert from 'node:assert/strict';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { LspSession } from './helpers/lsp-session';
import { createTempProject, type TempProject } from './helpers/temp-project';

const OPTIONS = {
  target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', lib: ['ES2023'], types: [], strict: true,
};

/** A package of a monorepo built with project references: composite, declarations out of the tree. */
function packageTsconfig(name: string, references: readonly string[]): string {
  return JSON.stringify({
    compilerOptions: { ...OPTIONS, composite: true, emitDeclarationOnly: true, outDir: `../../out/${name}`, rootDir: 'src' },
    include: ['src/**/*.ts'],
    references: references.map((reference) => ({ path: `../${reference}` })),
  }, null, 2);
}

/** A solution tsconfig over package a (`load.ts`, synchronous) and package b, which references a and holds `run.ts`. */
function twoPackages(run: string): TempProject {
  return createTempProject({
    'tsconfig.json': JSON.stringify({ files: [], references: [{ path: 'packages/a' }, { path: 'packages/b' }] }),
    'packages/a/tsconfig.json': packageTsconfig('a', []),
    'packages/a/src/load.ts': SYNC_A,
    'packages/b/tsconfig.json': packageTsconfig('b', ['a']),
    'packages/b/src/run.ts': run,
  });
}

const SYNC_A = 'export function load(): number {\n  return 1;\n}\n';
const ASYNC_A = 'export async function load(): Promise<number> {\n  return 1;\n}\n';
const B = "import { load } from '../../a/src/load';\n\nexport async function run(): Promise<void> {\n  load();\n}\n";
const WHOLE_A = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
/** The call `load()` in b's file, reported once `load` returns a promise. */
const CALL_IN_B = { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } };

describe('server: monorepos', () => {
  let project: TempProject;
  let session: LspSession | undefined;

  afterEach(() => {
    session?.dispose();
    session = undefined;
    project.remove();
  });

  it('follows project references: a changed return type in one package reaches the open dependent in another', async () => {
    project = twoPackages(B);
    session = await LspSession.start({ workspaceFolder: project.dir });
    const a = await session.open(project.file('packages/a/src/load.ts'));
    const b = await session.open(project.file('packages/b/src/run.ts'));
    assert.deepEqual(await session.pull(b), [], 'a synchronous load() floats nothing');
    const mark = session.refreshes.mark();
    await session.change(a, [{ range: WHOLE_A, text: ASYNC_A }]);
    await session.refreshes.waitFor(() => true, 'workspace/diagnostic/refresh after editing package a', 20_000, mark);
    const diagnostics = await session.pull(b);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]), [['no-floating-promises', CALL_IN_B]]);
  });

  it('resolves an import of a file that appears on disk in a referenced package', async () => {
    const IMPORTING = "import { flush } from '../../a/src/flush';\n\nexport async function run(): Promise<void> {\n  flush();\n}\n";
    project = twoPackages(IMPORTING);
    session = await LspSession.start({ workspaceFolder: project.dir });
    const b = await session.open(project.file('packages/b/src/run.ts'));
    assert.deepEqual(await session.pull(b), [], 'nothing to report while ../../a/src/flush is missing');
    // A branch switch (or a generator) writes the file; the editor's watcher reports it.
    project.write('packages/a/src/flush.ts', 'export async function flush(): Promise<void> {}\n');
    const mark = session.refreshes.mark();
    await session.filesChanged([{ uri: project.uri('packages/a/src/flush.ts'), type: FileChangeType.Created }]);
    await session.refreshes.waitFor(() => true, 'a refresh after the new file in package a', 20_000, mark);
    const diagnostics = await session.pull(b);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]), [['no-floating-promises', 3]]);
  });

  it('serves a multi-root workspace: each folder with its own tsconfig', async () => {
    // Only where the DOM's types are in the program is `writeText` a promise that floats.
    const COPY = "export function copy(): void {\n  navigator.clipboard.writeText('x');\n}\n";
    project = createTempProject({
      'server/tsconfig.json': JSON.stringify({ compilerOptions: { ...OPTIONS, noEmit: true }, include: ['**/*.ts'] }),
      'server/copy.ts': COPY,
      'web/tsconfig.json': JSON.stringify({ compilerOptions: { ...OPTIONS, noEmit: true, lib: ['ES2023', 'DOM'] }, include: ['**/*.ts'] }),
      'web/copy.ts': COPY,
    });
    session = await LspSession.start({ workspaceFolders: [project.file('server'), project.file('web')] });
    const found = async (name: string): Promise<unknown[]> => {
      const diagnostics = await session!.pull(await session!.open(project.file(name)));
      return diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]);
    };
    assert.deepEqual(await found('web/copy.ts'), [['no-floating-promises', 1]]);
    assert.deepEqual(await found('server/copy.ts'), []);
  });
});
