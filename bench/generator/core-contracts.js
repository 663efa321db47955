/** The core package's contracts and helpers: types, errors, collections, retry, logger. */
const CORE_CONTRACTS = {
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

};

module.exports = { CORE_CONTRACTS };
