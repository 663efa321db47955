import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { rules } from 'eslint-plugin-asyncsense/engine';
import { REPO_ROOT } from '../helpers/fixtures';
import { startStdioClient } from '../helpers/stdio-client';

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
const PACKAGED_FILES = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/extension.js', 'dist/server.js', 'dist/typescript.js', 'icon.png', 'package.json'];

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  icon: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { type: string; default?: unknown; enum?: string[]; scope?: string; properties?: object }> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const settings = manifest.contributes.configuration.properties;

describe('the VS Code extension package', function () {
  this.timeout(180_000);

  before(function () {
    // vsce lists what exists: the bundles must be fresh for the listing to mean anything.
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bundle.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  it('holds only the bundles (client, server, TypeScript), the manifest, README, CHANGELOG, LICENSE and the icon', () => {
    const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listing = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const files = listing.split('\n').map((line) => line.trim()).filter(Boolean).sort();
    assert.deepEqual(files, [...PACKAGED_FILES].sort());
  });

  it('bundles need nothing at run time but Node built-ins (and vscode, for the client; the server its TypeScript beside it)', () => {
    // TypeScript probes for source-map-support inside a try; its absence is expected.
    const optional = new Set(['source-map-support']);
    const allowed = (name: string, extra: string[]): boolean =>
      builtinModules.includes(name.replace(/^node:/u, '')) || extra.includes(name) || optional.has(name);
    for (const [bundle, extra] of [['extension.js', ['vscode']], ['server.js', ['typescript']], ['typescript.js', []]] as const) {
      const code = fs.readFileSync(path.join(REPO_ROOT, 'dist', bundle), 'utf8');
      const required = [...code.matchAll(/\brequire\("([^"]+)"\)/gu)].map((match) => match[1]);
      assert.deepEqual(required.filter((name) => !allowed(name, [...extra])), [], `${bundle} requires packages the .vsix does not carry`);
    }
  });

  it('the server bundle carries every TypeScript lib.*.d.ts, since the .vsix has no node_modules', () => {
    const libDirectory = path.dirname(require.resolve('typescript'));
    const libFiles = fs.readdirSync(libDirectory).filter((name) => /^lib(\.[\w.-]+)?\.d\.ts$/u.test(name));
    assert.ok(libFiles.length > 50, `only ${libFiles.length} lib files found in ${libDirectory}`);
    const server = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'server.js'), 'utf8');
    const missing = libFiles.filter((name) => !server.includes(`"${name}":`));
    assert.deepEqual(missing, [], 'lib files missing from dist/server.js');
  });

  it('main points at the client bundle and the server bundle is beside it', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist', 'server.js')));
  });

  it('the server bundle runs on the TypeScript beside it, or on the one --typescript names, with no node_modules around', async () => {
    // A copy of dist/ where nothing can resolve from the repository's node_modules, as in an installed extension.
    const installed = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncsense-installed-'));
    try {
      for (const file of ['server.js', 'typescript.js']) fs.copyFileSync(path.join(REPO_ROOT, 'dist', file), path.join(installed, file));
      const project = path.join(installed, 'project');
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, types: [], lib: ['ES2023'] } }));
      const text = 'declare function save(): Promise<void>;\nexport async function run(): Promise<void> {\n  save();\n}\n';
      fs.writeFileSync(path.join(project, 'run.ts'), text);
      for (const [args, version] of [[[], `6.0.`], [['--typescript', path.join(REPO_ROOT, 'node_modules', 'typescript-5')], '5.9.']] as const) {
        const client = await startStdioClient(project, { server: path.join(installed, 'server.js'), serverArgs: [...args] });
        try {
          const uri = await client.open(path.join(project, 'run.ts'), text);
          assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['no-floating-promises']);
          assert.ok(client.logs.some((line) => line.startsWith(`Checking with TypeScript ${version}`)), client.logs.join('\n'));
        } finally {
          await client.stop();
        }
      }
    } finally {
      fs.rmSync(installed, { recursive: true, force: true });
    }
  });
});

describe('the extension manifest', () => {
  it('names the extension, its publisher and the VS Code versions it runs on', () => {
    assert.equal(manifest.name, 'asyncsense');
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/u);
    assert.equal(manifest.engines.vscode, '^1.91.0');
  });

  it('activates on TypeScript and JavaScript, with and without JSX', () => {
    assert.deepEqual([...manifest.activationEvents].sort(), LANGUAGES.map((id) => `onLanguage:${id}`).sort());
  });

  it('is limited in untrusted workspaces, and says it loads no workspace code there', () => {
    const { untrustedWorkspaces } = manifest.capabilities;
    assert.equal(untrustedWorkspaces.supported, 'limited');
    assert.match(String((untrustedWorkspaces as { description?: string }).description), /loads no code from the workspace/u);
  });

  it('contributes the restart and show-output commands, all under asyncsense.*', () => {
    const commands = manifest.contributes.commands;
    assert.deepEqual(commands.map((c) => c.command).sort(), ['asyncsense.restartServer', 'asyncsense.showOutput']);
    for (const command of commands) {
      assert.equal(command.category, 'asyncsense', `${command.command} category`);
      assert.ok(command.title.length > 0);
    }
  });

  it('registers in the client exactly the commands the manifest contributes', () => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'client', 'src', 'commands.ts'), 'utf8');
    const ids = [...source.matchAll(/'(asyncsense\.[A-Za-z]+)'/gu)].map((match) => match[1]).sort();
    assert.deepEqual(ids, manifest.contributes.commands.map((c) => c.command).sort());
  });

  it('contributes settings only under asyncsense.*', () => {
    for (const key of Object.keys(settings)) assert.match(key, /^asyncsense\./u);
  });

  it('has asyncsense.rules: an object whose named properties are known rules', () => {
    const setting = settings['asyncsense.rules'];
    assert.equal(setting.type, 'object');
    assert.deepEqual(setting.default, {});
    const known = new Set(rules.map((rule) => rule.id));
    for (const id of Object.keys(setting.properties ?? {})) assert.ok(known.has(id), `asyncsense.rules names unknown rule ${id}`);
  });

  it('has asyncsense.trace.server: off, messages or verbose, off by default', () => {
    const setting = settings['asyncsense.trace.server'];
    assert.deepEqual(setting.enum, ['off', 'messages', 'verbose']);
    assert.equal(setting.default, 'off');
  });

  it('has a 128×128 PNG icon', () => {
    const png = fs.readFileSync(path.join(REPO_ROOT, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});
