import ts from 'typescript';
import { operationName } from './operation-name';

/** Names of calls that ask a person something: `promptYesNo`, `confirm`, `rl.question`, `select`. */
const INTERACTIVE = /^(?:prompt|confirm|ask|question|select|choose|input|password|readline)(?![a-z])/u;

/**
 * Whether a call waits for a person's answer. Questions are asked one at a time and in the order
 * written, so such a call is never run alongside others or batched.
 */
export function isInteractiveOperation(operation: ts.CallExpression | ts.NewExpression): boolean {
  const name = operationName(operation);
  return name !== undefined && (INTERACTIVE.test(name) || INTERACTIVE.test(name.toLowerCase()));
}
