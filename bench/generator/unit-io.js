/** An entity's entry points: HTTP handlers and queue workers. */
const { CORE_IMPORT, kebab } = require('./names');

const UNIT_IO = {
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
    fn(7);
    const pAck = plantHere('onRefresh', 'floating');
    const ack = pAck ? `      message.ack();` : `      await message.ack();`;
    const pDrain = plantHere('replayDeadLetters', null, ['loop', 'unbounded']);
    // A report template read on every message through a helper, instead of once at start-up.
    const pBlock = plantHere('renderReport', 'blocking');
    const template = pBlock ? '' : `const REPORT_TEMPLATE = readFileSync(TEMPLATE_PATH, 'utf8');\n`;
    const render = pBlock
      ? `function renderReport(count: number): string {
  return readFileSync(TEMPLATE_PATH, 'utf8').replace('{{count}}', String(count));
}`
      : `function renderReport(count: number): string {
  return REPORT_TEMPLATE.replace('{{count}}', String(count));
}`;
    // An audit POST in a consumer, keyed by the message id or not.
    const pAudit = plantHere('archiveAudit', 'retry');
    const auditHeaders = pAudit ? '' : `, headers: { 'idempotency-key': message.id }`;
    let drain;
    if (pDrain && pDrain.variant === 'loop') drain = `  let replayed = 0;
  for (const message of messages) {
    const accepted = await redeliver(message);
    if (accepted) replayed += 1;
  }
  return replayed;`;
    else if (pDrain) drain = `  const results = await Promise.all(
    messages.map(async (message) => redeliver(message)),
  );
  return results.filter(Boolean).length;`;
    else drain = `  let replayed = 0;
  for (const batch of chunk(messages, ${chance(0.5) ? 10 : 25})) {
    const results = await Promise.all(batch.map((message) => redeliver(message)));
    replayed += results.filter(Boolean).length;
  }
  return replayed;`;
    return `import type { Logger, Message, Queue } from '${CORE_IMPORT}/types';
import { chunk, readIds, readString } from '${CORE_IMPORT}/collections';
import { errorFields } from '${CORE_IMPORT}/logger';
import { pause } from '${CORE_IMPORT}/retry';
import { increment } from '${CORE_IMPORT}/metrics';
import type { ${E}Service } from './service';
import { readFileSync } from 'node:fs';

const TEMPLATE_PATH = 'templates/${topic}-report.txt';
const AUDIT_URL = 'https://audit.internal/${topic}';
${template}const MAX_BACKOFF_SECONDS = ${chance(0.5) ? 300 : 900};
const REPLAY_URL = 'https://replay.internal/${topic}';

async function redeliver(message: Message): Promise<boolean> {
  const response = await fetch(\`\${REPLAY_URL}/\${encodeURIComponent(message.id)}\`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': message.id },
    body: JSON.stringify(message.body),
  });
  return response.ok;
}

${render}

export function register${E}Workers(queue: Queue, service: ${E}Service, logger: Logger): void {
  queue.subscribe('${topic}.refresh', async (message) => {
    try {
      const refreshed = await service.refreshMany(readIds(message.body));
      increment('${topic}.refreshed', refreshed);
      logger.info(renderReport(refreshed));
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
    await fetch(AUDIT_URL, { method: 'POST', body: tenant${auditHeaders} });
    logger.info('${label}s archived', { tenant, archived });
    await message.ack();
  });
}

export async function replay${E}DeadLetters(messages: readonly Message[]): Promise<number> {
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

module.exports = { UNIT_IO };
