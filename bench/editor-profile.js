#!/usr/bin/env node
'use strict';
/**
 * Where the server's time per edit goes: runs the editor benchmark's edit sequence against the
 * server started with `--cpu-prof`, then splits the time spent checking the edited file into
 * the phases that decide the edit latency.
 *
 *   node bench/editor-profile.js [N=2000] [edits=200]
 *
 * Only samples taken while the server answers a pulled diagnostic (`Linter.lint`) count, so the
 * start-up and the opening of the project are left out. Phases nest: TypeScript's program update
 * holds the project-reference and checker phases. The profile stays in .e2e/bench/profiles/.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ensureProject } = require('./generate-project');
const { editSequence } = require('./editor/edits');
const { LspClient } = require('./editor/lsp-client');

const ROOT = path.join(__dirname, '..');

/** Function names whose inclusive time is reported, with what they stand for. */
const PHASES = [
  ['updateGraph', 'TypeScript brings the project up to date (a new program)'],
  ['parseProjectReferenceConfigFile', '  of which: output names of every file of every referenced project'],
  ['createTypeChecker', '  of which: a new checker (globals merged again)'],
  ['getOrCreateSourceFileByPath', '  of which: source files of the new program (the edited one parsed)'],
  ['runRules', 'asyncsense\'s rules on the edited file'],
];

async function main() {
  const n = Number(process.argv[2] ?? 2000);
  const edits = Number(process.argv[3] ?? 200);
  const dir = path.join(ROOT, '.e2e', 'bench', `editor-${n}`);
  const summary = ensureProject(n, dir, { editTarget: true });
  const profiles = path.join(ROOT, '.e2e', 'bench', 'profiles');
  fs.rmSync(profiles, { recursive: true, force: true });
  const client = await LspClient.start(dir, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--cpu-prof-interval=100'] });
  const target = path.join(dir, summary.editTarget.file);
  const text = fs.readFileSync(target, 'utf8');
  const uri = await client.open(target, text);
  await client.diagnostics(uri);
  for (const edit of editSequence(text, summary.editTarget.editLine, edits)) {
    await client.change(uri, [edit.change]);
    await client.diagnostics(uri);
  }
  await client.stop();
  const file = await waitForProfile(profiles);
  const times = inclusiveTimes(JSON.parse(fs.readFileSync(file, 'utf8')), 'lint', PHASES.map(([name]) => name));
  const perEdit = (ms) => `${(ms / (edits + 1)).toFixed(2)} ms`;
  console.log(`N = ${n}, ${edits} edits (+ the first check); per edit, in the server:`);
  console.log(`  ${perEdit(times.scope).padStart(9)}  checking the edited file (Linter.lint), in all`);
  for (const [name, meaning] of PHASES) {
    const share = times.scope > 0 ? ` ${((100 * times.byName.get(name)) / times.scope).toFixed(0).padStart(3)}%` : '';
    console.log(`  ${perEdit(times.byName.get(name)).padStart(9)}${share}  ${meaning} (${name.trim()})`);
  }
  console.log(`profile: ${path.relative(ROOT, file)}`);
}

/** The server writes its profile as it exits; the client does not wait for that. */
async function waitForProfile(folder) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const file = fs.existsSync(folder) ? fs.readdirSync(folder).find((name) => name.endsWith('.cpuprofile')) : undefined;
    if (file) {
      const full = path.join(folder, file);
      try {
        JSON.parse(fs.readFileSync(full, 'utf8'));
        return full;
      } catch {
        // Still being written.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server wrote no profile to ${folder}`);
}

/** Inclusive milliseconds under `scope`, in all and per function name (each name once per sample). */
function inclusiveTimes(profile, scope, names) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byName = new Map(names.map((name) => [name, 0]));
  let total = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const onStack = new Set();
    for (let current = id; current !== undefined; current = parent.get(current)) onStack.add(byId.get(current).callFrame.functionName);
    if (!onStack.has(scope)) return;
    total += ms;
    for (const name of names) if (onStack.has(name)) byName.set(name, byName.get(name) + ms);
  });
  return { scope: total, byName };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
