#!/usr/bin/env node
// Scores a run of scripts/real-code.js against the hand verdicts in real-code/verdicts/*.tsv:
//   node real-code/score.js RUN.txt            precision per rule, and the reports still to judge
//   node real-code/score.js RUN.txt -v         also each judged report that the run no longer makes
//   node real-code/score.js OLD.txt NEW.txt    the reports one run makes and the other does not
// A verdict line is `package@version<TAB>rule<TAB>file:line<TAB>verdict<TAB>reason`, the verdict one
// of true, false, borderline-true, borderline-false; borderline-true counts as true. An optional
// sixth column names the main reason a report is or is not worth it (see CLASSES); the score then
// also says how many reports make a claim that holds: independent operations that each do I/O.
const fs = require('node:fs');
const path = require('node:path');

/** The reports of a run, as keys `spec<TAB>rule<TAB>file:line`. */
function reportsOf(runFile) {
  const keys = [];
  let spec = '';
  for (const line of fs.readFileSync(runFile, 'utf8').split('\n')) {
    const header = /^# (\S+): \d+ finding/u.exec(line);
    if (header) spec = header[1];
    const report = /^## (\S+) (\S+:\d+) /u.exec(line);
    if (report) keys.push(`${spec}\t${report[1]}\t${report[2]}`);
  }
  return keys;
}

/** Why a report is or is not worth it; the first three mean the report's claim is wrong. */
const CLASSES = ['worth-it', 'order-needed', 'in-memory', 'already-limited', 'small-list', 'one-off', 'other'];
const CLAIM_WRONG = new Set(['order-needed', 'in-memory', 'already-limited']);

function verdicts() {
  const dir = path.join(__dirname, 'verdicts');
  const byKey = new Map();
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.tsv')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const [spec, rule, place, verdict, reason, classText] = line.split('\t');
      if (!['true', 'false', 'borderline-true', 'borderline-false'].includes(verdict)) {
        throw new Error(`${file}: unknown verdict in: ${line}`);
      }
      const kind = classText?.split(' ')[0];
      if (kind !== undefined && !CLASSES.includes(kind)) throw new Error(`${file}: unknown class in: ${line}`);
      byKey.set(`${spec}\t${rule}\t${place}`, { verdict, reason, kind, file });
    }
  }
  return byKey;
}

function score(runFile, verbose) {
  const judged = verdicts();
  const reports = reportsOf(runFile);
  const present = new Set(reports);
  const perRule = new Map();
  const unjudged = [];
  for (const key of reports) {
    const rule = key.split('\t')[1];
    const counts = perRule.get(rule) ?? { trueReports: 0, judged: 0, classes: new Map() };
    perRule.set(rule, counts);
    const verdict = judged.get(key);
    if (!verdict) { unjudged.push(key); continue; }
    counts.judged++;
    if (verdict.verdict === 'true' || verdict.verdict === 'borderline-true') counts.trueReports++;
    const kind = verdict.kind ?? 'unclassed';
    counts.classes.set(kind, (counts.classes.get(kind) ?? 0) + 1);
  }
  console.log('| rule | true / judged | precision | not judged |');
  console.log('|---|--:|--:|--:|');
  for (const [rule, { trueReports, judged: n }] of [...perRule].sort()) {
    const open = unjudged.filter((key) => key.split('\t')[1] === rule).length;
    console.log(`| \`${rule}\` | ${trueReports}/${n} | ${n ? Math.round((100 * trueReports) / n) : 0}% | ${open} |`);
  }
  console.log(`\n| rule | claim holds | ${CLASSES.join(' | ')} | unclassed |`);
  console.log(`|---|--:|${CLASSES.map(() => '--:|').join('')}--:|`);
  for (const [rule, { judged: n, classes }] of [...perRule].sort()) {
    const classed = n - (classes.get('unclassed') ?? 0);
    const holds = classed - [...CLAIM_WRONG].reduce((sum, kind) => sum + (classes.get(kind) ?? 0), 0);
    const cells = [...CLASSES, 'unclassed'].map((kind) => classes.get(kind) ?? 0);
    console.log(`| \`${rule}\` | ${holds}/${classed} (${classed ? Math.round((100 * holds) / classed) : 0}%) | ${cells.join(' | ')} |`);
  }
  for (const key of unjudged) console.log(`NOT JUDGED\t${key}`);
  const gone = [...judged].filter(([key]) => !present.has(key) && perRule.has(key.split('\t')[1]));
  const lostTrue = gone.filter(([, v]) => v.verdict === 'true' || v.verdict === 'borderline-true');
  console.log(`\n${gone.length} judged report(s) not made by this run, ${lostTrue.length} of them true`);
  for (const [key, v] of verbose ? gone : lostTrue) console.log(`GONE ${v.verdict}\t${key}\t${v.reason}`);
}

function compare(oldFile, newFile) {
  const before = new Set(reportsOf(oldFile));
  const after = new Set(reportsOf(newFile));
  const judged = verdicts();
  for (const key of before) if (!after.has(key)) console.log(`- ${key}\t${judged.get(key)?.verdict ?? 'not judged'}`);
  for (const key of after) if (!before.has(key)) console.log(`+ ${key}\t${judged.get(key)?.verdict ?? 'not judged'}`);
}

const args = process.argv.slice(2);
const files = args.filter((arg) => !arg.startsWith('-'));
if (files.length === 2) compare(files[0], files[1]);
else if (files.length === 1) score(files[0], args.includes('-v'));
else {
  console.error('usage: node real-code/score.js RUN.txt [-v] | OLD.txt NEW.txt');
  process.exit(2);
}
