#!/usr/bin/env node
// Writes what is derived from rule metadata: the README rule table and the per-rule schema of the
// `asyncsense.rules` setting in package.json. `--check` writes nothing and exits 1 when stale.
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

let stale = 0;
for (const [file, update] of [['README.md', readmeWithTable], ['package.json', manifestWithSchema]]) {
  const full = path.join(root, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = update(before);
  if (before === after) continue;
  if (check) {
    console.error(`${file} is out of date with the rule metadata: run npm run generate`);
    stale++;
  } else {
    fs.writeFileSync(full, after);
    console.log(`wrote ${file}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
