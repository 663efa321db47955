/** An entity's service, which calls its repository and other packages' services. */
const { CORE_IMPORT, depField, depImport, kebab, pascal } = require('./names');

const UNIT_SERVICE = {
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

    // overview: dependent first read, then independent reads together. Without an owner service the
    // second read goes through the same repository, whose reads stay in order, so nothing is planted.
    fn();
    {
      const p = owner ? plantHere('overview', 'parallel') : null;
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
      const ${e} = await reindex(this.repo, id);
      if (${e}) found.set(id, ${e});
    }
    return found.size;`;
      else if (p) body = `    const found = await Promise.all(ids.map(async (id) => reindex(this.repo, id)));
    return found.filter((${e}) => ${e} !== undefined).length;`;
      else if (chance(0.5)) body = `    let refreshed = 0;
    for (const batch of chunk(ids, BATCH_SIZE)) {
      const found = await Promise.all(batch.map((id) => reindex(this.repo, id)));
      refreshed += found.filter((${e}) => ${e} !== undefined).length;
    }
    return refreshed;`;
      else body = `    let refreshed = 0;
    for (let start = 0; start < ids.length; start += BATCH_SIZE) {
      const found = await Promise.all(ids.slice(start, start + BATCH_SIZE).map((id) => reindex(this.repo, id)));
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
    fn();
    return `import type { Cache, Db, HttpClient, Logger, Queue } from '${CORE_IMPORT}/types';
import { ConflictError, NotFoundError } from '${CORE_IMPORT}/errors';
import { chunk } from '${CORE_IMPORT}/collections';
import { errorFields } from '${CORE_IMPORT}/logger';
import { retry } from '${CORE_IMPORT}/retry';
import type { ${E}, ${E}Input, ${E}Overview } from './model';
import type { ${E}Repository } from './repository';
${formatImport}${depImports}
const BATCH_SIZE = ${chance(0.5) ? 20 : 50};
const SEARCH_URL = 'https://search.internal/${topic}';
${formatFn}
async function reindex(repo: ${E}Repository, id: string): Promise<${E} | undefined> {
  const response = await fetch(\`\${SEARCH_URL}/\${encodeURIComponent(id)}\`, { method: 'PUT' });
  return response.ok ? repo.findById(id) : undefined;
}

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

};

module.exports = { UNIT_SERVICE };
