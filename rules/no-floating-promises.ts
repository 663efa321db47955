import ts from 'typescript';
import type { Rule, RuleContext, Suggestion, TextEdit } from './core/types';
import { appendCallEdits } from './util/append-call-edits';
import { canAwaitAt } from './util/can-await-at';
import { cannotReject } from './util/cannot-reject';
import { indentationAt } from './util/indentation-at';
import { isCallable } from './util/is-callable';
import { isPromiseLike } from './util/is-promise-like';
import { isUnchainableThenable } from './util/is-unchainable-thenable';
import { prefixExpressionEdits } from './util/prefix-expression-edits';
import { skipOuterExpressions } from './util/skip-outer-expressions';
import { specifierListSchema, type TypeOrValueSpecifier } from './util/specifier';
import { typeMatchesSpecifier } from './util/type-matches-specifier';
import { unionParts } from './util/union-parts';
import { valueMatchesSpecifier } from './util/value-matches-specifier';

export interface Options {
  /** Calls whose promise may float: a bare name or `{ from, name, package }`. */
  readonly allowForKnownSafeCalls: readonly TypeOrValueSpecifier[];
  /** Promise types that may float. */
  readonly allowForKnownSafePromises: readonly TypeOrValueSpecifier[];
}

export type MessageId = 'floating' | 'floatingThen' | 'floatingArray' | 'addAwait' | 'addVoid' | 'addCatch' | 'awaitAll';

/**
 * The test runner of `node:test` tracks the promises of `test`, `it`, `describe` and `suite`
 * itself; reporting them, as other linters do, only teaches users to sprinkle `void`.
 */
const RUNNER_TRACKED_CALLS: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'skip', 'todo', 'only'] },
];

/**
 * `Promise.reject(error);` as a statement is written on purpose, to surface an error as an
 * unhandled rejection from code that cannot throw to its caller; a forgotten `return` of it
 * fails loudly at run time anyway.
 */
const DELIBERATE_REJECTION: readonly TypeOrValueSpecifier[] = [{ from: 'lib', name: 'reject' }];

/**
 * `queue.shift()` as a statement removes a promise that some other code made and holds; dropping
 * it from the list does not leave anything unhandled that was not before.
 */
const REMOVES_FROM_LIST: readonly TypeOrValueSpecifier[] = [{ from: 'lib', name: ['shift', 'pop'] }];

/** Calls that make a new array of new promises; other array-returning calls (`splice`) are kept for their effect. */
const PROMISE_ARRAY_MAKERS = new Set(['map', 'flatMap', 'from']);

const REJECTION_HANDLER = '(error: unknown) => {\n  console.error(error);\n}';

type Context = RuleContext<Options, MessageId>;

