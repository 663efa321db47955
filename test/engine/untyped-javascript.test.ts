import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runRules } from 'eslint-plugin-asyncsense/engine';
import ts from 'typescript';
import { REPO_ROOT } from '../helpers/fixtures';

/**
 * A JavaScript project whose packages have no types: only Node's are installed, so `express`,
 * `bullmq` and the like resolve to nothing, and the handler model knows them by name alone.
 */
function findings(text: string, rule: string, name = 'server.js'): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncsense-untyped-'));
  fs.mkdirSync(path.join(dir, 'node_modules', '@types'), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', '@types', 'node'), path.join(dir, 'node_modules', '@types', 'node'), 'dir');
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const program = ts.createProgram({
    rootNames: [file],
    options: { allowJs: true, checkJs: false, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: ['node'] },
  });
  const sourceFile = program.getSourceFile(file)!;
  return runRules(sourceFile, program, { rules: { [rule]: 'warn' } }).findings.map((finding) => finding.message.slice(0, 60));
}

describe('handlers in untyped JavaScript, by name', () => {
  it('finds an Express route handler of an app made from require("express")', () => {
    const text = `const express = require('express');
const fs = require('node:fs');
const app = express();
const router = express.Router();
app.get('/settings', (req, res) => { res.send(fs.readFileSync('./settings.json', 'utf8')); });
router.post('/upload', (req, res) => { fs.writeFileSync('./upload.bin', req.body); res.end(); });
module.exports = { app, router };
`;
    assert.deepEqual(findings(text, 'no-blocking-io'), [
      '`readFileSync` blocks the event loop in an Express route han',
      '`writeFileSync` blocks the event loop in an Express route ha',
    ]);
  });

  it('finds a BullMQ processor of a Worker destructured from require("bullmq")', () => {
    const text = `const { Worker } = require('bullmq');
module.exports = new Worker('mail', async (job) => {
  await fetch('https://mail.example/send', { method: 'POST', body: job.data.to });
});
`;
    assert.deepEqual(findings(text, 'no-non-idempotent-retry'), ['A POST request in a BullMQ processor has no idempotency guar']);
  });

  it("does not take the same names on the project's own modules or on other packages for handlers", () => {
    const text = `const store = require('./store');
const cache = require('lru-cache');
const fs = require('node:fs');
store.get('/settings', () => fs.readFileSync('./settings.json', 'utf8'));
cache.get('/settings', () => fs.readFileSync('./settings.json', 'utf8'));
`;
    assert.deepEqual(findings(text, 'no-blocking-io'), []);
  });

  it('does not match by name in TypeScript, where a handler is known by its types', () => {
    const text = `// @ts-nocheck
const express = require('express');
const fs = require('node:fs');
const app = express();
app.get('/settings', (req, res) => { res.send(fs.readFileSync('./settings.json', 'utf8')); });
export {};
`;
    assert.deepEqual(findings(text, 'no-blocking-io', 'server.ts'), []);
  });
});
