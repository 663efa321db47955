import { createServer } from 'node:http';
import { Database } from './db.js';
import { OrdersService } from './orders-service.js';

const service = new OrdersService(new Database());

const server = createServer((request, response) => {
  // A sync callback: the request handler cannot await, so the promise floats.
  service.place({ id: String(Date.now()), customerId: 'c1', total: 10 });
  response.end('ok');
});

server.on('close', () => {
  service.lookup('last').catch((error: unknown) => console.error(error));
});

server.listen(0, () => server.close());
