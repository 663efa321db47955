import ts from 'typescript';
import { declaredFunctionBody } from './declared-function-body';
import { isDeclaredInPackage } from './is-declared-in-package';
import { operationName } from './operation-name';
import { textWithinSpells } from './places-spelling';

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

/**
 * `await getWorkspace(options.workspace)`, where the project's `getWorkspace` calls
 * `promptForWorkspace()` when no workspace was given: a call that asks a person itself or through
 * a function of the project one level down.
 */
export function asksAPerson(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): boolean {
  if (isInteractiveOperation(operation) || readsConfigurationVariable(checker, operation)) return true;
  const body = declaredFunctionBody(checker, operation.expression);
  if (body === undefined) return false;
  let answer = promptingBodies.get(body);
  if (answer === undefined) promptingBodies.set(body, answer = spellsAPrompt(body) && callsInteractiveOperation(body));
  return answer;
}

/**
 * Interfaces of packages whose values may have to be asked for: a Hardhat configuration variable
 * (`accounts.mnemonic.get()`, `forking.url.getUrl()`) is read from the environment or from the
 * keystore, which asks for its password. Two read side by side would ask twice at once.
 */
const PROMPTING_INTERFACES: readonly { readonly package: string; readonly name: string }[] = [
  { package: 'hardhat', name: 'ResolvedConfigurationVariable' },
];

/** `configValue.get()`, a method of one of `PROMPTING_INTERFACES`. */
function readsConfigurationVariable(checker: ts.TypeChecker, operation: ts.CallExpression | ts.NewExpression): boolean {
  if (!ts.isCallExpression(operation) || !ts.isPropertyAccessExpression(operation.expression)) return false;
  const declaration = checker.getSymbolAtLocation(operation.expression.name)?.declarations?.[0];
  const owner = declaration?.parent;
  return owner !== undefined && ts.isInterfaceDeclaration(owner) && PROMPTING_INTERFACES.some((known) =>
    known.name === owner.name.text && isDeclaredInPackage(owner, known.package));
}

/** Whether a body prompts depends on its syntax alone, so it is worked out once per body. */
const promptingBodies = new WeakMap<ts.Node, boolean>();

/**
 * Inside a body only the names no other call goes by: `prompt…` and readline's `question`. The
 * short ones (`select`, `input`, `confirm`) also name a query builder's `selectFrom` or a
 * payment's `confirmPayment`, which a body calls far more often than a prompt.
 */
const PROMPT_WORDS = ['prompt', 'question'] as const;
const PROMPT = new RegExp(`^${PROMPT_WORDS[0]}(?![a-z])|^${PROMPT_WORDS[1]}$`, 'u');

/** Whether the body's text holds a word of `PROMPT` at all: most bodies do not, and then no walk is needed. */
function spellsAPrompt(body: ts.Node): boolean {
  return PROMPT_WORDS.some((word) => textWithinSpells(body, word));
}

function callsInteractiveOperation(node: ts.Node): boolean {
  if (ts.isFunctionLike(node)) return false;
  if (ts.isCallExpression(node) && PROMPT.test(operationName(node) ?? '')) return true;
  return ts.forEachChild(node, callsInteractiveOperation) ?? false;
}
