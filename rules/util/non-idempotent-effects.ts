import ts from 'typescript';
import { isDeclaredInPackage, packageOf } from './is-declared-in-package';
import { objectLiteralArgument } from './object-literal-argument';
import { calleeName } from './callee-name';
import { skipOuterExpressions } from './skip-outer-expressions';
import { sqlText } from './sql-text';

/** A side effect that happens again, in full, when the code around it runs again for the same input. */
export interface Effect {
  /** What the message names: "a POST request", "an email", "an INSERT without ON CONFLICT". */
  readonly what: string;
  /** The idempotency key given is made afresh on each attempt (`randomUUID()`), so it guards nothing. */
  readonly freshKey?: boolean;
  /** For `fetch`: the options object that can take an `Idempotency-Key` header, or undefined when there is none yet. */
  /**
   * Where an `Idempotency-Key` header goes: the request options written out, or, when the call has
   * none, the position of the argument that would hold them (`axios.post(url, data)`: 2).
   */
  readonly headerTarget?: { readonly call: ts.CallExpression; readonly init: ts.ObjectLiteralExpression | undefined; readonly optionsIndex?: number };
  /** For a package method that accepts an `idempotencyKey`: the argument that takes it, which may not be written yet. */
  readonly keyTarget?: { readonly call: ts.CallExpression; readonly index: number; readonly options: ts.ObjectLiteralExpression | undefined };
}

/** A package method that sends a message to a person, which a second run sends again. */
interface MessageSend {
  readonly package: string;
  readonly method: RegExp;
  /** The class or interface that declares the method, where the package has other methods of that name. */
  readonly owner?: RegExp;
  readonly what: string;
}

const MESSAGE_SENDS: readonly MessageSend[] = [
  { package: 'nodemailer', method: /^sendMail$/u, what: 'an email' },
  { package: '@sendgrid/mail', method: /^send(?:Multiple)?$/u, what: 'an email' },
  { package: 'postmark', method: /^sendEmail(?:Batch)?(?:WithTemplates?)?$/u, what: 'an email' },
  { package: 'mailgun.js', method: /^create$/u, owner: /^I?MessagesClient$/u, what: 'an email' },
  { package: 'resend', method: /^(?:send|create)$/u, owner: /^(?:Emails|Batch)/u, what: 'an email' },
  { package: 'twilio', method: /^create$/u, owner: /^MessageListInstance$/u, what: 'a text message' },
  { package: 'twilio', method: /^create$/u, owner: /^CallListInstance$/u, what: 'a phone call' },
];

/** Names of methods that may change something through an API that takes an idempotency key. */
const MUTATING_METHOD = /^(?:create|update|confirm|capture|cancel|pay|finalize|void|send|attach|detach|del|refund|transfer|mark)/u;

/** Calls that make a new value on each run: a key made from one is not the same on the next attempt. */
const FRESH_VALUE = /^(?:randomUUID|uuid|v1|v4|v7|nanoid|ulid|cuid|createId|random|now)$/u;

const IDEMPOTENCY_HEADER = /^(?:x-)?idempotency-key$/iu;

/** The names a call must have for `nonIdempotentEffect` to look further, before any type query. */
export const EFFECT_NAMES = new Set(['fetch', 'request', 'post', 'patch', 'sendMail', 'send', 'query', 'execute', 'raw', 'insert', 'increment',
  'decrement', 'publish', 'sendToQueue', 'add', 'findOneAndUpdate', 'findByIdAndUpdate']);

/** The MongoDB and Mongoose methods that take an update document as their second argument. */
const MONGO_UPDATES = new Set(['updateOne', 'updateMany', 'findOneAndUpdate', 'findByIdAndUpdate']);

/** Update operators that change a document again each time they run: add to a number, append to an array. */
const MONGO_ACCUMULATING = /^\$(?:inc|push)$/u;

/** Whether a call is worth resolving: one of `EFFECT_NAMES`, or a method named like a change. */
export function mayHaveEffect(call: ts.CallExpression): boolean {
  const name = calleeName(call);
  return name !== undefined && (EFFECT_NAMES.has(name) || MUTATING_METHOD.test(name));
}

