import assert from 'node:assert/strict';
import fs from 'node:fs';
import { LspSession } from './helpers/lsp-session';
import { createTempProject, type TempProject } from './helpers/temp-project';

describe('server: no code from the workspace is loaded', () => {
  let project: TempProject;
  let session: LspSession;

  afterEach(() => {
    session?.dispose();
    project.remove();
  });

  it('never loads a TypeScript plugin that a tsconfig names, and still checks its files', async () => {
    project = createTempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, types: [], lib: ['ES2023'], plugins: [{ name: 'marker-plugin' }] } }),
      'node_modules/marker-plugin/package.json': JSON.stringify({ name: 'marker-plugin', main: 'index.js' }),
      'node_modules/marker-plugin/index.js': "require('node:fs').writeFileSync(require('node:path').join(__dirname, 'loaded'), '');\n"
        + 'module.exports = () => ({ create: (info) => info.languageService });\n',
      'run.ts': 'declare function save(): Promise<void>;\nexport async function run(): Promise<void> {\n  save();\n}\n',
    });
    session = await LspSession.start({ workspaceFolder: project.dir });
    const uri = await session.open(project.file('run.ts'));
    assert.equal((await session.pull(uri)).length, 1);
    assert.equal(fs.existsSync(project.file('node_modules/marker-plugin/loaded')), false, 'the plugin was loaded');
  });

  it("never loads the workspace's own typescript, trusted or not, and checks with the bundled one", async () => {
    const marker = "require('node:fs').writeFileSync(require('node:path').join(__dirname, 'loaded'), '');\nmodule.exports = {};\n";
    project = createTempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, types: [], lib: ['ES2023'] } }),
      'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '5.9.9', main: 'lib/typescript.js' }),
      'node_modules/typescript/lib/typescript.js': marker,
      'node_modules/typescript/lib/tsserverlibrary.js': marker,
      'run.ts': 'declare function save(): Promise<void>;\nexport async function run(): Promise<void> {\n  save();\n}\n',
    });
    for (const trusted of [false, true]) {
      session = await LspSession.start({ workspaceFolder: project.dir, initializationOptions: { trusted } });
      const uri = await session.open(project.file('run.ts'));
      assert.equal((await session.pull(uri)).length, 1);
      await session.close(uri);
      session.dispose();
      assert.equal(fs.existsSync(project.file('node_modules/typescript/lib/loaded')), false, `the workspace's typescript was loaded (trusted: ${trusted})`);
    }
  });
});