export const noFloatingPromises: Rule<Options, MessageId> = {
  id: 'no-floating-promises',
  meta: {
    type: 'problem',
    description: 'Require promise-valued statements to be awaited, returned, handled with `.catch`, or marked with `void`.',
    recommended: true,
    peers: ['@typescript-eslint/no-floating-promises'],
    hasSuggestions: true,
    messages: {
      floating: 'This promise is neither awaited nor handled, so a rejection goes unobserved and can crash the process. Await it, return it, end it with `.catch(...)`, or mark it with `void`.',
      floatingThen: '`.then()` without a rejection handler leaves a rejection unobserved, which can crash the process. Pass a rejection handler, end the chain with `.catch(...)`, or await it.',
      floatingArray: 'This array of promises is neither awaited nor handled, so their rejections go unobserved. Await them together with `Promise.all(...)` or handle each one.',
      addAwait: 'Add `await`.',
      awaitAll: 'Await them all with `await Promise.all(...)`.',
      addVoid: 'Mark as intentionally not awaited with `void`.',
      addCatch: 'Add `.catch(...)` with a handler to complete.',
    },
    schema: [{
      type: 'object',
      additionalProperties: false,
      properties: {
        allowForKnownSafeCalls: specifierListSchema,
        allowForKnownSafePromises: specifierListSchema,
      },
    }],
    defaultOptions: { allowForKnownSafeCalls: [], allowForKnownSafePromises: [] },
  },
  create(context) {
    const { checker, program, sourceFile, options } = context;

    return {
      [ts.SyntaxKind.ExpressionStatement]: (node) => checkStatement(node as ts.ExpressionStatement),
    };

    function checkStatement(statement: ts.ExpressionStatement): void {
      const expression = statement.expression;
      if (!mayBePromise(expression)) return;
      const messageId = unhandledKind(expression);
      if (!messageId || isKnownSafe(expression)) return;
      context.report({
        messageId,
        start: expression.getStart(sourceFile),
        end: expression.getEnd(),
        suggestions: messageId === 'floatingArray'
          ? suggestArrayFixes(context, expression)
          : suggestFixes(context, fixTarget(expression)),
      });
    }

    /** Why `node` leaves a promise unhandled, or `undefined` when it does not. */
    function unhandledKind(node: ts.Expression): 'floating' | 'floatingThen' | 'floatingArray' | undefined {
      node = skipOuterExpressions(node);
      if (ts.isBinaryExpression(node)) {
        if (!isCommaOrLogical(node.operatorToken.kind)) return undefined;
        return unhandledKind(node.left) ?? unhandledKind(node.right);
      }
      if (ts.isConditionalExpression(node)) return unhandledKind(node.whenTrue) ?? unhandledKind(node.whenFalse);
      if (!mayBePromise(node)) return undefined;
      const type = checker.getTypeAtLocation(node);
      if (!isPromiseLike(checker, type)) return makesPromiseArray(node) && isPromiseArray(checker, type) ? 'floatingArray' : undefined;
      if (isUnchainableThenable(checker, type)) return undefined;
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return 'floating';
      const method = node.expression.name.text;
      const [onFulfilled, onRejected] = node.arguments;
      if (method === 'catch' && onFulfilled) return isCallable(checker, onFulfilled) ? undefined : 'floating';
      if (method === 'then') {
        if (onRejected && isCallable(checker, onRejected)) return undefined;
        return 'floatingThen';
      }
      if (method === 'finally') return unhandledKind(node.expression.expression);
      return 'floating';
    }

    /**
     * The expression a fix wraps: the whole statement, except that in `p(), x()` only the last
     * operand is the value, so a promise on the left is fixed where it stands.
     */
    function fixTarget(expression: ts.Expression): ts.Expression {
      const node = skipOuterExpressions(expression);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken && unhandledKind(node.left)) {
        return fixTarget(node.left);
      }
      return expression;
    }

    function isKnownSafe(expression: ts.Expression): boolean {
      const node = skipOuterExpressions(expression);
      if (ts.isCallExpression(node)) {
        const callee = calleeName(node.expression);
        // Only the runner's own functions: `t.test()` subtests must be awaited, or they are cancelled.
        if (ts.isIdentifier(callee) && valueMatchesSpecifier(program, checker, callee, RUNNER_TRACKED_CALLS)) return true;
        if (isPromiseStatic(callee, 'reject') && valueMatchesSpecifier(program, checker, callee, DELIBERATE_REJECTION)) return true;
        if (valueMatchesSpecifier(program, checker, callee, REMOVES_FROM_LIST)) return true;
        if (valueMatchesSpecifier(program, checker, callee, options.allowForKnownSafeCalls)) return true;
        if (cannotReject(program, checker, node)) return true;
      }
      if (options.allowForKnownSafePromises.length === 0) return false;
      const promises = unionParts(checker.getTypeAtLocation(node)).filter((part) => isPromiseLike(checker, part));
      return promises.length > 0
        && promises.every((part) => typeMatchesSpecifier(program, part, options.allowForKnownSafePromises));
    }
  },
};

