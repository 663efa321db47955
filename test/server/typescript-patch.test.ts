/**
 * The server's change to TypeScript (`typescript-patch`): it applies to the TypeScript versions the
 * server ships with and accepts, and a program built with it is the program TypeScript builds
 * without it, while the names of referenced projects' files are kept across programs.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import type tsModule from 'typescript';
import { PATCH_MARKER, patchTypescriptSource } from 'asyncsense-language-server/dist/typescript-patch';
import { REPO_ROOT } from '../helpers/fixtures';
import { createTempProject } from './helpers/temp-project';

type Typescript = typeof tsModule;

// The benchmark's JavaScript module.
const { ensureProject } = require(path.join(REPO_ROOT, 'bench', 'generate-project.js')) as {
  ensureProject(n: number, dir: string): unknown;
};

const TYPESCRIPTS = {
  '6.0': path.join(REPO_ROOT, 'node_modules', 'typescript', 'lib', 'typescript.js'),
  '5.9': path.join(REPO_ROOT, 'node_modules', 'typescript-5', 'lib', 'typescript.js'),
};

/** A fresh instance of the TypeScript in `file`, with the change or without. */
function loadTypescript(file: string, patched: boolean): Typescript {
  const source = fs.readFileSync(file, 'utf8');
  const loaded = new Module(file) as Module & { _compile(source: string, filename: string): void };
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(directory: string): string[] })._nodeModulePaths(path.dirname(file));
  loaded._compile(patched ? patchTypescriptSource(source).source : source, file);
  return loaded.exports as Typescript;
}

/**
 * Two programs of the `orders` package, the second built from the first as an editor does after an
 * edit: parsed projects come from a cache, and references resolve to their sources.
 */
function programs(ts: Typescript, configFile: string): [tsModule.Program, tsModule.Program] {
  const parsed = new Map<string, tsModule.ParsedCommandLine | undefined>();
  const host = ts.createCompilerHost({});
  host.getParsedCommandLine = (fileName) => {
    if (!parsed.has(fileName)) parsed.set(fileName, ts.getParsedCommandLineOfConfigFile(fileName, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} }));
    return parsed.get(fileName);
  };
  (host as { useSourceOfProjectReferenceRedirect?: () => boolean }).useSourceOfProjectReferenceRedirect = () => true;
  const config = host.getParsedCommandLine(configFile)!;
  const create = (oldProgram?: tsModule.Program): tsModule.Program => ts.createProgram({
    rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences, host, oldProgram,
  });
  const first = create();
  return [first, create(first)];
}

/** What a program is, as far as a user sees it: its files and every file's diagnostics. */
function describeProgram(program: tsModule.Program, root: string): string[] {
  return program.getSourceFiles().filter((file) => !file.fileName.includes('/node_modules/')).map((file) => {
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
      .map((diagnostic) => `${diagnostic.start}:${typeof diagnostic.messageText === 'string' ? diagnostic.messageText : diagnostic.messageText.messageText}`);
    return `${path.relative(root, file.fileName)} ${JSON.stringify(diagnostics)}`;
  });
}

describe("server: its change to TypeScript, reusing referenced projects' output names", function () {
  this.timeout(180_000);

  for (const [version, file] of Object.entries(TYPESCRIPTS)) {
    it(`applies to TypeScript ${version}, once`, () => {
      const source = fs.readFileSync(file, 'utf8');
      const first = patchTypescriptSource(source);
      assert.equal(first.patched, true, `the change no longer applies to ${file}: update server/src/typescript-patch.ts`);
      assert.notEqual(first.source, source);
      assert.ok(first.source.includes(PATCH_MARKER));
      const again = patchTypescriptSource(first.source);
      assert.equal(again.patched, true);
      assert.equal(again.source, first.source);
    });
  }

  it('leaves a source without the text it changes as it is', () => {
    assert.deepEqual(patchTypescriptSource('module.exports = {};\n'), { source: 'module.exports = {};\n', patched: false });
  });

  it("resolves an import of a referenced project's unbuilt output to its source, as TypeScript does", () => {
    const compilerOptions = { strict: true, module: 'commonjs', target: 'es2022', types: [] };
    const project = createTempProject({
      'store/tsconfig.json': JSON.stringify({ compilerOptions: { ...compilerOptions, composite: true, rootDir: 'src', outDir: 'out' }, include: ['src'] }),
      'store/src/index.ts': 'export async function load(id: string): Promise<number> {\n  return id.length;\n}\n',
      'app/tsconfig.json': JSON.stringify({ compilerOptions, references: [{ path: '../store' }], include: ['src'] }),
      'app/src/main.ts': "import { load } from '../../store/out/index';\nexport async function run(): Promise<string> {\n  const size: string = await load('x');\n  return size;\n}\n",
    });
    try {
      const configFile = project.file('app/tsconfig.json');
      const [, stock] = programs(loadTypescript(TYPESCRIPTS['6.0'], false), configFile);
      const [, patched] = programs(loadTypescript(TYPESCRIPTS['6.0'], true), configFile);
      const expected = describeProgram(stock, project.dir);
      assert.ok(expected.some((line) => line.startsWith(path.join('app', 'src', 'main.ts')) && line.includes("Type 'number' is not assignable to type 'string'")), expected.join('\n'));
      assert.deepEqual(describeProgram(patched, project.dir), expected);
    } finally {
      project.remove();
    }
  });

  it('builds the same programs as TypeScript without it, and keeps the names across programs', () => {
    // A copy of its own: the engine's tests generate theirs in .e2e/bench, maybe at the same time.
    const root = path.join(REPO_ROOT, '.e2e', 'server-tests', 'project-200');
    ensureProject(200, root);
    const configFile = path.join(root, 'packages', 'orders', 'tsconfig.json');
    const [stockFirst, stockSecond] = programs(loadTypescript(TYPESCRIPTS['6.0'], false), configFile);
    const [patchedFirst, patchedSecond] = programs(loadTypescript(TYPESCRIPTS['6.0'], true), configFile);
    const expected = describeProgram(stockSecond, root);
    assert.ok(expected.some((line) => line.startsWith(path.join('packages', 'core'))), 'the referenced project\'s sources are not in the program');
    assert.deepEqual(describeProgram(patchedFirst, root), describeProgram(stockFirst, root));
    assert.deepEqual(describeProgram(patchedSecond, root), expected);
    const kept = (globalThis as Record<symbol, WeakMap<object, unknown> | undefined>)[Symbol.for(PATCH_MARKER)];
    const references = patchedSecond.getResolvedProjectReferences() ?? [];
    assert.ok(references.length > 0);
    for (const reference of references) assert.ok(kept?.has(reference!.commandLine.fileNames), `no names kept for ${reference!.sourceFile.fileName}`);
  });
});
