import ts from 'typescript';
import type { Rule } from './core/types';
import { findUnboundedWork, type UnboundedWork } from './util/find-unbounded-work';
import { suggestLimits, type FixContext } from './util/suggest-limits';
import { isBatchFallback, operationsUnder } from './util/is-batch-fallback';
import { isTestFile } from './util/is-test-file';
import { isInDeprecatedCode } from './util/is-in-deprecated-code';
import { canImportPackage } from './util/can-import-package';
import { isPromiseLike } from './util/is-promise-like';
import { combinatorName, isPromiseCombinator } from './util/promise-combinator';
import { skipOuterExpressions } from './util/skip-outer-expressions';
import { specifierListSchema, type TypeOrValueSpecifier } from './util/specifier';
import { unionParts } from './util/union-parts';

export interface Options {
  /** Functions, methods or types that run the work handed to them under a concurrency limit. */
  readonly limiters: readonly TypeOrValueSpecifier[];
  /** The limit a fix writes into the constant it adds. */
  readonly defaultConcurrency: number;
  /** Also check tests, mocks and seed data (`*.test.ts`, `test/`, `__mocks__/`, `seed/` …), which are skipped by default. */
  readonly checkTestFiles: boolean;
}

export type MessageId = 'unboundedMap' | 'unboundedLoop' | 'limitWithPMap' | 'limitWithPLimit' | 'runInBatches';

/** How much of the code the message quotes before it shortens it. */
const MAX_QUOTE = 40;

export const noUnboundedConcurrency: Rule<Options, MessageId> = {
  id: 'no-unbounded-concurrency',
  // The syntactic filter of `combinatorName`, as text: `<anything>.all(`, `.race(` …
  reach: { text: /\.\s*(?:all|allSettled|any|race)\b/u },
  meta: {
    type: 'problem',
    description: 'Disallow `Promise.all` and its siblings over work started for every element of a list of unknown length.',
    recommended: false,
    hasSuggestions: true,
    messages: {
      unboundedMap: '`{{work}}` starts one operation per element, all at once, and `Promise.{{method}}` waits for them together; over a list of unknown length that opens as many requests, connections or file handles as it has elements. Limit the concurrency.',
      unboundedLoop: '`{{list}}` is filled with one running operation per iteration of a loop over a list of unknown length, so they all run at once; that opens as many requests, connections or file handles as the list has elements. Limit the concurrency.',
      limitWithPMap: 'Run at most {{concurrency}} at a time with `p-map`.',
      limitWithPLimit: 'Run at most {{concurrency}} at a time with `p-limit`.',
      runInBatches: 'Run in batches of {{concurrency}}.',
    },
    schema: [{
      type: 'object',
      additionalProperties: false,
      properties: {
        limiters: specifierListSchema,
        defaultConcurrency: { type: 'integer', minimum: 1 },
        checkTestFiles: { type: 'boolean' },
      },
    }],
    defaultOptions: { limiters: [], defaultConcurrency: 8, checkTestFiles: false },
  },
  create(context) {
    const { checker, program, sourceFile, options } = context;
    if (!options.checkTestFiles && isTestFile(program, sourceFile)) return {};
    const limiterContext = { program, checker, limiters: options.limiters };
    const fixContext: FixContext = {
      program, checker, sourceFile, concurrency: options.defaultConcurrency,
      canImport: (moduleName) => canImportPackage(program, sourceFile, moduleName),
    };

    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression),
    };

    function checkCall(call: ts.CallExpression): void {
      const method = combinatorName(call);
      const [argument] = call.arguments;
      if (!method || !argument || !mayBeUnbounded(argument) || isInDeprecatedCode(call)) return;
      if (!isPromiseCombinator(program, checker, call) || !holdsPromises(argument)) return;
      const work = findUnboundedWork(limiterContext, argument);
      if (!work) return;
      const items = work.kind === 'map' ? [work.callback] : work.pushes.flatMap((push) => [...push.arguments]);
      if (isBatchFallback(call, operationsUnder(items), limiterContext)) return;
      context.report({
        ...describe(work, method),
        start: call.getStart(sourceFile),
        end: call.getEnd(),
        suggestions: suggestLimits(fixContext, call, method, work),
      });
    }

    /** An array (or a tuple with a rest element) that may hold promises. */
    function holdsPromises(argument: ts.Expression): boolean {
      return unionParts(checker.getTypeAtLocation(argument)).some((part) => {
        const isList = checker.isArrayType(part)
          || (checker.isTupleType(part) && (part as ts.TupleTypeReference).target.hasRestElement);
        return isList && checker.getTypeArguments(part as ts.TypeReference).some((element) => isPromiseLike(checker, element));
      });
    }
  },
};

/** The shapes `findUnboundedWork` reads, before any type query: `xs.map(…)`, `[...xs.map(…)]`, `tasks`. */
function mayBeUnbounded(argument: ts.Expression): boolean {
  const node = skipOuterExpressions(argument);
  return ts.isCallExpression(node) || ts.isIdentifier(node)
    || (ts.isArrayLiteralExpression(node) && node.elements.some((element) => ts.isSpreadElement(element)));
}

function describe(work: UnboundedWork, method: string): { messageId: MessageId; data: Record<string, string> } {
  if (work.kind === 'loop') return { messageId: 'unboundedLoop', data: { list: quote(work.list) } };
  return { messageId: 'unboundedMap', data: { work: `${quote(work.receiver)}.map(...)`, method } };
}

/** The code as the message quotes it: on one line, and shortened when long. */
function quote(node: ts.Node): string {
  const text = node.getText().replace(/\s+/gu, ' ');
  return text.length <= MAX_QUOTE ? text : `${text.slice(0, MAX_QUOTE - 1)}…`;
}