/**
 * The non-idempotent effect `call` has, resolved through the declarations of the packages that
 * make it, with no idempotency guard written in the call itself: a `POST`/`PATCH` without an
 * `Idempotency-Key` header, an SDK call that accepts an `idempotencyKey` and gets none (Stripe,
 * Resend), an email, a text or a call (`MESSAGE_SENDS`, SES), an SQL `INSERT` without
 * `ON CONFLICT` or an `UPDATE … SET n = n + 1` (pg, mysql2, knex), a MongoDB `$inc` or `$push`,
 * a queue message without a deduplication id (SQS, SNS, amqplib, BullMQ), a KafkaJS message.
 * Undefined when a guard is there, or when the code does not say (headers built elsewhere).
 */
export function nonIdempotentEffect(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): Effect | undefined {
  const name = calleeName(call);
  if (name === undefined) return undefined;
  const declaration = checker.getResolvedSignature(call)?.declaration;
  if (!declaration || ts.isJSDocSignature(declaration)) return undefined;
  const declaredIn = (packageName: string): boolean => isDeclaredInPackage(declaration, packageName);
  if (name === 'fetch') return isGlobalFetch(program, declaration) ? fetchEffect(checker, call) : undefined;
  // undici's `request(url, { method, headers })` takes its options as `fetch` does.
  if (name === 'request') return declaredIn('undici') ? fetchEffect(checker, call) : undefined;
  if ((name === 'post' || name === 'patch') && (declaredIn('axios') || declaredIn('got'))) {
    // `axios.post(url, data, config)`, `got.post(url, options)`.
    const optionsIndex = declaredIn('axios') ? 2 : 1;
    const options = call.arguments[optionsIndex];
    const key = headerKey(checker, options);
    if (key === 'unknown' || key === 'guarded') return undefined;
    const init = options && objectLiteralArgument(checker, options, /^headers$/u);
    return { what: `a ${name.toUpperCase()} request`, freshKey: key === 'fresh', headerTarget: { call, init, optionsIndex } };
  }
  if (name === 'send') {
    const command = declaredIn('kafkajs') ? kafkaSendEffect(checker, call) : commandEffect(checker, call);
    if (command) return command;
  }
  if ((name === 'query' && (declaredIn('pg') || declaredIn('mysql2'))) || (name === 'execute' && declaredIn('mysql2'))
    || (name === 'raw' && declaredIn('knex'))) {
    return sqlEffect(call.arguments[0]);
  }
  if ((name === 'increment' || name === 'decrement') && declaredIn('knex')) return { what: `a knex \`${name}\`` };
  if (name === 'insert' && declaredIn('knex')) return isUpsertChain(call) ? undefined : { what: 'a knex `insert` with no `onConflict`' };
  if ((name === 'publish' || name === 'sendToQueue') && declaredIn('amqplib')) {
    return hasProperty(checker, call.arguments[name === 'publish' ? 3 : 2], /^messageId$/u) ? undefined : { what: 'a published message with no `messageId`' };
  }
  if (MONGO_UPDATES.has(name) && (declaredIn('mongodb') || declaredIn('mongoose'))) return mongoEffect(checker, call, name === 'findByIdAndUpdate');
  if (name === 'add' && declaredIn('bullmq')) {
    return hasProperty(checker, call.arguments[2], /^jobId$/u) ? undefined : { what: 'a queued job with no `jobId`' };
  }
  // Bull's `add(data, options)` and `add(name, data, options)`.
  if (name === 'add' && declaredIn('bull')) {
    return call.arguments.slice(1).some((argument) => hasProperty(checker, argument, /^jobId$/u)) ? undefined : { what: 'a queued job with no `jobId`' };
  }
  const send = MESSAGE_SENDS.find((entry) => entry.method.test(name) && declaredIn(entry.package)
    && (!entry.owner || entry.owner.test(ownerName(declaration))));
  if (!send && !MUTATING_METHOD.test(name)) return undefined;
  const keyIndex = keyParameterIndex(checker, declaration);
  if (keyIndex >= 0) return keyedCallEffect(checker, call, keyIndex, send?.what ?? packageCall(declaration, name));
  return send && { what: send.what };
}

