#!/usr/bin/env node
'use strict';
/**
 * Summarises a V8 .cpuprofile for the rule benchmarks: where the time under one function goes.
 *
 *   node bench/profile-summary.js <file.cpuprofile> [scopeFunction=runRulesWith] [top=25]
 *
 * Only samples whose stack contains `scopeFunction` count (by default: time inside asyncsense's
 * engine, which each ESLint rule wrapper calls once per file). It prints
 *   - inclusive time per asyncsense function (rules/dist), the helpers and rule visitors;
 *   - the calls from asyncsense code into TypeScript (the innermost asyncsense frame → the
 *     TypeScript function it called), i.e. which checker queries cost what;
 *   - self time per function, anywhere under the scope.
 * A typical run: `TIMING=all node --cpu-prof --cpu-prof-dir=.e2e/bench/prof bench/lint-child.mjs
 * "$PWD/.e2e/bench/project-500" W .e2e/bench/out.json bench/check-file,asyncsense/no-await-in-loop`.
 */
const fs = require('node:fs');

const [file, scope = 'runRulesWith', topArg = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [scopeFunction] [top]\n');
  process.exit(2);
}
const top = Number(topArg);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const short = (url) => url.replace(/^.*\/node_modules\//, '').replace(/^.*\/rules\/dist\//, 'asyncsense:').replace(/^file:\/\//, '');
const ours = (frame) => frame.url.includes('/rules/dist/');
const key = (frame) => `${frame.functionName || '(anonymous)'} ${short(frame.url)}:${frame.lineNumber + 1}`;

const inclusive = new Map();
const self = new Map();
const crossings = new Map();
let scoped = 0;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const delta = (profile.timeDeltas[i] ?? 0) / 1000;
  total += delta;
  const stack = [];
  for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) stack.push(byId.get(id).callFrame);
  if (!stack.some((frame) => frame.functionName === scope)) continue;
  scoped += delta;
  const leaf = stack[0];
  self.set(key(leaf), (self.get(key(leaf)) ?? 0) + delta);
  const seen = new Set();
  for (const frame of stack) {
    if (!ours(frame)) continue;
    const k = key(frame);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
  }
  // stack[0] is the leaf; find the innermost asyncsense frame and the frame it called.
  const innermost = stack.findIndex(ours);
  if (innermost > 0) {
    const pair = `${key(stack[innermost])} → ${key(stack[innermost - 1])}`;
    crossings.set(pair, (crossings.get(pair) ?? 0) + delta);
  } else if (innermost === 0) {
    const pair = `${key(stack[0])} (own code)`;
    crossings.set(pair, (crossings.get(pair) ?? 0) + delta);
  }
}

const print = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${ms.toFixed(0).padStart(7)} ms  ${(100 * ms / scoped).toFixed(1).padStart(5)}%  ${k}\n`);
  }
};
process.stdout.write(`profile ${total.toFixed(0)} ms in all; ${scoped.toFixed(0)} ms with ${scope} on the stack\n`);
print('Inclusive time per asyncsense function:', inclusive);
print('asyncsense → callee (innermost asyncsense frame and what it called):', crossings);
print('Self time:', self);