/** `test.skip` is named by `test` for the safe-call list; `fn` by itself. */
function calleeName(callee: ts.Expression): ts.Expression {
  const node = skipOuterExpressions(callee);
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)
    && ['skip', 'todo', 'only'].includes(node.name.text)) {
    return node.expression;
  }
  return node;
}

/** Cheap syntactic filter before any type query: only these forms can evaluate to a promise. */
function mayBePromise(node: ts.Expression): boolean {
  node = skipOuterExpressions(node);
  if (ts.isBinaryExpression(node)) return isCommaOrLogical(node.operatorToken.kind);
  return ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isIdentifier(node)
    || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)
    || ts.isTaggedTemplateExpression(node) || ts.isConditionalExpression(node);
}

function isCommaOrLogical(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.AmpersandAmpersandToken
    || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken;
}

function isPromiseStatic(callee: ts.Expression, name: string): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === name
    && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
}

/** `ids.map(send)`, `xs.flatMap(…)`, `Array.from(xs, send)`: a call that makes the array it returns. */
function makesPromiseArray(node: ts.Expression): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = skipOuterExpressions(node.expression);
  return ts.isPropertyAccessExpression(callee) && PROMISE_ARRAY_MAKERS.has(callee.name.text);
}

/** An array or tuple some of whose elements may be promises (`ids.map(async (id) => …)`). */
function isPromiseArray(checker: ts.TypeChecker, type: ts.Type): boolean {
  return unionParts(type).some((part) => (checker.isArrayType(part) || checker.isTupleType(part))
    && checker.getTypeArguments(part as ts.TypeReference).some((element) => isPromiseLike(checker, element)));
}

function suggestArrayFixes(context: Context, expression: ts.Expression): Suggestion[] {
  const { program, sourceFile } = context;
  const inner = skipOuterExpressions(expression);
  // `Promise.all(a, b)` would change what a comma or ternary means; only a plain array is wrapped.
  if (!canAwaitAt(program, expression) || ts.isBinaryExpression(inner) || ts.isConditionalExpression(inner)) return [];
  const start = expression.getStart(sourceFile);
  const end = expression.getEnd();
  return [{
    messageId: 'awaitAll',
    edits: () => [{ start, end: start, newText: 'await Promise.all(' }, { start: end, end, newText: ')' }],
  }];
}

function suggestFixes(context: Context, expression: ts.Expression): Suggestion[] {
  const { program, sourceFile } = context;
  const suggestions: Suggestion[] = [];
  if (canAwaitAt(program, expression)) {
    suggestions.push({ messageId: 'addAwait', edits: () => prefixExpressionEdits(sourceFile, expression, 'await') });
  }
  suggestions.push({ messageId: 'addVoid', edits: () => prefixExpressionEdits(sourceFile, expression, 'void') });
  if (hasCatchMethod(context.checker, expression)) {
    suggestions.push({ messageId: 'addCatch', edits: () => catchEdits(sourceFile, expression) });
  }
  return suggestions;
}

/** `.catch` type-checks only where every possible value has it (an optional chain skips nullish). */
function hasCatchMethod(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  let type = checker.getTypeAtLocation(expression);
  if (ts.isOptionalChain(skipOuterExpressions(expression))) type = checker.getNonNullableType(type);
  return unionParts(type).every((part) => checker.getPropertyOfType(checker.getApparentType(part), 'catch') !== undefined);
}

/** `.catch(handler)` appended, or the handler put into an empty `.catch()` already there. */
function catchEdits(sourceFile: ts.SourceFile, expression: ts.Expression): TextEdit[] {
  const node = skipOuterExpressions(expression);
  const indent = indentationAt(sourceFile, expression.getStart(sourceFile));
  const handler = REJECTION_HANDLER.replaceAll('\n', `\n${indent}`);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
    && node.expression.name.text === 'catch' && node.arguments.length === 0) {
    return [{ start: node.arguments.end, end: node.arguments.end, newText: handler }];
  }
  return appendCallEdits(sourceFile, expression, `.catch(${handler})`);
}
