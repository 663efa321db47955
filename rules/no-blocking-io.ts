import ts from 'typescript';
import type { Rule, Suggestion } from './core/types';
import { blockingCall, mayBlock, type BlockingCall, type BlockingCallOptions } from './util/blocking-calls';
import { blockingPlace, isCliFile, type PlaceContext } from './util/blocking-place';
import { blockingReach } from './util/blocking-reach';
import { isTestFile } from './util/is-test-file';
import { promiseApiFix } from './util/promise-api-edits';
import { skipOuterExpressions } from './util/skip-outer-expressions';
import { specifierListSchema, type TypeOrValueSpecifier } from './util/specifier';

export interface Options extends BlockingCallOptions {
  /** Calls that register request handlers, beyond the frameworks asyncsense knows. */
  readonly handlers: readonly TypeOrValueSpecifier[];
  /** Report in every async function and promise callback, not only in those a handler calls. */
  readonly checkAsyncFunctions: boolean;
  /** Also check tests, mocks and seed data (`*.test.ts`, `test/`, `__mocks__/`, `seed/` …), which are skipped by default. */
  readonly checkTestFiles: boolean;
}

export type MessageId = 'blocking' | 'blockingWithAlternative' | 'blockingViaHelper' | 'usePromiseApi';

const specifierSchema = specifierListSchema.items;

export const noBlockingIo: Rule<Options, MessageId> = {
  id: 'no-blocking-io',
  // Where a blocking call, or a call of a helper that makes one, is written.
  reach: { text: ({ program, options }) => blockingReach(program, options) },
  meta: {
    type: 'problem',
    description: 'Disallow synchronous file, process, compression and key-derivation calls where they stop every request in flight.',
    recommended: false,
    hasSuggestions: true,
    // The promise twin takes the same arguments and settles to the same value, and it is offered
    // only where the function already awaits: `eslint --fix` and fix-all on save may apply it.
    fixable: true,
    messages: {
      blocking: '`{{name}}` blocks the event loop in {{where}}: until it returns nothing else in the process runs, and every other request, message and timer waits.',
      blockingWithAlternative: '`{{name}}` blocks the event loop in {{where}}: until it returns nothing else in the process runs, and every other request, message and timer waits. Use `{{alternative}}` instead.',
      blockingViaHelper: '`{{helper}}` calls `{{name}}`, which blocks the event loop in {{where}}: until it returns nothing else in the process runs, and every other request, message and timer waits.',
      usePromiseApi: 'Use `await {{replacement}}(…)` instead.',
    },
    schema: [{
      type: 'object',
      additionalProperties: false,
      properties: {
        blockingCalls: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false, required: ['specifier'],
            properties: { specifier: specifierSchema, suggestion: { type: 'string' } },
          },
        },
        allow: specifierListSchema,
        handlers: specifierListSchema,
        checkAsyncFunctions: { type: 'boolean' },
        checkTestFiles: { type: 'boolean' },
      },
    }],
    defaultOptions: { blockingCalls: [], allow: [], handlers: [], checkAsyncFunctions: false, checkTestFiles: false },
  },
  create(context) {
    const { checker, program, sourceFile, options } = context;
    if (!options.checkTestFiles && isTestFile(program, sourceFile)) return {};
    const place: PlaceContext = {
      program, checker, handlers: options.handlers, cacheKey: options, cli: isCliFile(program, sourceFile), checkAsyncFunctions: options.checkAsyncFunctions,
    };
    const helpers = new Map<ts.Node, { call: ts.CallExpression; blocking: BlockingCall } | null>();

    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression),
    };

    function checkCall(call: ts.CallExpression): void {
      const direct = mayBlock(call, options) ? blockingCall(program, checker, call, options) : undefined;
      const viaHelper = direct ? undefined : helperBlocking(call);
      const blocking = direct ?? viaHelper?.blocking;
      if (!blocking) return;
      const where = blockingPlace(place, call);
      if (!where) return;
      const fix = direct ? promiseApiFix(checker, sourceFile, call, blocking.name, blocking.module) : undefined;
      const suggestions: Suggestion[] = fix ? [{ messageId: 'usePromiseApi', data: { replacement: fix.replacement }, safe: fix.safe, edits: fix.edits }] : [];
      const data = { name: blocking.name, where: where.where };
      const message = viaHelper ? { messageId: 'blockingViaHelper' as const, data: { ...data, helper: helperName(call) } }
        : blocking.suggestion ? { messageId: 'blockingWithAlternative' as const, data: { ...data, alternative: blocking.suggestion } }
          : { messageId: 'blocking' as const, data };
      context.report({
        ...message,
        start: call.getStart(sourceFile),
        end: call.getEnd(),
        suggestions,
      });
    }

    /**
     * A synchronous function of the project, called by name (`loadTemplate(name)`,
     * `this.readConfig()`), whose own body makes a blocking call.
     */
    function helperBlocking(call: ts.CallExpression): { call: ts.CallExpression; blocking: BlockingCall } | undefined {
      const callee = skipOuterExpressions(call.expression);
      const isNamed = ts.isIdentifier(callee)
        || (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword);
      if (!isNamed) return undefined;
      const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
      let symbol = checker.getSymbolAtLocation(nameNode);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const helper = functionOf(symbol?.valueDeclaration);
      if (!helper?.body || ts.getCombinedModifierFlags(helper) & ts.ModifierFlags.Async) return undefined;
      const file = helper.getSourceFile();
      if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) return undefined;
      let found = helpers.get(helper);
      if (found === undefined) helpers.set(helper, found = firstBlockingCall(helper.body) ?? null);
      return found ?? undefined;
    }

    /**
     * The first blocking call a helper's body makes itself, outside the functions it defines: one
     * level down, not the helpers it calls in turn.
     */
    function firstBlockingCall(body: ts.Node): { call: ts.CallExpression; blocking: BlockingCall } | undefined {
      // The text first: most helpers have nothing that could block.
      const text = body.getText();
      if (!/Sync\b|\bwait\b/u.test(text) && options.blockingCalls.length === 0) return undefined;
      let found: { call: ts.CallExpression; blocking: BlockingCall } | undefined;
      const visit = (node: ts.Node): void => {
        if (found || (ts.isFunctionLike(node) && node !== body)) return;
        if (ts.isCallExpression(node) && mayBlock(node, options)) {
          const blocking = blockingCall(program, checker, node, options);
          if (blocking) found = { call: node, blocking };
        }
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(body, visit);
      return found;
    }
  },
};

function functionOf(declaration: ts.Declaration | undefined): ts.FunctionLikeDeclaration | undefined {
  if (!declaration) return undefined;
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration;
  const initializer = (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.initializer : undefined;
  return initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) ? initializer : undefined;
}

function helperName(call: ts.CallExpression): string {
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.getText() : callee.getText();
}
