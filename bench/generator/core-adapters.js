/** The core package's in-memory adapters: metrics, cache, queue, database, HTTP client. */
const CORE_ADAPTERS = {
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

module.exports = { CORE_ADAPTERS };