/** The name of the class or interface a method is declared in, or an empty string. */
function ownerName(declaration: ts.SignatureDeclaration): string {
  const owner = declaration.parent;
  return (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) && owner.name ? owner.name.text : '';
}

/** `fetch` as the standard library, Node or undici declare it, not a function of the project. */
function isGlobalFetch(program: ts.Program, declaration: ts.Declaration): boolean {
  return program.isSourceFileDefaultLibrary(declaration.getSourceFile()) || isDeclaredInPackage(declaration, 'node')
    || isDeclaredInPackage(declaration, 'undici') || isDeclaredInPackage(declaration, 'undici-types');
}

function fetchEffect(checker: ts.TypeChecker, call: ts.CallExpression): Effect | undefined {
  const init = call.arguments[1] && objectLiteralArgument(checker, call.arguments[1], /^(?:method|headers)$/u);
  if (!init) return undefined;
  const method = propertyValue(init, /^method$/u);
  const verb = method && ts.isStringLiteralLike(method) ? method.text.toUpperCase() : undefined;
  if (verb !== 'POST' && verb !== 'PATCH') return undefined;
  const key = headerKey(checker, init);
  if (key === 'unknown' || key === 'guarded') return undefined;
  return { what: `a ${verb} request`, freshKey: key === 'fresh', headerTarget: { call, init } };
}

/**
 * What the `headers` of a request's options say about an idempotency key: none, one made afresh
 * on each attempt, a guard, or unknown (headers built elsewhere, a spread).
 */
function headerKey(checker: ts.TypeChecker, options: ts.Expression | undefined): 'none' | 'fresh' | 'guarded' | 'unknown' {
  if (!options) return 'none';
  const node = objectLiteralArgument(checker, options, /^headers$/u);
  if (!node || node.properties.some(ts.isSpreadAssignment)) return 'unknown';
  const headers = propertyValue(node, /^headers$/u);
  if (!headers) return 'none';
  const value = objectLiteralArgument(checker, headers, IDEMPOTENCY_HEADER);
  if (!value || value.properties.some(ts.isSpreadAssignment)) return 'unknown';
  const key = propertyValue(value, IDEMPOTENCY_HEADER);
  if (!key) return 'none';
  return isFreshValue(key) ? 'fresh' : 'guarded';
}

/** `randomUUID()`, `` `${uuid()}` ``, `String(Date.now())`: a value no second attempt repeats. */
function isFreshValue(node: ts.Node): boolean {
  if (ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (FRESH_VALUE.test(name)) return true;
  }
  return ts.forEachChild(node, isFreshValue) ?? false;
}

/**
 * `client.send(new SendEmailCommand(…))` (SES), and `new SendMessageCommand(…)` (SQS) or
 * `new PublishCommand(…)` (SNS) without a deduplication id.
 */
function commandEffect(checker: ts.TypeChecker, call: ts.CallExpression): Effect | undefined {
  const [command] = call.arguments;
  const node = command && skipOuterExpressions(command);
  if (!node || !ts.isNewExpression(node) || !ts.isIdentifier(node.expression)) return undefined;
  let symbol = checker.getSymbolAtLocation(node.expression);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.declarations?.[0];
  if (!declaration) return undefined;
  const name = symbol!.getName();
  if ((isDeclaredInPackage(declaration, '@aws-sdk/client-ses') || isDeclaredInPackage(declaration, '@aws-sdk/client-sesv2'))
    && /^Send\w*Email\w*Command$/u.test(name)) {
    return { what: 'an email' };
  }
  const [request] = node.arguments ?? [];
  if (isDeclaredInPackage(declaration, '@aws-sdk/client-sqs')) {
    const guarded = name === 'SendMessageCommand' ? hasProperty(checker, request, DEDUPLICATION_ID)
      : name === 'SendMessageBatchCommand' ? entriesMayCarry(checker, request, /^Entries$/u, DEDUPLICATION_ID) : true;
    return guarded ? undefined : { what: 'an SQS message with no `MessageDeduplicationId`' };
  }
  if (isDeclaredInPackage(declaration, '@aws-sdk/client-sns')) {
    const guarded = name === 'PublishCommand' ? hasProperty(checker, request, DEDUPLICATION_ID)
      : name === 'PublishBatchCommand' ? entriesMayCarry(checker, request, /^PublishBatchRequestEntries$/u, DEDUPLICATION_ID) : true;
    return guarded ? undefined : { what: 'an SNS message with no `MessageDeduplicationId`' };
  }
  return undefined;
}

