#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the editor benchmarks (bench/editor.js) and the CI benchmark (bench/ci.js) at
 * N = 200 and 2,000, written with the machine they ran on to bench/results.md; then the per-rule
 * timing (bench/rule-timing.js, its own bench/rule-timing-results.md).
 *
 *   node bench/index.js [N …]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const editor = require('./editor');
const ci = require('./ci');

const ROOT = path.join(__dirname, '..');

function versionOf(name) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function machine() {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- ${os.type()} ${os.release()}, Node ${process.version}`,
    `- TypeScript ${versionOf('typescript')}, ESLint ${versionOf('eslint')}, typescript-eslint ${versionOf('typescript-eslint')}`,
  ].join('\n');
}

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  const out = await editor.main(sizes.length > 0 ? sizes : [200, 2000]);
  const lint = await ci.main(sizes.length > 0 ? sizes : [200, 2000]);
  const { warm, edits, crossFileEdits, openFiles, coldRuns } = out.settings;
  const text = `# asyncsense benchmarks

Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.

${machine()}

## Editor

Generated projects (\`bench/generate-project.js\`) of N files plus the 300-line file that is
edited (\`packages/gateway/src/gateway.ts\`, \`bench/generator/edit-target.js\`).

- **edit → diagnostics**: ${edits} edits after ${warm} warm-up edits, a line typed into a function
  body and deleted in turns. asyncsense: \`didChange\` to the answer of the pulled
  \`textDocument/diagnostic\` for that version, over LSP on stdio, with its recommended rules. Peer:
  what vscode-eslint runs for the same edit, ESLint's \`lintText\` with typescript-eslint's project
  service and \`no-floating-promises\` + \`no-misused-promises\`.
- **exported method made async → open dependent's diagnostics**: ${crossFileEdits} edits after ${warm}
  warm-up edits of an open service file, whose \`scheduleReindex\` is made async and back in turns,
  while the gateway that calls it as a statement is open too; from \`didChange\` to the pulled
  diagnostics of the gateway after the server's \`workspace/diagnostic/refresh\`, which must show the
  floating call exactly while the method is async. Includes the server's 150 ms typing debounce.
- **cold start**: process start to the first diagnostics of the edited file. Peer: tsserver (the
  same TypeScript) asked for \`semanticDiagnosticsSync\` of it. Median of ${coldRuns} runs.
- **RSS**: resident set after ${openFiles} files were opened and checked (the edited file and
  files spread over the project). Peer: tsserver with the same files. Median of ${coldRuns} runs.

${out.table}

## CI

ESLint over every file of the same projects (\`bench/ci.js\`), each configuration in its own
process, median of ${lint.runs} runs: asyncsense's \`configs.recommended\` against
typescript-eslint's async rules (\`no-floating-promises\`, \`no-misused-promises\`,
\`await-thenable\`, \`return-await\`, \`require-await\`) with ESLint's \`no-await-in-loop\` and
eslint-plugin-n's \`no-sync\`, and against the files parsed with types and no rule. A rule set's own
time is its wall time minus the typed parse's. The configurations are in \`bench/ci-config.mjs\`.

${lint.table}
`;
  fs.writeFileSync(path.join(__dirname, 'results.md'), text);
  process.stdout.write(text);
  const timing = spawnSync(process.execPath, [path.join(__dirname, 'rule-timing.js'), '500', '3'], { cwd: ROOT, stdio: 'inherit' });
  if (timing.status !== 0) process.exitCode = timing.status ?? 1;
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
