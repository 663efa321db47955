/**
 * Where a function may run for outside input, as the rules that care say it: for each request
 * (`request`), again for the same message (`delivery`: at-least-once consumers), or again after it
 * failed (`retry`).
 */
export type HandlerKind = 'request' | 'delivery' | 'retry';

export interface HandlerSource {
  readonly kind: HandlerKind;
  /** What the function is, as a message names it: "an Express route handler", "an SQS handler". */
  readonly name: string;
  /** Why it may run twice for one input, for deliveries and retries: "SQS delivers at least once". */
  readonly because?: string;
  /** It runs in a process of its own, one input at a time: a blocking call there holds up nothing else. */
  readonly ownProcess?: boolean;
}

/**
 * A call that hands the functions it is given to a framework, which calls them for each request or
 * message: `app.get(path, handler)`, `new Worker(queue, processor)`, `pRetry(run)`.
 */
export interface Registration {
  /** The packages that declare the function or method called (DefinitelyTyped's count too). */
  readonly packages: readonly string[];
  /** The names of the function, method or class called; absent: anything the packages export. */
  readonly names?: readonly string[];
  /** `server.on('request', listener)`: the event the first argument names. */
  readonly event?: string;
  /** Functions passed in an options object under these keys (`{ handler }`, `{ eachMessage }`). */
  readonly properties?: readonly string[];
  /** Whether functions passed directly as arguments count (`app.get(path, handler)`); default yes. */
  readonly ignoreArguments?: boolean;
  /** Only when the receiver's type names one of these (a cockatiel `RetryPolicy`, not a circuit breaker). */
  readonly receiverType?: RegExp;
  readonly source: HandlerSource;
}

const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all'];

const FASTIFY_HOOKS = ['handler', 'preHandler', 'onRequest', 'preParsing', 'preValidation', 'preSerialization', 'onSend', 'onResponse'];

/** The frameworks, queues and retry wrappers the handler model knows, through their own types. */
export const REGISTRATIONS: readonly Registration[] = [
  {
    packages: ['express-serve-static-core', 'express'], names: [...HTTP_METHODS, 'use'],
    source: { kind: 'request', name: 'an Express route handler' },
  },
  {
    packages: ['fastify'], names: [...HTTP_METHODS, 'route', 'addHook'], properties: FASTIFY_HOOKS,
    source: { kind: 'request', name: 'a Fastify route handler' },
  },
  { packages: ['koa'], names: ['use'], source: { kind: 'request', name: 'a Koa middleware' } },
  {
    packages: ['@koa/router'], names: [...HTTP_METHODS, 'del', 'use'],
    source: { kind: 'request', name: 'a Koa router handler' },
  },
  { packages: ['hono'], names: [...HTTP_METHODS, 'on', 'use'], source: { kind: 'request', name: 'a Hono handler' } },
  {
    packages: ['http', 'https', 'http2'], names: ['createServer', 'createSecureServer'],
    source: { kind: 'request', name: 'an HTTP request listener' },
  },
  {
    packages: ['http', 'https', 'http2'], names: ['on', 'addListener', 'once', 'prependListener'], event: 'request',
    source: { kind: 'request', name: 'an HTTP request listener' },
  },
  { packages: ['bullmq'], names: ['Worker'], source: { kind: 'delivery', name: 'a BullMQ processor', because: 'BullMQ runs a failed or stalled job again' } },
  { packages: ['bull'], names: ['process'], source: { kind: 'delivery', name: 'a Bull processor', because: 'Bull runs a failed or stalled job again' } },
  {
    packages: ['kafkajs'], names: ['run'], properties: ['eachMessage', 'eachBatch'], ignoreArguments: true,
    source: { kind: 'delivery', name: 'a KafkaJS consumer handler', because: 'Kafka delivers a message again after a failure' },
  },
  {
    packages: ['amqplib'], names: ['consume'],
    source: { kind: 'delivery', name: 'an amqplib consumer', because: 'RabbitMQ delivers an unacknowledged message again' },
  },
  {
    packages: ['sqs-consumer'], names: ['create', 'Consumer'], properties: ['handleMessage', 'handleMessageBatch'], ignoreArguments: true,
    source: { kind: 'delivery', name: 'an sqs-consumer handler', because: 'SQS delivers at least once' },
  },
  {
    packages: ['@google-cloud/pubsub'], names: ['on', 'addListener', 'prependListener'], event: 'message',
    source: { kind: 'delivery', name: 'a Pub/Sub message listener', because: 'Pub/Sub delivers a message again when it is not acknowledged in time' },
  },
  {
    packages: ['@azure/service-bus'], names: ['subscribe'], properties: ['processMessage'], ignoreArguments: true,
    source: { kind: 'delivery', name: 'a Service Bus message handler', because: 'Service Bus delivers a message again when it is not completed' },
  },
  { packages: ['pg-boss'], names: ['work'], source: { kind: 'delivery', name: 'a pg-boss worker', because: 'pg-boss runs a failed or expired job again' } },
  { packages: ['p-retry'], source: { kind: 'retry', name: 'a function retried by p-retry', because: 'p-retry runs it again after a failure' } },
  { packages: ['async-retry'], source: { kind: 'retry', name: 'a function retried by async-retry', because: 'async-retry runs it again after a failure' } },
  { packages: ['promise-retry'], source: { kind: 'retry', name: 'a function retried by promise-retry', because: 'promise-retry runs it again after a failure' } },
  {
    packages: ['cockatiel'], names: ['execute'], receiverType: /\bRetryPolicy\b/u,
    source: { kind: 'retry', name: 'a function retried by a cockatiel policy', because: 'the cockatiel retry policy runs it again after a failure' },
  },
];

