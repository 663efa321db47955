import ts from 'typescript';
import { isDeclaredInPackage } from './is-declared-in-package';
import { skipOuterExpressions } from './skip-outer-expressions';

/** The id of the job or message a handler runs for, as an expression, and what makes it unique. */
export interface DeliveryId {
  /** `job.id`, `record.messageId`, `record.Sns.MessageId`. */
  readonly expression: string;
  /** Whether the expression is a string already; otherwise a header needs `String(…)`. */
  readonly text: boolean;
  /** What names the queue, when the id is unique only within it (BullMQ's ids count up per queue). */
  readonly queue?: string;
}

/** A type a handler's parameter, or the variable of a loop over its batch, may have, and its id. */
interface DeliveryType {
  readonly type: string;
  readonly packages: readonly string[];
  readonly id: (name: string) => string;
  readonly text: boolean;
  readonly queue?: (name: string) => string;
}

/** The ids that stay the same when a job or message comes again. */
const DELIVERY_TYPES: readonly DeliveryType[] = [
  // BullMQ types a job's id as `string | undefined`, although a processor's job always has one.
  { type: 'Job', packages: ['bullmq'], id: (name) => `${name}.id`, text: false, queue: (name) => `${name}.queueName` },
  { type: 'Job', packages: ['bull'], id: (name) => `${name}.id`, text: false, queue: (name) => `${name}.queue.name` },
  { type: 'SandboxedJob', packages: ['bullmq'], id: (name) => `${name}.id`, text: true, queue: (name) => `${name}.queueName` },
  { type: 'Message', packages: ['@google-cloud/pubsub'], id: (name) => `${name}.id`, text: true },
  { type: 'JobHelpers', packages: ['graphile-worker'], id: (name) => `${name}.job.id`, text: true },
  // sqs-consumer hands over the SDK's message, whose id the types leave optional.
  { type: 'Message', packages: ['@aws-sdk/client-sqs'], id: (name) => `${name}.MessageId`, text: false },
  { type: 'ServiceBusReceivedMessage', packages: ['@azure/service-bus'], id: (name) => `${name}.messageId`, text: false },
  { type: 'SQSRecord', packages: ['aws-lambda'], id: (name) => `${name}.messageId`, text: true },
  { type: 'SNSEventRecord', packages: ['aws-lambda'], id: (name) => `${name}.Sns.MessageId`, text: true },
  { type: 'KinesisStreamRecord', packages: ['aws-lambda'], id: (name) => `${name}.eventID`, text: true },
  { type: 'DynamoDBRecord', packages: ['aws-lambda'], id: (name) => `${name}.eventID`, text: false },
  { type: 'EventBridgeEvent', packages: ['aws-lambda'], id: (name) => `${name}.id`, text: true },
];

/**
 * The id of the input `call` runs for once: a parameter of the handler `scope` typed as a job or
 * message (`job.id`), or the variable of a loop or callback over the records of a batch
 * (`record.messageId`). Undefined when the call may run more than once for that input (in a loop
 * over the job's items, in a callback), where one key would stand for different work.
 */
export function deliveryIdInScope(checker: ts.TypeChecker, call: ts.CallExpression, scope: ts.Node): DeliveryId | undefined {
  for (let node: ts.Node | undefined = call.parent; node && node !== scope; node = node.parent) {
    if (ts.isForOfStatement(node)) {
      const declaration = ts.isVariableDeclarationList(node.initializer) ? node.initializer.declarations[0] : undefined;
      return declaration && ts.isIdentifier(declaration.name) ? deliveryId(checker, declaration.name) : undefined;
    }
    if (ts.isFunctionLike(node)) {
      const [parameter] = node.parameters;
      return parameter && ts.isIdentifier(parameter.name) ? deliveryId(checker, parameter.name) : undefined;
    }
    if (ts.isIterationStatement(node, false)) return undefined;
  }
  if (!ts.isFunctionLike(scope)) return undefined;
  for (const parameter of scope.parameters) {
    const found = ts.isIdentifier(parameter.name) ? deliveryId(checker, parameter.name) : undefined;
    if (found) return found;
  }
  return undefined;
}

function deliveryId(checker: ts.TypeChecker, name: ts.Identifier): DeliveryId | undefined {
  const symbol = checker.getTypeAtLocation(name).getSymbol();
  const known = symbol && DELIVERY_TYPES.find(({ type, packages }) => symbol.getName() === type
    && (symbol.declarations ?? []).some((declaration) => packages.some((packageName) => isDeclaredInPackage(declaration, packageName))));
  return known && { expression: known.id(name.text), text: known.text, queue: known.queue?.(name.text) };
}

/** `charges.create` for `stripe.charges.create(…)`: the call's names after the receiver it starts from. */
export function operationPath(call: ts.CallExpression): string {
  const names: string[] = [];
  for (let node = skipOuterExpressions(call.expression); ts.isPropertyAccessExpression(node); node = skipOuterExpressions(node.expression)) {
    names.unshift(node.name.text);
  }
  return names.join('.');
}
