import { writeFile } from 'node:fs/promises';
import { Database, type Order } from './db.js';
import { logLater, sendReceipt } from './mailer.js';

export class OrdersService {
  constructor(private readonly db: Database) {}

  async place(order: Order): Promise<Order> {
    await this.db.insert(order);
    // The receipt is sent but nobody hears if it fails.
    sendReceipt(order.customerId, order.id);
    logLater(`placed ${order.id}`);
    return order;
  }

  async audit(order: Order): Promise<void> {
    writeFile(`/tmp/audit-${order.id}.json`, JSON.stringify(order)).then(() => logLater('audited'));
  }

  async lookup(id: string): Promise<Order | undefined> {
    const found = this.db.find(id);
    return found;
  }

  count(): number {
    return this.db.size();
  }
}
