#!/usr/bin/env node
// The engine alone over the generated bench project, without ESLint: the program is built and
// type-checked once, then every file is checked five times with each rule alone and with every rule, and
// the medians are printed. `node bench/engine-timing.js [N=500]` (run `npm run bench` once first,
// or it generates the project).
const path = require('node:path');
const ts = require('typescript');
const { runRules, rules } = require('eslint-plugin-asyncsense/engine');
const { ensureProject } = require('./generate-project');

const n = Number(process.argv[2] ?? 500);
const dir = path.join(__dirname, '..', '.e2e', 'bench', `project-${n}`);
ensureProject(n, dir);
// One program of every package's files, with the options the packages share.
const parseConfig = (file) => ts.getParsedCommandLineOfConfigFile(file, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); },
});
const packages = parseConfig(path.join(dir, 'tsconfig.json')).projectReferences.map((reference) => parseConfig(path.join(reference.path, 'tsconfig.json')));
const program = ts.createProgram({
  rootNames: packages.flatMap((parsed) => parsed.fileNames),
  options: { ...packages[0].options, composite: false, emitDeclarationOnly: false, noEmit: true, rootDir: undefined },
});
const files = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file));
for (const file of files) program.getSemanticDiagnostics(file);

// The generated project's message bus: `queue.subscribe(topic, handler)` registers a consumer.
const SUBSCRIBE = [{ from: 'file', name: 'subscribe' }];
const OPTIONS = { 'no-blocking-io': { handlers: SUBSCRIBE }, 'no-non-idempotent-retry': { consumers: SUBSCRIBE } };
const allOff = Object.fromEntries(rules.map((rule) => [rule.id, 'off']));
for (const enabled of [...rules.map((rule) => [rule.id]), rules.map((rule) => rule.id)]) {
  const config = { rules: { ...allOff, ...Object.fromEntries(enabled.map((id) => [id, OPTIONS[id] ? ['warn', OPTIONS[id]] : 'warn'])) } };
  const times = [];
  let findings = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    findings = 0;
    for (const file of files) findings += runRules(file, program, config).findings.length;
    times.push(performance.now() - started);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  console.log(`${enabled.length === 1 ? enabled[0] : `${enabled.length} rules`} over ${files.length} files: median ${times[2].toFixed(0)} ms, fastest ${times[0].toFixed(0)} ms, first ${first.toFixed(0)} ms, ${findings} findings`);
}