const DEDUPLICATION_ID = /^MessageDeduplicationId$/u;

/**
 * Whether every entry of a batch request may carry `key`: `Entries: [{ …, MessageDeduplicationId }]`,
 * or `Entries: rows.map((row) => ({ …, MessageDeduplicationId: row.id }))`. Entries built
 * elsewhere may, and so may a request built elsewhere.
 */
function entriesMayCarry(checker: ts.TypeChecker, argument: ts.Expression | undefined, entries: RegExp, key: RegExp): boolean {
  if (!argument) return false;
  const request = objectLiteralArgument(checker, argument, entries);
  if (!request || request.properties.some(ts.isSpreadAssignment)) return true;
  const list = propertyValue(request, entries);
  const items = list && entryValues(skipOuterExpressions(list));
  return items === undefined || items.every((item) => hasProperty(checker, item, key));
}

/** The entries a list is written with: the elements of an array literal, or what a `map` callback returns. */
function entryValues(list: ts.Expression): ts.Expression[] | undefined {
  if (ts.isArrayLiteralExpression(list)) return list.elements.some(ts.isSpreadElement) ? undefined : [...list.elements];
  if (!ts.isCallExpression(list) || !ts.isPropertyAccessExpression(list.expression) || list.expression.name.text !== 'map') return undefined;
  const [callback] = list.arguments;
  return callback && ts.isArrowFunction(callback) && !ts.isBlock(callback.body) ? [callback.body] : undefined;
}

/**
 * `producer.send({ topic, messages: [{ value }] })` of KafkaJS: a message published again on each
 * run. Not through a transaction (`transaction.send`), which commits with the consumer's offsets,
 * nor with headers on a message, which may carry the id a consumer deduplicates by, nor with
 * messages built elsewhere.
 */
function kafkaSendEffect(checker: ts.TypeChecker, call: ts.CallExpression): Effect | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = checker.getTypeAtLocation(callee.expression);
  if ((receiver.aliasSymbol ?? receiver.getSymbol())?.getName() === 'Transaction') return undefined;
  const [record] = call.arguments;
  const literal = record && objectLiteralArgument(checker, record, /^messages$/u);
  if (!literal || literal.properties.some(ts.isSpreadAssignment)) return undefined;
  const messages = propertyValue(literal, /^messages$/u);
  const items = messages && entryValues(skipOuterExpressions(messages));
  if (!items || items.length === 0) return undefined;
  return items.some((item) => hasProperty(checker, item, /^headers$/u)) ? undefined : { what: 'a Kafka message' };
}

/** `INSERT` without `ON CONFLICT`, `ON DUPLICATE KEY`, `IGNORE` or `REPLACE`; `UPDATE … SET n = n + 1`. */
function sqlEffect(argument: ts.Expression | undefined): Effect | undefined {
  if (!argument) return undefined;
  const node = skipOuterExpressions(argument);
  const textNode = ts.isObjectLiteralExpression(node) ? propertyValue(node, /^(?:text|sql)$/u) : node;
  const text = textNode && ts.isExpression(textNode) ? sqlText(textNode) : undefined;
  if (text === undefined) return undefined;
  if (/^\s*insert\b/iu.test(text)) {
    const upsert = /\bon\s+conflict\b|\bon\s+duplicate\s+key\b|^\s*insert\s+(?:ignore|or\s+(?:ignore|replace))\b/iu.test(text);
    return upsert ? undefined : { what: 'an INSERT without ON CONFLICT' };
  }
  const counter = /\bupdate\b[^]*?\bset\b[^]*?\b(\w+)\s*=\s*\1\s*[-+]/iu.test(text);
  return counter ? { what: 'an UPDATE that adds to a counter' } : undefined;
}

