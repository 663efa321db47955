/** An entity's data files: model, repository, utilities. Each template returns the file's text. */
const { CORE_IMPORT, kebab } = require('./names');

const UNIT_DATA = {
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

};

module.exports = { UNIT_DATA };
