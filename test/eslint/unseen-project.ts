import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';

/**
 * A small order service the rule has never seen, written the way people write service code: a few
 * genuine floating promises among many statements that only look like them.
 */

const DB = `export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly total: number;
}

export class OrderStore {
  private readonly orders = new Map<string, Order>();

  async get(id: string): Promise<Order | undefined> {
    return this.orders.get(id);
  }

  async save(order: Order): Promise<void> {
    this.orders.set(order.id, order);
  }

  delete(id: string): boolean {
    return this.orders.delete(id);
  }
}
`;

const NOTIFIER = `import { setTimeout as delay } from 'node:timers/promises';

export class Notifier {
  private readonly sent: string[] = [];
  onIdle?: () => void;

  async email(to: string, subject: string): Promise<void> {
    await delay(1);
    this.sent.push(\`\${to}: \${subject}\`);
  }

  log(message: string): void {
    this.sent.push(message);
    this.onIdle?.();
  }
}
`;

const ORDER_SERVICE = `import { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { Order, OrderStore } from './db';
import type { Notifier } from './notifier';

export class OrderService {
  readonly events = new EventEmitter();

  constructor(private readonly store: OrderStore, private readonly notifier: Notifier) {}

  async place(order: Order): Promise<Order> {
    await this.store.save(order);
    this.notifier.log(\`placed \${order.id}\`);
    this.notifier.email(order.customerId, 'Thanks for your order');
    void this.audit(order);
    this.events.emit('placed', order);
    return order;
  }

  async placeAll(orders: readonly Order[]): Promise<void> {
    await Promise.all(orders.map((order) => this.store.save(order)));
    const receipts = orders.map((order) => this.notifier.email(order.customerId, 'Receipt'));
    await Promise.allSettled(receipts);
  }

  async cancel(id: string): Promise<boolean> {
    const order = await this.store.get(id);
    if (!order) return false;
    this.store.delete(id);
    this.notifier.email(order.customerId, 'Order cancelled').catch((error: unknown) => {
      this.notifier.log(String(error));
    });
    return true;
  }

  refund(order: Order): Promise<void> {
    return this.notifier.email(order.customerId, 'Refund issued');
  }

  exportAll(orders: readonly Order[]): void {
    writeFile('/tmp/orders.json', JSON.stringify(orders));
  }

  archive(order: Order): void {
    this.store.save(order).then(
      () => this.notifier.log('archived'),
      (error: unknown) => this.notifier.log(String(error)),
    );
  }

  private async audit(order: Order): Promise<void> {
    await writeFile(\`/tmp/audit-\${order.id}.json\`, JSON.stringify(order));
  }
}
`;

const SERVER = `import { createServer } from 'node:http';
import { OrderStore } from './db';
import { Notifier } from './notifier';
import { OrderService } from './order-service';

const store = new OrderStore();
const service = new OrderService(store, new Notifier());

export const server = createServer((request, response) => {
  service.place({ id: String(request.url), customerId: 'c-1', total: 1 }).then((order) => {
    response.end(JSON.stringify(order));
  });
});

export const pendingRefund = service.refund({ id: 'o-1', customerId: 'c-1', total: 1 });

setTimeout(() => {
  service.cancel('o-1');
}, 1_000);

process.on('SIGTERM', () => {
  server.close();
  store.get('o-1').finally(() => process.exit(0)).catch(() => process.exit(1));
});
`;

const SERVICE_TEST = `import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OrderStore } from '../src/db';
import { Notifier } from '../src/notifier';
import { OrderService } from '../src/order-service';

describe('OrderService', () => {
  test('places an order', async () => {
    const service = new OrderService(new OrderStore(), new Notifier());
    const placed = await service.place({ id: 'o-1', customerId: 'c-1', total: 3 });
    assert.equal(placed.id, 'o-1');
  });

  test('refunds', () => new OrderService(new OrderStore(), new Notifier()).refund({ id: 'o-2', customerId: 'c-1', total: 1 }));
});
`;

export const UNSEEN_PROJECT_FILES: Readonly<Record<string, string>> = {
  'src/db.ts': DB,
  'src/notifier.ts': NOTIFIER,
  'src/order-service.ts': ORDER_SERVICE,
  'src/server.ts': SERVER,
  'test/order-service.test.ts': SERVICE_TEST,
};

/** The findings a correct rule makes here, each named by the file and the statement's text. */
export const UNSEEN_PROJECT_FLOATING: readonly { file: string; text: string; messageId: string }[] = [
  { file: 'src/order-service.ts', text: "this.notifier.email(order.customerId, 'Thanks for your order')", messageId: 'floating' },
  { file: 'src/order-service.ts', text: "writeFile('/tmp/orders.json', JSON.stringify(orders))", messageId: 'floating' },
  { file: 'src/server.ts', text: 'service.place({ id: String(request.url)', messageId: 'floatingThen' },
  { file: 'src/server.ts', text: "service.cancel('o-1')", messageId: 'floating' },
];

/**
 * The flat config a user copies from the README: the test lints with exactly what the README
 * tells people to write.
 */
export function readmeEslintConfig(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const match = /`eslint\.config\.mjs`:\n\n```js\n([^]*?)```/u.exec(readme);
  if (!match) throw new Error('README.md has no eslint.config.mjs block');
  return match[1]!;
}
