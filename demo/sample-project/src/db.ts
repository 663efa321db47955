export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly total: number;
}

/** A tiny in-memory stand-in for a database client. */
export class Database {
  private readonly orders = new Map<string, Order>();

  async insert(order: Order): Promise<void> {
    this.orders.set(order.id, order);
  }

  async find(id: string): Promise<Order | undefined> {
    return this.orders.get(id);
  }

  /** Not a promise: a plain count. */
  size(): number {
    return this.orders.size;
  }
}
