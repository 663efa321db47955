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
 * Output is deterministic for a given N: a seeded PRNG drives every choice. The tsconfig.json
 * points `typeRoots` at this repository's node_modules/@types, so the project type-checks with
 * `npx tsc -p <outDir>` wherever outDir is.
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

const CORE_FILES = ['types', 'errors', 'collections', 'retry', 'logger', 'metrics', 'cache', 'queue', 'db', 'http'];
const UNIT_FILES = ['model', 'repository', 'util', 'service', 'handler', 'worker'];

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Names

const pascal = (camel) => camel[0].toUpperCase() + camel.slice(1);
const kebab = (camel) => camel.replace(/[A-Z0-9]+/g, (m) => `-${m.toLowerCase()}`);
const snake = (camel) => camel.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`);
const words = (camel) => kebab(camel).replace(/-/g, ' ');

// ---------------------------------------------------------------------------------------------
// Generation

function generate(n, outDir) {
  const minimum = CORE_FILES.length + 1;
  if (!Number.isInteger(n) || n < minimum) throw new Error(`N must be an integer ≥ ${minimum}`);
  const rng = mulberry32(SEED);
  const chance = (p) => rng() < p;
  const pick = (list) => list[Math.floor(rng() * list.length)];

  const files = new Map();
  const planted = [];
  let functionCount = 0;
  const fn = (count = 1) => { functionCount += count; };

  // ---- units ---------------------------------------------------------------------------------
  const unitFiles = n - CORE_FILES.length;
  const unitCount = Math.ceil(unitFiles / UNIT_FILES.length);
  const packageCount = Math.max(2, Math.min(PACKAGES.length, Math.ceil(n / 45)));
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
    // Services of complete units in other packages, declared earlier.
    const candidates = units.filter((other) => other.index < unit.index && other.complete && other.pkg !== unit.pkg);
    const deps = [];
    const depCount = candidates.length === 0 ? 0 : 1 + (chance(0.5) ? 1 : 0);
    while (deps.length < Math.min(depCount, candidates.length)) {
      const dep = pick(candidates);
      if (!deps.includes(dep)) deps.push(dep);
    }
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
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ES2022',
      moduleResolution: 'bundler',
      lib: ['ES2022'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [typeRoots],
    },
    include: ['packages/**/*.ts'],
  };
  fs.writeFileSync(path.join(outDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ name: `bench-project-${n}`, private: true, type: 'module' }, null, 2)}\n`);
  for (const [file, text] of files) {
    const full = path.join(outDir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  const perRule = Object.fromEntries(Object.values(RULES).sort().map((rule) => [rule, 0]));
  for (const p of planted) perRule[p.rule] += 1;
  const summary = {
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
  fs.writeFileSync(path.join(outDir, 'planted.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Core package

const CORE = {
  types: () => ({ functions: 0, text: `export interface QueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export interface Transaction extends Queryable {
  readonly id: string;
}

export interface Db extends Queryable {
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface Message {
  readonly id: string;
  readonly topic: string;
  readonly body: unknown;
  readonly attempts: number;
  ack(): Promise<void>;
  nack(delaySeconds?: number): Promise<void>;
}

export type MessageHandler = (message: Message) => Promise<void>;

export interface Queue {
  publish(topic: string, body: unknown): Promise<void>;
  subscribe(topic: string, handler: MessageHandler): void;
}

export interface HttpClient {
  get<T>(url: string): Promise<T>;
  post<T>(url: string, body: unknown): Promise<T>;
}

export interface RequestContext {
  readonly requestId: string;
  readonly tenant: string;
  readonly userId?: string;
  readonly logger: Logger;
}

export interface HttpRequest {
  readonly params: Record<string, string | undefined>;
  readonly query: Record<string, string | undefined>;
  readonly body: unknown;
  readonly ctx: RequestContext;
}

export interface HttpResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handle: (request: HttpRequest) => Promise<HttpResponse>;
}
` }),

  errors: () => ({ functions: 6, text: `import type { HttpResponse } from './types';

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'HttpError';
  }
}

export class NotFoundError extends HttpError {
  constructor(what: string, id: string) {
    super(404, \`\${what} \${id} not found\`);
    this.name = 'NotFoundError';
  }
}

export class ValidationError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, message, details);
    this.name = 'ValidationError';
  }
}

export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, message);
    this.name = 'ConflictError';
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}

export function toErrorResponse(error: unknown): HttpResponse {
  if (isHttpError(error)) {
    return { status: error.status, body: { error: error.message, details: error.details } };
  }
  return { status: 500, body: { error: 'internal error' } };
}
` }),

  collections: () => ({ functions: 6, text: `export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

export function groupBy<T, K extends string>(items: readonly T[], keyOf: (item: T) => K): Record<K, T[]> {
  const groups = {} as Record<K, T[]>;
  for (const item of items) {
    const key = keyOf(item);
    (groups[key] ??= []).push(item);
  }
  return groups;
}

export function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sumBy<T>(items: readonly T[], valueOf: (item: T) => number): number {
  return items.reduce((sum, item) => sum + valueOf(item), 0);
}

export function readIds(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !('ids' in body)) return [];
  const ids = (body as { ids: unknown }).ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export function readString(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
` }),

  retry: () => ({ functions: 3, text: `import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly shouldRetry?: (error: unknown) => boolean;
}

export async function retry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 100;
  let lastError: unknown = new Error('retry: no attempt was made');
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await work();
    } catch (error) {
      lastError = error;
      if (options.shouldRetry && !options.shouldRetry(error)) break;
      await sleep(baseDelayMs * 2 ** attempt);
    }
  }
  throw lastError;
}

export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(\`\${what} timed out after \${ms} ms\`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function pause(ms: number): Promise<void> {
  await sleep(ms);
}
` }),

  logger: () => ({ functions: 7, text: `import type { LogFields, Logger } from './types';

type Level = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(name: string, minimum: Level = 'info', base: LogFields = {}): Logger {
  const write = (level: Level, message: string, fields?: LogFields): void => {
    if (LEVELS[level] < LEVELS[minimum]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, name, message, ...base, ...fields });
    if (level === 'error' || level === 'warn') process.stderr.write(\`\${line}\\n\`);
    else process.stdout.write(\`\${line}\\n\`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger(name, minimum, { ...base, ...fields }),
  };
}

export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}
` }),

  metrics: () => ({ functions: 5, text: `import { performance } from 'node:perf_hooks';

const histograms = new Map<string, number[]>();
const counters = new Map<string, number>();

export function observe(name: string, value: number): void {
  const values = histograms.get(name) ?? [];
  values.push(value);
  if (values.length > 1000) values.shift();
  histograms.set(name, values);
}

export function increment(name: string, by = 1): void {
  counters.set(name, (counters.get(name) ?? 0) + by);
}

export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    observe(name, performance.now() - started);
  }
}

export function percentile(name: string, p: number): number | undefined {
  const values = [...(histograms.get(name) ?? [])].sort((a, b) => a - b);
  if (values.length === 0) return undefined;
  return values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
}

export function snapshot(): Record<string, number> {
  return Object.fromEntries(counters);
}
` }),

  cache: () => ({ functions: 5, text: `import type { Cache } from './types';

interface Entry {
  readonly value: unknown;
  readonly expiresAt: number;
}

export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 10_000) {}

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  async set<T>(key: string, value: T, ttlSeconds = 300): Promise<void> {
    if (this.entries.size >= this.maxEntries) this.evictOldest();
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}
` }),

  queue: () => ({ functions: 4, text: `import { randomUUID } from 'node:crypto';
import type { Message, MessageHandler, Queue } from './types';

export class MemoryQueue implements Queue {
  private readonly handlers = new Map<string, MessageHandler>();
  private readonly dead: Message[] = [];

  async publish(topic: string, body: unknown): Promise<void> {
    const handler = this.handlers.get(topic);
    if (!handler) return;
    const message = this.createMessage(topic, body, 1);
    await handler(message);
  }

  subscribe(topic: string, handler: MessageHandler): void {
    if (this.handlers.has(topic)) throw new Error(\`\${topic} already has a subscriber\`);
    this.handlers.set(topic, handler);
  }

  deadLetters(): readonly Message[] {
    return this.dead;
  }

  private createMessage(topic: string, body: unknown, attempts: number): Message {
    const dead = this.dead;
    const message: Message = {
      id: randomUUID(),
      topic,
      body,
      attempts,
      ack: async () => undefined,
      nack: async () => {
        dead.push(message);
      },
    };
    return message;
  }
}
` }),

  db: () => ({ functions: 4, text: `import { randomUUID } from 'node:crypto';
import type { Db, QueryResult, Transaction } from './types';

export interface PoolClient {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
  release(error?: Error): void;
}

export interface Pool {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
  connect(): Promise<PoolClient>;
}

function toResult<Row>(raw: { rows: unknown[]; rowCount: number | null }): QueryResult<Row> {
  return { rows: raw.rows as Row[], rowCount: raw.rowCount ?? raw.rows.length };
}

export function createDb(pool: Pool): Db {
  return {
    async query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      return toResult<Row>(await pool.query(sql, params));
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const tx: Transaction = {
        id: randomUUID(),
        query: async <Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) =>
          toResult<Row>(await client.query(sql, params)),
      };
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
  };
}
` }),

  http: () => ({ functions: 3, text: `import type { HttpClient } from './types';
import { HttpError } from './errors';
import { retry } from './retry';

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly headers?: Record<string, string>;
  readonly attempts?: number;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const request = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(url, options.baseUrl), {
      method,
      headers: { 'content-type': 'application/json', ...options.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new HttpError(response.status, \`\${method} \${url} failed\`);
    return (await response.json()) as T;
  };
  return {
    get: <T>(url: string) => retry(() => request<T>('GET', url), { attempts: options.attempts ?? 3 }),
    post: <T>(url: string, body: unknown) => request<T>('POST', url, body),
  };
}
` }),
};

// ---------------------------------------------------------------------------------------------
// Entity files

const CORE_IMPORT = '../../../core/src';
const depImport = (dep, kind) => `../../../${dep.pkg}/src/${kebab(dep.noun)}/${kind}`;
const depField = (dep) => `${dep.noun}Service`;

const UNIT = {
  model({ E, e, label, extras, fn }) {
    fn(3);
    const fields = extras.map((x) => `  ${x.name}: ${x.type};\n`).join('');
    const reads = extras.map((x) => `    ${x.name}: ${x.read},\n`).join('');
    return `import { ValidationError } from '${CORE_IMPORT}/errors';

export type ${E}Status = 'pending' | 'active' | 'suspended' | 'archived';

export interface ${E} {
  readonly id: string;
  readonly tenant: string;
  readonly ownerId: string;
  status: ${E}Status;
  amount: number;
  tags: string[];
${fields}  readonly createdAt: Date;
  updatedAt: Date;
}

export interface ${E}Input {
  readonly tenant: string;
  readonly ownerId: string;
  readonly amount: number;
  readonly tags?: readonly string[];
}

export interface ${E}Overview {
  readonly ${e}: ${E};
  readonly ownerTotal: number;
  readonly related: number;
}

const STATUSES: readonly ${E}Status[] = ['pending', 'active', 'suspended', 'archived'];

export function is${E}Status(value: string): value is ${E}Status {
  return (STATUSES as readonly string[]).includes(value);
}

export function to${E}(row: Record<string, unknown>): ${E} {
  const status = String(row['status'] ?? 'pending');
  return {
    id: String(row['id']),
    tenant: String(row['tenant']),
    ownerId: String(row['owner_id']),
    status: is${E}Status(status) ? status : 'pending',
    amount: Number(row['amount'] ?? 0),
    tags: Array.isArray(row['tags']) ? row['tags'].map(String) : [],
${reads}    createdAt: new Date(String(row['created_at'])),
    updatedAt: new Date(String(row['updated_at'])),
  };
}

export function validate${E}Input(tenant: string, body: unknown): ${E}Input {
  if (typeof body !== 'object' || body === null) throw new ValidationError('${label}: body must be an object');
  const { ownerId, amount, tags } = body as Record<string, unknown>;
  if (typeof ownerId !== 'string' || ownerId.length === 0) throw new ValidationError('${label}: ownerId is required');
  if (typeof amount !== 'number' || !Number.isFinite(amount)) throw new ValidationError('${label}: amount must be a number');
  const tagList = Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
  return { tenant, ownerId, amount, tags: tagList };
}
`;
  },

  repository({ E, e, table, fn, chance }) {
    fn(7);
    const order = chance(0.5) ? 'id' : 'created_at, id';
    return `import type { Db, Page, Queryable, Transaction } from '${CORE_IMPORT}/types';
import { to${E}, type ${E}, type ${E}Input, type ${E}Status } from './model';

const TABLE = '${table}';
const PAGE_SIZE = ${chance(0.5) ? 100 : 250};

export class ${E}Repository {
  constructor(private readonly db: Db) {}

  async findById(id: string): Promise<${E} | undefined> {
    const result = await this.db.query(\`SELECT * FROM \${TABLE} WHERE id = $1\`, [id]);
    const row = result.rows[0];
    return row ? to${E}(row) : undefined;
  }

  async listPage(tenant: string, cursor?: string, limit = PAGE_SIZE): Promise<Page<${E}>> {
    const result = await this.db.query(
      \`SELECT * FROM \${TABLE} WHERE tenant = $1 AND id > $2 ORDER BY ${order} LIMIT $3\`,
      [tenant, cursor ?? '', limit + 1],
    );
    const items = result.rows.slice(0, limit).map(to${E});
    const last = items[items.length - 1];
    return { items, next: result.rows.length > limit && last ? last.id : undefined };
  }

  async listByOwner(ownerId: string): Promise<${E}[]> {
    const result = await this.db.query(\`SELECT * FROM \${TABLE} WHERE owner_id = $1\`, [ownerId]);
    return result.rows.map(to${E});
  }

  async countByStatus(tenant: string, status: ${E}Status): Promise<number> {
    const result = await this.db.query<{ count: string }>(
      \`SELECT count(*) AS count FROM \${TABLE} WHERE tenant = $1 AND status = $2\`,
      [tenant, status],
    );
    return Number(result.rows[0]?.count ?? 0);
  }

  async insert(input: ${E}Input, tx?: Transaction): Promise<${E}> {
    const runner: Queryable = tx ?? this.db;
    const result = await runner.query(
      \`INSERT INTO \${TABLE} (tenant, owner_id, amount, tags, status) VALUES ($1, $2, $3, $4, 'pending') RETURNING *\`,
      [input.tenant, input.ownerId, input.amount, input.tags ?? []],
    );
    const row = result.rows[0];
    if (!row) throw new Error(\`insert into \${TABLE} returned no row\`);
    return to${E}(row);
  }

  async updateStatus(id: string, status: ${E}Status, tx?: Transaction): Promise<boolean> {
    const runner: Queryable = tx ?? this.db;
    const result = await runner.query(\`UPDATE \${TABLE} SET status = $2, updated_at = now() WHERE id = $1\`, [id, status]);
    return result.rowCount > 0;
  }

  async remove(${e}Id: string): Promise<boolean> {
    const result = await this.db.query(\`DELETE FROM \${TABLE} WHERE id = $1\`, [${e}Id]);
    return result.rowCount > 0;
  }
}
`;
  },

  util({ E, e, label, fn, chance }) {
    fn(5);
    const threshold = chance(0.5) ? 1000 : 250;
    return `import { groupBy, sumBy } from '${CORE_IMPORT}/collections';
import { withTimeout } from '${CORE_IMPORT}/retry';
import type { ${E}, ${E}Status } from './model';

export function ${e}CacheKey(id: string): string {
  return \`${kebab(e)}:\${id}\`;
}

export function format${E}(${e}: ${E}): Record<string, unknown> {
  return {
    id: ${e}.id,
    status: ${e}.status,
    amount: Math.round(${e}.amount * 100) / 100,
    tags: [...${e}.tags].sort(),
    createdAt: ${e}.createdAt.toISOString(),
    updatedAt: ${e}.updatedAt.toISOString(),
  };
}

export function summarize${E}s(items: readonly ${E}[]): { total: number; large: number; byStatus: Record<${E}Status, number> } {
  const groups = groupBy(items, (item) => item.status);
  const byStatus = { pending: 0, active: 0, suspended: 0, archived: 0 };
  for (const status of Object.keys(groups) as ${E}Status[]) {
    byStatus[status] = groups[status].length;
  }
  return { total: sumBy(items, (item) => item.amount), large: items.filter((item) => item.amount > ${threshold}).length, byStatus };
}

export function isStale${E}(${e}: ${E}, now: Date, maxAgeDays: number): boolean {
  return now.getTime() - ${e}.updatedAt.getTime() > maxAgeDays * 24 * 60 * 60 * 1000;
}

export async function load${E}WithTimeout<T>(work: Promise<T>, ms = ${chance(0.5) ? 2000 : 5000}): Promise<T> {
  return withTimeout(work, ms, '${label} lookup');
}
`;
  },

  service(ctx) {
    const { E, e, label, table, topic, deps, fn, chance, plantHere, hasUtil } = ctx;
    const depImports = deps.map((dep) => `import type { ${pascal(dep.noun)}Service } from '${depImport(dep, 'service')}';\n`).join('');
    const depParams = deps.map((dep) => `    private readonly ${depField(dep)}: ${pascal(dep.noun)}Service,\n`).join('');
    const owner = deps[0];
    const cacheKey = hasUtil ? `${e}CacheKey(id)` : `\`${kebab(e)}:\${id}\``;
    const methods = [];

    // get: cache then repository; fire-and-forget cache write.
    fn();
    {
      const p = plantHere('get', null, ['floating']);
      let store;
      if (p) store = chance(0.5)
        ? `    this.cache.set(key, found, 60);`
        : `    this.cache.set(key, found, 60).then(() => this.logger.debug('${label} cached', { id }));`;
      else store = chance(0.5)
        ? `    void this.cache.set(key, found, 60);`
        : `    this.cache.set(key, found, 60).catch((error: unknown) => this.logger.warn('${label} cache write failed', errorFields(error)));`;
      methods.push(`  async get(id: string): Promise<${E}> {
    const key = ${cacheKey};
    const cached = await this.cache.get<${E}>(key);
    if (cached) return cached;
    const found = await this.repo.findById(id);
    if (!found) throw new NotFoundError('${label}', id);
${store}
    return found;
  }`);
    }

    // listAll: cursor pagination.
    fn();
    methods.push(`  async listAll(tenant: string): Promise<${E}[]> {
    const all: ${E}[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.repo.listPage(tenant, cursor);
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return all;
  }`);

    fn();
    methods.push(`  countActive(tenant: string): Promise<number> {
    return this.repo.countByStatus(tenant, 'active');
  }`);

    // overview: dependent first read, then independent reads together.
    fn();
    {
      const p = plantHere('overview', 'parallel');
      const second = owner
        ? `this.${depField(owner)}.countActive(${e}.tenant)`
        : `this.countActive(${e}.tenant)`;
      const body = p
        ? `    const owned = await this.repo.listByOwner(${e}.ownerId);
    const related = await ${second};`
        : `    const [owned, related] = await Promise.all([
      this.repo.listByOwner(${e}.ownerId),
      ${second},
    ]);`;
      methods.push(`  async overview(id: string): Promise<${E}Overview> {
    const ${e} = await this.get(id);
${body}
    return { ${e}, ownerTotal: owned.length, related };
  }`);
    }

    // create: validation read, transaction, published events.
    fn();
    {
      const p = plantHere('create', null, ['floating']);
      const ownerCheck = owner
        ? `    const ownerCount = await this.${depField(owner)}.countActive(input.tenant);
    if (ownerCount > ${chance(0.5) ? 10_000 : 50_000}) throw new ConflictError('${label}: tenant is over its quota');\n`
        : '';
      let event;
      if (p) event = chance(0.5)
        ? `    this.queue.publish('${topic}.indexed', { id: created.id });`
        : `    this.queue.publish('${topic}.indexed', { id: created.id }).then(() => this.logger.debug('${label} indexed', { id: created.id }));`;
      else event = chance(0.5)
        ? `    void this.queue.publish('${topic}.indexed', { id: created.id });`
        : `    this.queue.publish('${topic}.indexed', { id: created.id }).catch((error: unknown) => this.logger.warn('${label} index event lost', errorFields(error)));`;
      methods.push(`  async create(input: ${E}Input): Promise<${E}> {
${ownerCheck}    const created = await this.db.transaction(async (tx) => {
      const row = await this.repo.insert(input, tx);
      await tx.query('INSERT INTO audit_log (entity, entity_id, action) VALUES ($1, $2, $3)', ['${table}', row.id, 'create']);
      return row;
    });
    await this.queue.publish('${topic}.created', { id: created.id, tenant: created.tenant });
${event}
    this.logger.info('${label} created', { id: created.id });
    return created;
  }`);
    }

    // refreshMany: work for a list of ids.
    fn();
    {
      const p = plantHere('refreshMany', null, ['loop', 'unbounded']);
      let body;
      if (p && p.variant === 'loop') body = `    const found = new Map<string, ${E}>();
    for (const id of ids) {
      const ${e} = await this.repo.findById(id);
      if (${e}) found.set(id, ${e});
    }
    return found.size;`;
      else if (p) body = `    const found = await Promise.all(ids.map(async (id) => this.repo.findById(id)));
    return found.filter((${e}) => ${e} !== undefined).length;`;
      else if (chance(0.5)) body = `    let refreshed = 0;
    for (const batch of chunk(ids, BATCH_SIZE)) {
      const found = await Promise.all(batch.map((id) => this.repo.findById(id)));
      refreshed += found.filter((${e}) => ${e} !== undefined).length;
    }
    return refreshed;`;
      else body = `    let refreshed = 0;
    for (let start = 0; start < ids.length; start += BATCH_SIZE) {
      const found = await Promise.all(ids.slice(start, start + BATCH_SIZE).map((id) => this.repo.findById(id)));
      refreshed += found.filter((${e}) => ${e} !== undefined).length;
    }
    return refreshed;`;
      methods.push(`  async refreshMany(ids: readonly string[]): Promise<number> {
${body}
  }`);
    }

    // sync: retry around an HTTP call.
    fn();
    methods.push(`  async syncExternal(id: string): Promise<boolean> {
    const ${e} = await this.get(id);
    const result = await retry(
      () => this.http.post<{ accepted: boolean }>('/sync/${kebab(e)}s', format(${e})),
      { attempts: ${chance(0.5) ? 3 : 5}, shouldRetry: (error) => !(error instanceof NotFoundError) },
    );
    return result.accepted;
  }`);

    // archiveStale: pagination with one transaction per page.
    fn();
    methods.push(`  async archiveStale(tenant: string, before: Date): Promise<number> {
    let cursor: string | undefined;
    let archived = 0;
    do {
      const page = await this.repo.listPage(tenant, cursor);
      const stale = page.items.filter((${e}) => ${e}.updatedAt < before && ${e}.status !== 'archived');
      if (stale.length > 0) {
        await this.db.transaction(async (tx) => {
          for (const ${e} of stale) {
            await tx.query(\`UPDATE ${table} SET status = 'archived' WHERE id = $1\`, [${e}.id]);
          }
        });
        archived += stale.length;
      }
      cursor = page.next;
    } while (cursor);
    return archived;
  }`);

    if (chance(0.5)) {
      fn();
      methods.push(`  async firstHealthyRegion(regions: readonly string[]): Promise<string | undefined> {
    for (const region of regions) {
      const health = await this.http.get<{ ok: boolean }>(\`https://\${region}.${kebab(e)}s.internal/health\`);
      if (health.ok) return region;
    }
    return undefined;
  }`);
    }

    // scheduleReindex: a synchronous caller that starts work it does not wait for.
    fn();
    {
      const p = plantHere('scheduleReindex', 'floating');
      const call = `this.queue.publish('search.reindex', { entity: '${table}', id })`;
      const line = p ? `    ${call};` : chance(0.5) ? `    void ${call};` : `    ${call}.catch((error: unknown) => this.logger.warn('reindex not scheduled', errorFields(error)));`;
      methods.push(`  scheduleReindex(id: string): void {
${line}
  }`);
    }

    const formatImport = hasUtil ? `import { format${E} as format, ${e}CacheKey } from './util';\n` : '';
    const formatFn = hasUtil ? '' : `\nfunction format(${e}: ${E}): Record<string, unknown> {\n  return { id: ${e}.id, status: ${e}.status, amount: ${e}.amount };\n}\n`;
    if (!hasUtil) fn();
    return `import type { Cache, Db, HttpClient, Logger, Queue } from '${CORE_IMPORT}/types';
import { ConflictError, NotFoundError } from '${CORE_IMPORT}/errors';
import { chunk } from '${CORE_IMPORT}/collections';
import { errorFields } from '${CORE_IMPORT}/logger';
import { retry } from '${CORE_IMPORT}/retry';
import type { ${E}, ${E}Input, ${E}Overview } from './model';
import type { ${E}Repository } from './repository';
${formatImport}${depImports}
const BATCH_SIZE = ${chance(0.5) ? 20 : 50};
${formatFn}
export class ${E}Service {
  constructor(
    private readonly repo: ${E}Repository,
    private readonly db: Db,
    private readonly cache: Cache,
    private readonly queue: Queue,
    private readonly http: HttpClient,
    private readonly logger: Logger,
${depParams}  ) {}

${methods.join('\n\n')}
}
`;
  },

  handler(ctx) {
    const { E, e, label, fn, chance, plantHere, hasUtil } = ctx;
    fn(8);
    const route = `/${kebab(e)}s`;
    const p = plantHere('touch', 'floating');
    const touch = p
      ? `      service.refreshMany([id]);`
      : chance(0.5)
        ? `      void service.refreshMany([id]);`
        : `      service.refreshMany([id]).catch((error: unknown) => req.ctx.logger.warn('${label} refresh failed', errorFields(error)));`;
    const present = hasUtil ? `format${E}` : `((${e}: ${E}) => ({ id: ${e}.id, status: ${e}.status }))`;
    const utilImport = hasUtil ? `import { format${E}, summarize${E}s } from './util';\n` : '';
    const listBody = hasUtil
      ? `return { status: 200, body: { items: items.map(format${E}), summary: summarize${E}s(items) } };`
      : `return { status: 200, body: { items: items.map(${present}) } };`;
    return `import type { HttpRequest, HttpResponse, HttpRoute } from '${CORE_IMPORT}/types';
import { toErrorResponse, ValidationError } from '${CORE_IMPORT}/errors';
import { readIds } from '${CORE_IMPORT}/collections';
import { errorFields } from '${CORE_IMPORT}/logger';
import { timed } from '${CORE_IMPORT}/metrics';
import { validate${E}Input, type ${E} } from './model';
import type { ${E}Service } from './service';
${utilImport}
function requireId(req: HttpRequest): string {
  const id = req.params['id'];
  if (!id) throw new ValidationError('${label}: id is required');
  return id;
}

export function create${E}Handlers(service: ${E}Service) {
  return {
    async get(req: HttpRequest): Promise<HttpResponse> {
      try {
        const ${e} = await timed('${kebab(e)}.get', () => service.get(requireId(req)));
        return { status: 200, body: ${present}(${e}) };
      } catch (error) {
        return toErrorResponse(error);
      }
    },

    async list(req: HttpRequest): Promise<HttpResponse> {
      try {
        const items = await service.listAll(req.ctx.tenant);
        ${listBody}
      } catch (error) {
        return toErrorResponse(error);
      }
    },

    async create(req: HttpRequest): Promise<HttpResponse> {
      try {
        const input = validate${E}Input(req.ctx.tenant, req.body);
        const created = await service.create(input);
        service.scheduleReindex(created.id);
        return { status: 201, body: ${present}(created), headers: { location: \`${route}/\${created.id}\` } };
      } catch (error) {
        return toErrorResponse(error);
      }
    },

    async overview(req: HttpRequest): Promise<HttpResponse> {
      try {
        const overview = await service.overview(requireId(req));
        return { status: 200, body: { ...overview, ${e}: ${present}(overview.${e}) } };
      } catch (error) {
        return toErrorResponse(error);
      }
    },

    async touch(req: HttpRequest): Promise<HttpResponse> {
      const id = requireId(req);
${touch}
      return { status: 202 };
    },

    async bulkRefresh(req: HttpRequest): Promise<HttpResponse> {
      const ids = readIds(req.body);
      if (ids.length === 0) return { status: 400, body: { error: 'ids must be a non-empty list' } };
      const refreshed = await service.refreshMany(ids);
      return { status: 200, body: { refreshed } };
    },
  };
}

export type ${E}Handlers = ReturnType<typeof create${E}Handlers>;

export function ${e}Routes(handlers: ${E}Handlers): HttpRoute[] {
  return [
    { method: 'GET', path: '${route}', handle: handlers.list },
    { method: 'GET', path: '${route}/:id', handle: handlers.get },
    { method: 'GET', path: '${route}/:id/overview', handle: handlers.overview },
    { method: 'POST', path: '${route}', handle: handlers.create },
    { method: 'POST', path: '${route}/:id/touch', handle: handlers.touch },
    { method: 'POST', path: '${route}/refresh', handle: handlers.bulkRefresh },
  ];
}
`;
  },

  worker(ctx) {
    const { E, e, label, topic, fn, chance, plantHere } = ctx;
    fn(5);
    const pAck = plantHere('onRefresh', 'floating');
    const ack = pAck ? `      message.ack();` : `      await message.ack();`;
    const pDrain = plantHere('replayDeadLetters', null, ['loop', 'unbounded']);
    let drain;
    if (pDrain && pDrain.variant === 'loop') drain = `  let replayed = 0;
  for (const message of messages) {
    const accepted = await service.syncExternal(readString(message.body, 'id') ?? message.id);
    if (accepted) replayed += 1;
  }
  return replayed;`;
    else if (pDrain) drain = `  const results = await Promise.all(
    messages.map(async (message) => service.syncExternal(readString(message.body, 'id') ?? message.id)),
  );
  return results.filter(Boolean).length;`;
    else drain = `  let replayed = 0;
  for (const batch of chunk(messages, ${chance(0.5) ? 10 : 25})) {
    const results = await Promise.all(batch.map((message) => service.syncExternal(readString(message.body, 'id') ?? message.id)));
    replayed += results.filter(Boolean).length;
  }
  return replayed;`;
    return `import type { Logger, Message, Queue } from '${CORE_IMPORT}/types';
import { chunk, readIds, readString } from '${CORE_IMPORT}/collections';
import { errorFields } from '${CORE_IMPORT}/logger';
import { pause } from '${CORE_IMPORT}/retry';
import { increment } from '${CORE_IMPORT}/metrics';
import type { ${E}Service } from './service';

const MAX_BACKOFF_SECONDS = ${chance(0.5) ? 300 : 900};

export function register${E}Workers(queue: Queue, service: ${E}Service, logger: Logger): void {
  queue.subscribe('${topic}.refresh', async (message) => {
    try {
      const refreshed = await service.refreshMany(readIds(message.body));
      increment('${topic}.refreshed', refreshed);
${ack}
    } catch (error) {
      logger.error('${topic}.refresh failed', { id: message.id, ...errorFields(error) });
      await message.nack(Math.min(MAX_BACKOFF_SECONDS, 2 ** message.attempts));
    }
  });

  queue.subscribe('${topic}.archive', async (message) => {
    const tenant = readString(message.body, 'tenant');
    if (!tenant) {
      await message.ack();
      return;
    }
    const archived = await service.archiveStale(tenant, new Date(Date.now() - ${chance(0.5) ? 30 : 90} * 24 * 60 * 60 * 1000));
    logger.info('${label}s archived', { tenant, archived });
    await message.ack();
  });
}

export async function replay${E}DeadLetters(messages: readonly Message[], service: ${E}Service): Promise<number> {
${drain}
}

export async function sweep${E}s(service: ${E}Service, tenants: readonly string[], signal: AbortSignal): Promise<number> {
  let total = 0;
  for (const tenant of tenants) {
    if (signal.aborted) break;
    total += await service.archiveStale(tenant, new Date(Date.now() - 7 * 24 * 60 * 60 * 1000));
    await pause(${chance(0.5) ? 250 : 1000});
  }
  return total;
}
`;
  },
};

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

module.exports = { generate, RULES };
