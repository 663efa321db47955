#!/usr/bin/env node
// Lints the sample project with every recommended rule and prints what ESLint's stylish
// formatter would, with each suggested fix as the lines it changes.
const path = require('node:path');
const { checkProject, formatStylish } = require('eslint-plugin-asyncsense/terminal');

const root = path.resolve(__dirname, '..');
const project = path.join(root, 'demo', 'sample-project', 'tsconfig.json');
const report = checkProject(project);
for (const problem of report.problems) console.error(`asyncsense: ${problem}`);
for (const failure of report.failures) console.error(`asyncsense: rule ${failure.ruleId} failed on ${failure.fileName}: ${failure.error}`);
process.stdout.write(`asyncsense: ${path.relative(root, project)}\n`);
process.stdout.write(formatStylish(report.files, { color: process.stdout.isTTY === true, cwd: root }) || 'No problems found.\n');
process.exitCode = report.problems.length > 0 || report.failures.length > 0 ? 1 : 0;
