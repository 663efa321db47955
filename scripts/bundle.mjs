// Bundles the VS Code client and the language server into dist/, the only code the .vsix carries.
// The server bundle holds TypeScript and the engine, so the extension needs no node_modules.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromRoot = (...parts) => path.join(root, ...parts);

/**
 * `eslint-plugin-asyncsense/<entry>` from the rules' TypeScript sources rather than their compiled
 * dist, so bundling needs no prior `tsc -b` and never ships a stale engine.
 */
const engineFromSources = {
  name: 'engine-from-sources',
  setup(buildApi) {
    buildApi.onResolve({ filter: /^eslint-plugin-asyncsense\/[\w-]+$/ }, (args) => {
      const source = fromRoot('rules', `${args.path.slice('eslint-plugin-asyncsense/'.length)}.ts`);
      return existsSync(source) ? { path: source } : undefined;
    });
  },
};

/**
 * TypeScript looks for its lib.*.d.ts beside the running compiler, but the .vsix carries no
 * node_modules and only two bundles: the server's `embedded-lib-files` module, empty when the server
 * runs from node_modules, becomes a map of every lib file's text inside the server bundle.
 */
const embedTypescriptLibFiles = {
  name: 'embed-typescript-lib-files',
  setup(buildApi) {
    buildApi.onLoad({ filter: /[\\/]server[\\/]src[\\/]embedded-lib-files\.ts$/ }, () => {
      const require = createRequire(import.meta.url);
      const libDirectory = path.dirname(require.resolve('typescript'));
      const { version } = require('typescript/package.json');
      const files = Object.fromEntries(readdirSync(libDirectory)
        .filter((name) => /^lib(\.[\w.-]+)?\.d\.ts$/u.test(name))
        .map((name) => [name, readFileSync(path.join(libDirectory, name), 'utf8')]));
      // Only for the TypeScript they came with: a workspace's TypeScript reads its own.
      return {
        contents: `import ts from 'typescript';\nexport const embeddedLibFiles = ts.version === ${JSON.stringify(version)} ? new Map(Object.entries(${JSON.stringify(files)})) : undefined;`,
        loader: 'js',
      };
    });
  },
};

/**
 * The packaged TypeScript carries `server/src/typescript-patch.ts`'s change, made here because the
 * minified copy no longer has the text it looks for.
 */
const patchTypescript = {
  name: 'patch-typescript',
  async setup(buildApi) {
    const { outputFiles } = await build({
      entryPoints: [fromRoot('server', 'src', 'typescript-patch.ts')], bundle: true, platform: 'node', format: 'cjs', write: false,
    });
    const patchModule = { exports: {} };
    new Function('module', 'exports', 'require', outputFiles[0].text)(patchModule, patchModule.exports, createRequire(import.meta.url));
    const { patchTypescriptSource } = patchModule.exports;
    const typescriptFile = createRequire(import.meta.url).resolve('typescript');
    buildApi.onLoad({ filter: /[\\/]typescript[\\/]lib[\\/]typescript\.js$/ }, (args) => {
      if (args.path !== typescriptFile) return undefined;
      const { source, patched } = patchTypescriptSource(readFileSync(args.path, 'utf8'));
      if (!patched) throw new Error(`server/src/typescript-patch.ts no longer applies to ${args.path}: update it for this TypeScript`);
      return { contents: source, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // TypeScript's optional `require`s (plugins, source-map-support, …) are meant to fail at run time.
  logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-require-call': 'silent' },
};

const bundles = [
  {
    ...common,
    entryPoints: [fromRoot('client', 'src', 'extension.ts')],
    outfile: fromRoot('dist', 'extension.js'),
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: [fromRoot('server', 'src', 'main.ts')],
    outfile: fromRoot('dist', 'server.js'),
    plugins: [engineFromSources, embedTypescriptLibFiles],
    // Loaded from dist/typescript.js, or from a trusted workspace when the user asks (server/src/typescript-choice.ts).
    external: ['typescript'],
  },
  {
    ...common,
    entryPoints: [createRequire(import.meta.url).resolve('typescript')],
    outfile: fromRoot('dist', 'typescript.js'),
    plugins: [patchTypescript],
  },
];

const results = await Promise.all(bundles.map((options) => build(options)));
for (const { metafile } of results) printSizes(metafile);

/** Each bundle's size and its largest inputs: a new dependency that doubles the .vsix shows here. */
function printSizes(metafile) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    console.log(`${file.padEnd(20)} ${formatBytes(output.bytes)}`);
    const largest = Object.entries(output.inputs)
      .map(([input, { bytesInOutput }]) => [input, bytesInOutput])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    for (const [input, bytes] of largest) console.log(`  ${formatBytes(bytes).padStart(9)}  ${input}`);
  }
}

function formatBytes(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}
