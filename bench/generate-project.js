#!/usr/bin/env node
'use strict';
/**
 * Writes a realistic TypeScript service code base of N files for the benchmarks.
 *
 *   node bench/generate-project.js <N> <outDir>
 *
 * The project has a `core` package (types, errors, retry, cache, queue, database and HTTP
 * adapters, collections, metrics) and domain packages (`packages/orders`, `packages/billing`, …),
 * each made of entities with a model, a repository, a service, HTTP handlers, queue workers and
 * utilities. Services import services of other packages. Most code is clean async code (awaited
 * calls, `Promise.all` over tuples, cursor pagination, retries, batches, `void` and `.catch` for
 * fire-and-forget); a small seeded share of the functions (about 5%) carries one anti-pattern that
 * an asyncsense rule reports. What was planted, where, is written to `planted.json`.
 *
 * Each package has its own tsconfig (composite, declarations only, into `.out/`) with project
 * references to the packages it imports from, which never form a cycle; the root tsconfig.json
 * references them all. Output is deterministic for a given N: a seeded PRNG drives every choice.
 * tsconfig.base.json points `typeRoots` at this repository's node_modules/@types, so the project
 * builds with `npx tsc -b <outDir>` wherever outDir is.
 */
const fs = require('node:fs');
const path = require('node:path');

const SEED = 0x5eed2026;
/** Probability that a site able to carry an anti-pattern carries one (about 5% of functions). */
const PLANT_RATE = 0.22;

const RULES = {
  floating: 'asyncsense/no-floating-promises',
  parallel: 'asyncsense/prefer-parallel-awaits',
  loop: 'asyncsense/no-await-in-loop',
  unbounded: 'asyncsense/no-unbounded-concurrency',
  blocking: 'asyncsense/no-blocking-io',
  retry: 'asyncsense/no-non-idempotent-retry',
};

const PACKAGES = [
  ['orders', ['order', 'lineItem', 'fulfillment', 'cart', 'discount', 'orderNote', 'backorder', 'giftCard']],
  ['billing', ['invoice', 'creditNote', 'taxRate', 'ledgerEntry', 'billingCycle', 'dunningNotice', 'usageRecord']],
  ['inventory', ['stockLevel', 'warehouse', 'reservation', 'transfer', 'bin', 'cycleCount', 'supplierOrder']],
  ['shipping', ['shipment', 'parcel', 'carrier', 'label', 'pickup', 'trackingEvent', 'route']],
  ['users', ['user', 'profile', 'session', 'team', 'invitation', 'preference', 'apiKey']],
  ['notifications', ['notification', 'template', 'subscription', 'digest', 'webhook', 'channel', 'deliveryAttempt']],
  ['catalog', ['product', 'variant', 'category', 'brand', 'collection', 'attribute', 'mediaAsset']],
  ['payments', ['payment', 'refund', 'payout', 'dispute', 'paymentMethod', 'settlement', 'chargeback']],
  ['search', ['searchIndex', 'synonym', 'queryLog', 'facet', 'boostRule', 'suggestion', 'crawlJob']],
  ['analytics', ['metricSeries', 'dashboard', 'funnel', 'cohort', 'segment', 'exportJob', 'alertRule']],
  ['accounts', ['account', 'organization', 'membership', 'role', 'auditTrail', 'ssoConnection', 'plan']],
  ['reviews', ['review', 'rating', 'moderationCase', 'reply', 'reviewFlag', 'reviewMedia', 'reviewer']],
  ['returns', ['returnRequest', 'returnLabel', 'inspection', 'restock', 'exchange', 'returnReason', 'rma']],
  ['pricing', ['priceList', 'priceRule', 'promotion', 'coupon', 'bundle', 'currencyRate', 'quote']],
  ['support', ['ticket', 'conversation', 'macro', 'agent', 'slaPolicy', 'escalation', 'satisfaction']],
  ['reports', ['report', 'schedule', 'reportRun', 'dataSource', 'reportWidget', 'snapshot', 'delivery']],
];

const EXTRA_FIELDS = [
  { name: 'currency', type: 'string', column: 'currency', read: "String(row['currency'] ?? 'EUR')", sample: "'EUR'" },
  { name: 'priority', type: 'number', column: 'priority', read: "Number(row['priority'] ?? 0)", sample: '0' },
  { name: 'region', type: 'string', column: 'region', read: "String(row['region'] ?? 'eu-west-1')", sample: "'eu-west-1'" },
  { name: 'externalRef', type: 'string | undefined', column: 'external_ref', read: "row['external_ref'] === null || row['external_ref'] === undefined ? undefined : String(row['external_ref'])", sample: 'undefined' },
  { name: 'version', type: 'number', column: 'version', read: "Number(row['version'] ?? 1)", sample: '1' },
  { name: 'archivedAt', type: 'Date | undefined', column: 'archived_at', read: "row['archived_at'] ? new Date(String(row['archived_at'])) : undefined", sample: 'undefined' },
];