/** NestJS's route decorators, from `@nestjs/common`. */
export const NEST_ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Delete', 'Patch', 'Options', 'Head', 'All', 'Search', 'Sse']);

/** The exports of a Next.js route file (`app/<path>/route.ts`) that answer requests. */
export const NEXT_ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** AWS Lambda event types (from `@types/aws-lambda`) whose sources deliver at least once. */
export const LAMBDA_DELIVERIES: ReadonlyMap<string, HandlerSource> = new Map([
  ['SQSEvent', { kind: 'delivery', name: 'an SQS handler', because: 'SQS delivers at least once' }],
  ['SNSEvent', { kind: 'delivery', name: 'an SNS handler', because: 'SNS delivers at least once' }],
  ['EventBridgeEvent', { kind: 'delivery', name: 'an EventBridge handler', because: 'EventBridge delivers at least once' }],
  ['KinesisStreamEvent', { kind: 'delivery', name: 'a Kinesis stream handler', because: 'Kinesis retries a failed batch' }],
  ['DynamoDBStreamEvent', { kind: 'delivery', name: 'a DynamoDB stream handler', because: 'DynamoDB Streams retry a failed batch' }],
]);

/**
 * Consumers known by their type, wherever they are declared: a function typed as the package's
 * handler type (a Graphile `Task` in a `taskList`), or one that takes what only such a handler is
 * given (Graphile's `JobHelpers`, BullMQ's `SandboxedJob`). A sandboxed BullMQ processor lives
 * in a file of its own that the `Worker` names by path.
 */
export const TYPED_HANDLERS: readonly TypedHandler[] = [
  {
    package: 'graphile-worker', functionType: 'Task', parameterType: 'JobHelpers',
    source: { kind: 'delivery', name: 'a Graphile Worker task', because: 'Graphile Worker runs a failed job again' },
  },
  {
    package: 'bullmq', parameterType: 'SandboxedJob',
    source: { kind: 'delivery', name: 'a BullMQ sandboxed processor', because: 'BullMQ runs a failed or stalled job again', ownProcess: true },
  },
];

export interface TypedHandler {
  readonly package: string;
  /** The type of the function itself, where it types the parameters too. */
  readonly functionType?: string;
  readonly parameterType: string;
  readonly source: HandlerSource;
}

/** The packages of the queues and retry wrappers above, whose registrations may name a function declared elsewhere (`new Worker(queue, process)`). */
export const REGISTERED_ELSEWHERE_PACKAGES: readonly string[] = [...new Set(REGISTRATIONS
  .filter((registration) => registration.source.kind !== 'request').flatMap((registration) => registration.packages))];

/**
 * The packages whose import says a file may run code again for the same input: those, AWS
 * Lambda's event types, the packages of `TYPED_HANDLERS`. A file that imports none of them (and speaks of no
 * retries) needs no look for consumers or retries.
 */
export const RUNS_AGAIN_PACKAGES: readonly string[] = [...new Set([...REGISTERED_ELSEWHERE_PACKAGES, 'aws-lambda',
  ...TYPED_HANDLERS.map((handler) => handler.package)])];
