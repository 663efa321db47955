#!/usr/bin/env node
// The engine alone over the generated bench project, without ESLint: the program is built and
// type-checked once, then every file is checked five times with each rule alone and with every rule, and
// the medians are printed. `node bench/engine-timing.js [N=500]` (run `npm run bench` once first,
// or it generates the project).
const path = require('node:path');
const { runRules, rules } = require('eslint-plugin-asyncsense/engine');
const { ensureProject } = require('./generate-project');
const { generatedProjectProgram, RULE_OPTIONS } = require('./generator/program');

const n = Number(process.argv[2] ?? 500);
const dir = path.join(__dirname, '..', '.e2e', 'bench', `project-${n}`);
ensureProject(n, dir);
const { program, files } = generatedProjectProgram(dir);
for (const file of files) program.getSemanticDiagnostics(file);

const OPTIONS = RULE_OPTIONS;
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
