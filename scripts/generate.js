#!/usr/bin/env node
// Writes what is derived from rule metadata: the README rule table and the per-rule schema of the
// `asyncsense.rules` setting in package.json; and the option paragraphs that several rule docs
// share, from scripts/doc-parts. `--check` writes nothing and exits 1 when stale.
const fs = require('node:fs');
const path = require('node:path');
const { rules, ruleDocsUrl } = require('eslint-plugin-asyncsense/engine');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const BEGIN = '<!-- begin rule table (npm run generate) -->';
const END = '<!-- end rule table -->';

function ruleTable() {
  const rows = rules.map((rule) => {
    const fixes = `${rule.meta.fixable ? '🔧' : ''}${rule.meta.hasSuggestions ? '💡' : ''}`;
    return `| [\`${rule.id}\`](rules/${rule.id}.md) | ${rule.meta.description} | ${rule.meta.recommended ? '✅' : ''} | ${fixes} |`;
  });
  return [BEGIN, '| Rule | What it reports | Recommended | Fixes |', '| --- | --- | :---: | :---: |', ...rows, END].join('\n');
}

function readmeWithTable(text) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md lacks the markers ${BEGIN} … ${END}`);
  return text.slice(0, start) + ruleTable() + text.slice(end + END.length);
}

function ruleSettingSchema(rule) {
  const severity = { type: 'string', enum: ['off', 'warn', 'error'] };
  return {
    markdownDescription: `${rule.meta.description} [Documentation](${ruleDocsUrl(rule.id)})`,
    default: rule.meta.recommended ? 'warn' : 'off',
    oneOf: [
      severity,
      { type: 'array', items: [severity, ...rule.meta.schema], minItems: 1, maxItems: 1 + rule.meta.schema.length },
    ],
  };
}

function manifestWithSchema(text) {
  const manifest = JSON.parse(text);
  const setting = manifest.contributes?.configuration?.properties?.['asyncsense.rules'];
  if (!setting) throw new Error('package.json lacks contributes.configuration.properties["asyncsense.rules"]');
  setting.properties = Object.fromEntries(rules.map((rule) => [rule.id, ruleSettingSchema(rule)]));
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Option paragraphs written once for every rule that has the option: the list item in a rule's
 * doc that names the option as the part does (``- `checkTestFiles` (default `false`):``) runs
 * until the next item, a blank line or a heading, and is replaced whole, its first line too.
 */
const DOC_PARTS = ['check-test-files.md', 'check-scripts.md']
  .map((name) => fs.readFileSync(path.join(root, 'scripts', 'doc-parts', name), 'utf8').trimEnd().split('\n'));

function docWithParts(text) {
  const lines = text.split('\n');
  for (const part of DOC_PARTS) {
    const lead = part[0].slice(0, part[0].indexOf('):') + 2);
    const start = lines.findIndex((line) => line.startsWith(lead));
    if (start < 0) continue;
    let end = start + 1;
    while (end < lines.length && /^ {2}\S/u.test(lines[end])) end++;
    lines.splice(start, end - start, ...part);
  }
  return lines.join('\n');
}

const ruleDocs = rules.map((rule) => [path.join('rules', `${rule.id}.md`), docWithParts]);

let stale = 0;
for (const [file, update] of [['README.md', readmeWithTable], ['package.json', manifestWithSchema], ...ruleDocs]) {
  const full = path.join(root, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = update(before);
  if (before === after) continue;
  if (check) {
    console.error(`${file} is out of date with the rule metadata or scripts/doc-parts: run npm run generate`);
    stale++;
  } else {
    fs.writeFileSync(full, after);
    console.log(`wrote ${file}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
