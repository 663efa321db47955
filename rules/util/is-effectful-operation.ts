import ts from 'typescript';
import { isInteractiveOperation } from './is-interactive-operation';
import { isMutatingOperation } from './is-mutating-operation';
import { operationName } from './operation-name';

/** Waits whose place in a sequence is the point of writing them. */
const WAIT = /^(?:sleep|delay|wait|pause|throttle|settimeout|setimmediate|scheduler)(?![a-z])/u;

/** Guards: what follows them assumes they passed (`assertAdmin`, `ensureDir`, `userOrThrow`). */
const GUARD = /^(?:assert|ensure|validate|verify|check|require)(?![a-z])|Or(?:Throw|Crash|Fail|Exit)$/u;

/**
 * Whether an awaited call evidently changes something, waits on purpose, guards what follows, or
 * asks a person (`repo.save`, `mailer.send`, `mutex.acquire`, `sleep(100)`, `assertAdmin(user)`,
 * `confirm(…)`). In a sequence such a call runs only once the awaits before it have succeeded,
 * and later ones only after it: its place is part of what the code means.
 */
export function isEffectfulOperation(operation: ts.CallExpression | ts.NewExpression): boolean {
  if (isMutatingOperation(operation) || isInteractiveOperation(operation)) return true;
  const name = operationName(operation) ?? '';
  return WAIT.test(name.toLowerCase()) || GUARD.test(name);
}