/**
 * A MongoDB update that adds to a number or appends to an array (`$inc`, `$push`), unless its
 * filter excludes documents already changed (`{ _id, applied: { $ne: job.id } }`, the usual guard,
 * which then records the id with `$addToSet` or `$push`).
 */
function mongoEffect(checker: ts.TypeChecker, call: ts.CallExpression, byId: boolean): Effect | undefined {
  const update = call.arguments[1] && objectLiteralArgument(checker, call.arguments[1], MONGO_ACCUMULATING);
  if (!update) return undefined;
  const operator = update.properties.map((property) => property.name && propertyNameText(property.name))
    .find((text) => text !== undefined && MONGO_ACCUMULATING.test(text));
  if (!operator) return undefined;
  // A filter built elsewhere may leave them out: only one written out without `$ne` says it does not.
  // `findByIdAndUpdate` takes an id, which leaves out nothing.
  const filter = !byId && call.arguments[0] ? objectLiteralArgument(checker, call.arguments[0], /./u) : undefined;
  return (!byId && !filter) || (filter && excludesByValue(filter)) ? undefined : { what: `a MongoDB \`${operator}\`` };
}

/** Whether a filter says `$ne` or `$nin` anywhere: it leaves out documents that already hold a value. */
function excludesByValue(node: ts.Node): boolean {
  if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && /^\$n(?:e|in)$/u.test(propertyNameText(node.name) ?? '')) return true;
  return ts.forEachChild(node, excludesByValue) ?? false;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** `knex('t').insert(row).onConflict('id').merge()`: the insert is part of an upsert. */
function isUpsertChain(call: ts.CallExpression): boolean {
  for (let node: ts.Node = call; ts.isPropertyAccessExpression(node.parent) || ts.isCallExpression(node.parent); node = node.parent) {
    if (ts.isPropertyAccessExpression(node.parent) && node.parent.name.text === 'onConflict') return true;
  }
  return false;
}

/** Which parameter of a package method takes request options with an `idempotencyKey` (Stripe's, Resend's), or -1. */
function keyParameterIndex(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration): number {
  if (packageOf(declaration) === undefined) return -1;
  return declaration.parameters.findIndex((parameter) =>
    checker.getNonNullableType(checker.getTypeAtLocation(parameter)).getProperty('idempotencyKey') !== undefined);
}

/** "a `create` call of stripe": what a call of a package's method is, for a message. */
function packageCall(declaration: ts.SignatureDeclaration, name: string): string {
  return `a \`${name}\` call of ${packageOf(declaration)}`;
}

/**
 * A call of a method that accepts an `idempotencyKey` in the argument at `index` and is given
 * none, or one made afresh on each attempt. Options built elsewhere may hold a key: no report.
 */
function keyedCallEffect(checker: ts.TypeChecker, call: ts.CallExpression, index: number, what: string): Effect | undefined {
  const argument = call.arguments[index];
  const options = argument && objectLiteralArgument(checker, argument, /^idempotencyKey$/u);
  if (argument && (!options || options.properties.some(ts.isSpreadAssignment))) return undefined;
  const key = options && propertyValue(options, /^idempotencyKey$/u);
  if (key && !isFreshValue(key)) return undefined;
  return { what, freshKey: key !== undefined, keyTarget: { call, index, options } };
}

function hasProperty(checker: ts.TypeChecker, argument: ts.Expression | undefined, key: RegExp): boolean {
  if (!argument) return false;
  // Options built elsewhere may hold it: only a literal without it says it is missing.
  const node = objectLiteralArgument(checker, argument, key);
  return !node || node.properties.some(ts.isSpreadAssignment) || propertyValue(node, key) !== undefined;
}

function propertyValue(object: ts.ObjectLiteralExpression, key: RegExp): ts.Expression | undefined {
  for (const property of object.properties) {
    const name = property.name && propertyNameText(property.name);
    if (name === undefined || !key.test(name)) continue;
    if (ts.isPropertyAssignment(property)) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property)) return property.name;
  }
  return undefined;
}
