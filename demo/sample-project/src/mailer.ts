import { setTimeout as delay } from 'node:timers/promises';

export async function sendReceipt(customerId: string, orderId: string): Promise<void> {
  await delay(5);
  if (!customerId) throw new Error(`no customer for order ${orderId}`);
}

export function logLater(message: string): void {
  // Fine: the promise is explicitly not awaited.
  void delay(1).then(() => console.log(message));
}
