#!/usr/bin/env node
// Runs every rule over real TypeScript code bases that the npm registry ships as source, for
// triage by hand: `node scripts/real-code.js @trpc/server@11.25.2 convex@1.48.0 …`. Each package
// is installed with its dependencies into .e2e/real-code/ (so imports have their real types), its
// own .ts sources are checked, and every finding is printed with the code around it.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { checkProject } = require('eslint-plugin-asyncsense/terminal');
const { rules } = require('eslint-plugin-asyncsense/engine');

const root = path.resolve(__dirname, '..');
const specs = readSpecs(process.argv.slice(2));
if (specs.length === 0) {
  console.error('usage: node scripts/real-code.js <package@version> … | --list <file>');
  process.exit(2);
}
// ASYNCSENSE_RULES=id,id limits the run to those rules.
const only = process.env.ASYNCSENSE_RULES?.split(',');
const allRules = Object.fromEntries(rules.map((rule) => [rule.id, !only || only.includes(rule.id) ? 'warn' : 'off']));
const totals = new Map();

for (const { spec, npmFlags, overrides, jsRoot } of specs) {
  const name = spec.replace(/(?!^)@[^@]*$/u, '');
  const dir = path.join(root, '.e2e', 'real-code', spec.replace(/[@/]/gu, '_'));
  const packageDir = path.join(dir, 'node_modules', name);
  if (!fs.existsSync(packageDir)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true, overrides })}\n`);
    execFileSync('npm', ['install', '--no-fund', '--no-audit', '--ignore-scripts', '--loglevel=error', ...npmFlags, spec], { cwd: dir, stdio: 'inherit' });
  }
  // Most packages keep their sources in src/; some ship them at the package root. A package that
  // ships only JavaScript is read from the folder its line names (`js:dist`).
  const sourceRoot = jsRoot ?? (fs.existsSync(path.join(packageDir, 'src')) ? 'src' : '.');
  const extensions = jsRoot ? ['js', 'mjs', 'cjs'] : ['ts', 'tsx'];
  const tsconfig = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(tsconfig, JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM'], types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')], strict: true, noEmit: true, skipLibCheck: true, allowJs: jsRoot !== undefined,
    },
    include: extensions.map((extension) => path.join(packageDir, sourceRoot, '**', `*.${extension}`)),
    // The package's own declaration files (`src/types/*.d.ts`) are the project's, and are read as such.
    exclude: [...extensions.flatMap((extension) => [`**/*.test.${extension}`, `**/*.spec.${extension}`]), '**/__tests__/**',
      path.join(packageDir, 'node_modules')],
  }, null, 2));
  const started = performance.now();
  const report = checkProject(tsconfig, allRules);
  const files = report.files.length;
  console.log(`\n# ${spec}: ${report.files.reduce((n, f) => n + f.findings.length, 0)} finding(s) in ${files} file(s), ${Math.round(performance.now() - started)} ms`);
  for (const failure of report.failures) console.log(`RULE FAILURE ${failure.ruleId} ${failure.fileName}: ${failure.error}`);
  for (const { fileName, sourceFile, findings } of report.files) {
    for (const finding of findings) {
      const key = `${finding.ruleId}`;
      totals.set(key, (totals.get(key) ?? 0) + 1);
      const { line } = sourceFile.getLineAndCharacterOfPosition(finding.start);
      const lines = sourceFile.text.split('\n');
      console.log(`\n## ${finding.ruleId} ${path.relative(packageDir, fileName)}:${line + 1} ${finding.messageId}`);
      for (let i = Math.max(0, line - 3); i <= Math.min(lines.length - 1, line + 3); i++) {
        console.log(`${i === line ? '>' : ' '} ${String(i + 1).padStart(5)} | ${lines[i]}`);
      }
    }
  }
}
console.log('\n# totals', Object.fromEntries(totals));

/**
 * The packages to check: `name@version` arguments, or `--list FILE` with one a line. A line may go
 * on with what its install needs: npm flags (`--legacy-peer-deps`, for packages whose peer
 * dependencies npm cannot settle) and `override:name=version` (a dependency whose wanted version
 * the registry does not have), and `js:DIR` for a package that ships only JavaScript, read from
 * that folder of it. Text after `#` is a comment.
 */
function readSpecs(args) {
  const lines = args[0] === '--list' && args[1] ? fs.readFileSync(args[1], 'utf8').split('\n') : args;
  return lines.map((line) => line.replace(/#.*/u, '').trim()).filter(Boolean).map((line) => {
    const [spec, ...rest] = line.split(/\s+/u);
    const overrides = Object.fromEntries(rest.filter((word) => word.startsWith('override:'))
      .map((word) => word.slice('override:'.length).split('=')));
    const jsRoot = rest.find((word) => word.startsWith('js:'))?.slice('js:'.length);
    return { spec, npmFlags: rest.filter((word) => word.startsWith('--')), overrides, jsRoot };
  });
}
