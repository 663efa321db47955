/**
 * A JavaScript project in CommonJS, type-checked with `checkJs`: the worker requires its helpers,
 * one through an index that passes it on with `module.exports`, the others exported as CommonJS
 * modules write it. The engine and ESLint must both find each effect where the helper makes it.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import asyncsense from 'eslint-plugin-asyncsense';
import { runRules } from 'eslint-plugin-asyncsense/engine';
import { programForProject, sourceFileOf, writeTempProject } from './temp-project';

const RULE = 'no-non-idempotent-retry';

const FILES = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { allowJs: true, checkJs: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'] },
    include: ['**/*.js'],
  }),
  'worker.js': [
    "const { Worker } = require('bullmq');",
    "const { chargeCard, formatReceipt } = require('./payments');",
    "const refunds = require('./refund');",
    "const { Ledger } = require('./ledger');",
    '',
    "exports.charges = new Worker('charges', async (job) => {",
    '  console.log(formatReceipt(job.data.amount));',
    '  await chargeCard(job.data.amount);',
    '  await refunds.refundCard(job.data.amount);',
    '  await new Ledger().book(job.data.amount);',
    "}, { connection: { host: 'localhost' } });",
    '',
  ].join('\n'),
  'payments.js': "const { chargeCard } = require('./charge');\nconst { formatReceipt } = require('./receipt');\n\nmodule.exports = { chargeCard, formatReceipt };\n",
  'charge.js': [
    '/** @param {number} amount */',
    'exports.chargeCard = async function chargeCard(amount) {',
    "  await fetch('https://pay.example/charges', { method: 'POST', body: String(amount) });",
    '};',
    '',
  ].join('\n'),
  'refund.js': [
    '/** @param {number} amount */',
    'async function refundCard(amount) {',
    "  await fetch('https://pay.example/refunds', { method: 'POST', body: String(amount) });",
    '}',
    '',
    'module.exports.refundCard = refundCard;',
    '',
  ].join('\n'),
  'ledger.js': [
    'function Ledger() {}',
    '/** @param {number} amount */',
    'Ledger.prototype.book = async function (amount) {',
    "  await fetch('https://ledger.example/entries', { method: 'POST', body: String(amount) });",
    '};',
    '',
    'module.exports = { Ledger };',
    '',
  ].join('\n'),
  'receipt.js': [
    '/** @param {number} amount */',
    'exports.formatReceipt = function formatReceipt(amount) {',
    '  return `Charged ${amount}`;',
    '};',
    '',
    '/** Posted once, from the admin page, which no queue runs. @param {string} body */',
    'exports.postNote = async function postNote(body) {',
    "  await fetch('https://pay.example/notes', { method: 'POST', body });",
    '};',
    '',
  ].join('\n'),
};

/** `exports.x = function`, `module.exports.x = x`, a prototype method, and `module.exports = { x }` through an index. */
const EXPECTED = ['charge.js:3', 'ledger.js:4', 'refund.js:3'];

describe('a CommonJS project checked with checkJs', () => {
  const dir = writeTempProject('commonjs-project', FILES);

  it('through the engine, reports the POSTs of the helpers the worker requires, directly or through an index, whatever their export style, and nothing else', () => {
    const program = programForProject(dir);
    const found = Object.keys(FILES).filter((name) => name.endsWith('.js')).flatMap((name) => {
      const sourceFile = sourceFileOf(program, path.join(dir, name));
      return runRules(sourceFile, program, { rules: { [RULE]: 'warn' } }).findings
        .map((finding) => `${name}:${sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1}`);
    });
    assert.deepEqual(found.sort(), EXPECTED);
  });

  it('through ESLint, the same', async () => {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.js'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
        { files: ['**/*.js'], plugins: { asyncsense: asyncsense as unknown as ESLint.Plugin }, rules: { [`asyncsense/${RULE}`]: 'warn' } },
      ],
    });
    const results = await eslint.lintFiles(['*.js']);
    const found = results.flatMap((result) => result.messages.map((message) =>
      `${path.basename(result.filePath)}:${message.line}${message.ruleId === `asyncsense/${RULE}` ? '' : ` ${message.message}`}`));
    assert.deepEqual(found.sort(), EXPECTED);
  });
});
