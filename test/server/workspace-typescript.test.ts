import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chooseTypescript } from 'asyncsense-language-server/dist/typescript-choice';
import { rules } from 'eslint-plugin-asyncsense/engine';
import { FIXTURES_DIR, fixtureRuleIds, listFixtures, REPO_ROOT } from '../helpers/fixtures';
import { startStdioClient, type StdioClient } from '../helpers/stdio-client';
import { createTempProject, STANDALONE_TSCONFIG, type TempProject } from './helpers/temp-project';

/** A real TypeScript 5.9, installed as a dev dependency under another name. */
const TYPESCRIPT_5 = path.join(REPO_ROOT, 'node_modules', 'typescript-5');
const ALL_RULES = { rules: Object.fromEntries(rules.map((rule) => [rule.id, 'warn'])) };
const FLOATING = 'declare function save(): Promise<void>;\nexport async function run(): Promise<void> {\n  save();\n}\n';

/** Every fixture's diagnostics as one server gives them. */
async function fixtureDiagnostics(client: StdioClient): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const fixture of fixtureRuleIds().flatMap((ruleId) => listFixtures(ruleId))) {
    const uri = await client.open(fixture.file, fs.readFileSync(fixture.file, 'utf8'));
    all.set(`${fixture.ruleId}/${fixture.name}`, JSON.stringify((await client.diagnostics(uri)).map((d) => [d.code, d.range, d.message])));
    await client.close(uri);
  }
  return all;
}

describe("server: the workspace's TypeScript, when the client asks for it", function () {
  this.timeout(180_000);
  let client: StdioClient | undefined;
  let project: TempProject | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    project?.remove();
    project = undefined;
  });

  it('checks with TypeScript 5.9 from --typescript, says so, and finds on every fixture what it finds with its own', async () => {
    client = await startStdioClient(FIXTURES_DIR, { settings: ALL_RULES, serverArgs: ['--typescript', TYPESCRIPT_5] });
    const withWorkspace = await fixtureDiagnostics(client);
    assert.ok(client.logs.some((line) => line === `Using the workspace's TypeScript 5.9.3 from ${TYPESCRIPT_5}.`), client.logs.join('\n'));
    assert.ok(client.logs.some((line) => line.startsWith(`Checking with TypeScript 5.9.3 (${TYPESCRIPT_5}`)
      && line.endsWith("reusing referenced projects' output names across programs).")), client.logs.join('\n'));
    await client.stop();
    client = await startStdioClient(FIXTURES_DIR, { settings: ALL_RULES });
    const withOwn = await fixtureDiagnostics(client);
    assert.ok(client.logs.some((line) => line.startsWith('Checking with TypeScript 6.0.')
      && line.endsWith("reusing referenced projects' output names across programs).")), client.logs.join('\n'));
    assert.ok([...withOwn.values()].filter((diagnostics) => diagnostics !== '[]').length >= 100, 'the fixtures gave few findings');
    const differing = [...withOwn.keys()].filter((name) => withOwn.get(name) !== withWorkspace.get(name));
    assert.deepEqual(differing, []);
  });

  it('keeps its own TypeScript for a TypeScript 7 workspace, says why, and loads nothing from it', async () => {
    const marker = "require('node:fs').writeFileSync(require('node:path').join(__dirname, 'loaded'), '');\nmodule.exports = {};\n";
    project = createTempProject({
      'tsconfig.json': STANDALONE_TSCONFIG,
      'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '7.0.2', main: 'lib/typescript.js' }),
      'node_modules/typescript/lib/typescript.js': marker,
      'run.ts': FLOATING,
    });
    client = await startStdioClient(project.dir, { serverArgs: ['--typescript', project.file('node_modules/typescript')] });
    const uri = await client.open(project.file('run.ts'), FLOATING);
    assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['no-floating-promises']);
    assert.ok(client.logs.some((line) => /TypeScript 7\.0\.2 .* has no compiler API that asyncsense can use .*; asyncsense uses the TypeScript it comes with\./u.test(line)), client.logs.join('\n'));
    assert.ok(client.logs.some((line) => line.startsWith('Checking with TypeScript 6.0.')), client.logs.join('\n'));
    assert.equal(fs.existsSync(project.file('node_modules/typescript/lib/loaded')), false, "the workspace's typescript was loaded");
  });

  it('accepts TypeScript 5.0 to 6.0 and says what is wrong with anything else', () => {
    project = createTempProject({});
    const folderWith = (version: string, name = 'typescript'): string => {
      const folder = project!.write(`ts-${version}-${name}/package.json`, JSON.stringify({ name, version }));
      return path.dirname(folder);
    };
    const choose = (folder: string): { module: string | undefined; note: string | undefined } => {
      const { module, note } = chooseTypescript(['node', 'server', '--stdio', '--typescript', folder]);
      return { module, note };
    };
    for (const version of ['5.0.2', '5.9.3', '6.0.3']) {
      assert.equal(choose(folderWith(version)).module, path.join(project.dir, `ts-${version}-typescript`, 'lib', 'typescript.js'), version);
    }
    assert.match(String(choose(folderWith('4.9.5')).note), /TypeScript 4\.9\.5 .* is older than 5\.0/u);
    assert.match(String(choose(folderWith('6.1.0')).note), /TypeScript 6\.1\.0 .* has no compiler API/u);
    assert.match(String(choose(folderWith('1.0.0', 'left-pad')).note), /does not hold a TypeScript package/u);
    assert.match(String(choose(project.file('nowhere')).note), /^Cannot read the workspace's TypeScript at .*nowhere/u);
    assert.deepEqual(chooseTypescript(['node', 'server', '--stdio']), { module: undefined, note: undefined, fellBack: false });
  });
});