/** The shape of what is generated; a project written with another is generated again. */
const LAYOUT = 3;

const CORE_FILES = ['types', 'errors', 'collections', 'retry', 'logger', 'metrics', 'cache', 'queue', 'db', 'http'];
const UNIT_FILES = ['model', 'repository', 'util', 'service', 'handler', 'worker'];
const { CORE_ADAPTERS } = require('./generator/core-adapters');
const { CORE_CONTRACTS } = require('./generator/core-contracts');
const { mulberry32, pascal, kebab, snake, words } = require('./generator/names');
const { UNIT_DATA } = require('./generator/unit-data');
const { UNIT_IO } = require('./generator/unit-io');
const { UNIT_SERVICE } = require('./generator/unit-service');
const { writeEditTarget, EDIT_TARGET } = require('./generator/edit-target');

const CORE = { ...CORE_CONTRACTS, ...CORE_ADAPTERS };
const UNIT = { ...UNIT_DATA, ...UNIT_SERVICE, ...UNIT_IO };

// ---------------------------------------------------------------------------------------------
// Generation

/** With `editTarget`, also writes the file the editor benchmarks edit (bench/generator/edit-target.js). */
function generate(n, outDir, { editTarget = false } = {}) {
  const minimum = CORE_FILES.length + 1;
  if (!Number.isInteger(n) || n < minimum) throw new Error(`N must be an integer ≥ ${minimum}`);
  const rng = mulberry32(SEED);
  const chance = (p) => rng() < p;
  const pick = (list) => list[Math.floor(rng() * list.length)];

  const files = new Map();
  /** Per package, the packages it imports from besides core: its project references. */
  const references = new Map();
  const referencesOf = (pkg) => {
    if (!references.has(pkg)) references.set(pkg, new Set());
    return references.get(pkg);
  };
  const planted = [];
  let functionCount = 0;
  const fn = (count = 1) => { functionCount += count; };

  // ---- units ---------------------------------------------------------------------------------
  const unitFiles = n - CORE_FILES.length;
  const unitCount = Math.ceil(unitFiles / UNIT_FILES.length);
  const packageCount = Math.max(2, Math.min(PACKAGES.length, Math.ceil(n / 45)));
  const packageOrder = PACKAGES.slice(0, packageCount).map(([pkg]) => pkg);
  const units = [];
  for (let u = 0; u < unitCount; u++) {
    const [pkg, nouns] = PACKAGES[u % packageCount];
    const round = Math.floor(u / packageCount);
    const noun = nouns[round % nouns.length] + (round >= nouns.length ? String(Math.floor(round / nouns.length) + 1) : '');
    const fileCount = Math.min(UNIT_FILES.length, unitFiles - u * UNIT_FILES.length);
    units.push({ index: u, pkg, noun, dir: `packages/${pkg}/src/${kebab(noun)}`, fileCount, complete: fileCount === UNIT_FILES.length });
  }

  // ---- core ----------------------------------------------------------------------------------
  for (const name of CORE_FILES) {
    const { text, functions } = CORE[name]();
    fn(functions);
    files.set(`packages/core/src/${name}.ts`, text);
  }

  // ---- entities ------------------------------------------------------------------------------
  for (const unit of units) {
    const E = pascal(unit.noun);
    const e = unit.noun;
    const label = words(unit.noun);
    const table = `${snake(unit.noun)}s`;
    const topic = kebab(unit.noun);
    const extras = EXTRA_FIELDS.filter(() => chance(0.35));
    // Services of complete units declared earlier in packages before this one: the packages
    // reference each other without a cycle, as project references must.
    const candidates = units.filter((other) => other.index < unit.index && other.complete
      && packageOrder.indexOf(other.pkg) < packageOrder.indexOf(unit.pkg));
    const deps = [];
    const depCount = candidates.length === 0 ? 0 : 1 + (chance(0.5) ? 1 : 0);
    while (deps.length < Math.min(depCount, candidates.length)) {
      const dep = pick(candidates);
      if (!deps.includes(dep)) deps.push(dep);
    }
    for (const dep of deps) referencesOf(unit.pkg).add(dep.pkg);
    const ctx = { unit, E, e, label, table, topic, extras, deps, chance, pick, fn, rng };
    const plant = (site, rule, variants) => {
      if (!chance(PLANT_RATE)) return null;
      const variant = variants ? pick(variants) : rule;
      const ruleId = RULES[variant];
      return { ruleId, variant, site, record(file) { planted.push({ rule: ruleId, file, site }); } };
    };
    ctx.plant = plant;
    for (let f = 0; f < unit.fileCount; f++) {
      const kind = UNIT_FILES[f];
      const file = `${unit.dir}/${kind}.ts`;
      const sitePlants = [];
      ctx.plantHere = (site, rule, variants) => {
        const p = plant(site, rule, variants);
        if (p) sitePlants.push(p);
        return p;
      };
      ctx.hasUtil = unit.fileCount > UNIT_FILES.indexOf('util');
      files.set(file, UNIT[kind](ctx));
      for (const p of sitePlants) p.record(file);
    }
  }

  // ---- write ---------------------------------------------------------------------------------
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const typeRoots = path.relative(outDir, path.join(__dirname, '..', 'node_modules', '@types')).split(path.sep).join('/');
  const base = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ES2022',
      moduleResolution: 'bundler',
      lib: ['ES2022'],
      strict: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [typeRoots],
    },
  };
  writeJson(path.join(outDir, 'tsconfig.base.json'), base);
  const packages = ['core', ...packageOrder];
  let editTargetInfo;
  if (editTarget) {
    const target = writeEditTarget(outDir, units, files);
    editTargetInfo = { file: EDIT_TARGET, lines: target.lines, editLine: target.editLine, crossFile: target.crossFile };
    packages.push('gateway');
    for (const pkg of target.packages) referencesOf('gateway').add(pkg);
  }
  for (const pkg of packages) {
    const refs = pkg === 'core' ? [] : ['core', ...[...referencesOf(pkg)].sort((a, b) => packages.indexOf(a) - packages.indexOf(b))];
    writeJson(path.join(outDir, 'packages', pkg, 'tsconfig.json'), {
      extends: '../../tsconfig.base.json',
      compilerOptions: {
        composite: true, emitDeclarationOnly: true, rootDir: 'src', outDir: `../../.out/${pkg}`, tsBuildInfoFile: `../../.out/${pkg}.tsbuildinfo`,
      },
      include: ['src/**/*.ts'],
      references: refs.map((ref) => ({ path: `../${ref}` })),
    });
  }
  writeJson(path.join(outDir, 'tsconfig.json'), { files: [], references: packages.map((pkg) => ({ path: `packages/${pkg}` })) });
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ name: `bench-project-${n}`, private: true, type: 'module' }, null, 2)}\n`);
  for (const [file, text] of files) {
    const full = path.join(outDir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  const perRule = Object.fromEntries(Object.values(RULES).sort().map((rule) => [rule, 0]));
  for (const p of planted) perRule[p.rule] += 1;
  const summary = {
    layout: LAYOUT,
    n,
    seed: SEED,
    files: files.size,
    packages: packageCount + 1,
    entities: units.length,
    lines: [...files.values()].reduce((sum, text) => sum + text.split('\n').length - 1, 0),
    functions: functionCount,
    plantedFunctions: planted.length,
    plantedShare: Number((planted.length / functionCount).toFixed(4)),
    planted: perRule,
    // typescript-eslint's no-floating-promises reports the same floating statements.
    expectedTypescriptEslintNoFloatingPromises: perRule[RULES.floating],
    sites: planted,
  };
  if (editTargetInfo) summary.editTarget = editTargetInfo;
  fs.writeFileSync(path.join(outDir, 'planted.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}


function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The project of N files in `outDir`, generated unless it is there already in the current layout
 * (and with the edit target when asked for); answers its summary (planted.json).
 */
function ensureProject(n, outDir, options = {}) {
  const plantedFile = path.join(outDir, 'planted.json');
  const summary = fs.existsSync(plantedFile) ? JSON.parse(fs.readFileSync(plantedFile, 'utf8')) : undefined;
  if (summary?.layout === LAYOUT && summary.n === n && (!options.editTarget || summary.editTarget)) return summary;
  return generate(n, outDir, options);
}

// ---------------------------------------------------------------------------------------------

if (require.main === module) {
  const [nArg, outArg] = process.argv.slice(2);
  if (!nArg || !outArg) {
    process.stderr.write('usage: node bench/generate-project.js <N> <outDir>\n');
    process.exit(2);
  }
  const summary = generate(Number(nArg), path.resolve(outArg));
  process.stdout.write(`generated ${summary.files} files (${summary.lines} lines, ${summary.functions} functions) in ${outArg}; `
    + `planted ${summary.plantedFunctions} (${(summary.plantedShare * 100).toFixed(1)}%): ${JSON.stringify(summary.planted)}\n`);
}

module.exports = { generate, ensureProject, RULES };
