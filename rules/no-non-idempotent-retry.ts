import ts from 'typescript';
import type { Rule, Suggestion, TextEdit } from './core/types';
import { callSites, projectFiles } from './util/call-sites';
import { someCodeNode } from './util/code-walk';
import { handlerSource, handlerSourceWhereWritten, type HandlerContext, type HandlerSource } from './util/handler-model';
import { REGISTERED_ELSEWHERE_PACKAGES, RUNS_AGAIN_PACKAGES } from './util/handler-sources';
import { fileMatches, filesAndImports } from './util/files-and-imports';
import { deliveryIdInScope, operationPath } from './util/delivery-id';
import { isTestFile } from './util/is-test-file';
import { mayHaveEffect, nonIdempotentEffect, type Effect } from './util/non-idempotent-effects';
import { retriedTry } from './util/retry-loop';
import { skipOuterExpressions } from './util/skip-outer-expressions';
import { specifierListSchema, type TypeOrValueSpecifier } from './util/specifier';
import { modulePattern, specifierNames, wordPattern } from './util/specifier-names';

export interface Options {
  /** Calls that register request handlers, beyond the frameworks asyncsense knows (shared with no-blocking-io). */
  readonly handlers: readonly TypeOrValueSpecifier[];
  /** Calls that register at-least-once consumers, beyond the queues asyncsense knows. */
  readonly consumers: readonly TypeOrValueSpecifier[];
  /** Functions that run the function they are given again after a failure, beyond the retry packages asyncsense knows. */
  readonly retryWrappers: readonly TypeOrValueSpecifier[];
  /** Also check tests, mocks and seed data, which are skipped by default. */
  readonly checkTestFiles: boolean;
}

export type MessageId = 'repeatedEffect' | 'freshKey' | 'addIdempotencyKey' | 'addIdempotencyKeyOption';

/** The packages a file that retries or consumes at least once imports, and the words of a retry loop. */
const RETRY_SIGNALS = new RegExp(`${modulePattern(RUNS_AGAIN_PACKAGES)}|[Aa]ttempt|[Rr]etr[iy]`, 'u');

/** The packages whose registrations may name a function declared elsewhere (`new Worker(queue, process)`). */
const REGISTERING_PACKAGES = new RegExp(modulePattern(REGISTERED_ELSEWHERE_PACKAGES), 'u');

/** Names that say a condition checks whether this input was already handled. */
const PROCESSED_CHECK = /\b(?:id|messageId|jobId|eventId|idempotencyKey|deliveryTag|offset|processed\w*|handled\w*|seen\w*)\b/iu;

/** Where the code runs again for the same input, and why. */
interface RunsAgain {
  readonly source: HandlerSource;
  /** The handler or retried function, where a processed-input check would stand. */
  readonly scope: ts.Node;
}

export const noNonIdempotentRetry: Rule<Options, MessageId> = {
  id: 'no-non-idempotent-retry',
  // The files that import a queue or retry package, speak of retries, or name one of the user's
  // own, and the files they import, where the helpers they call are declared.
  reach: { files: ({ program, options }) => filesAndImports(program, filePattern(options)) },
  meta: {
    type: 'problem',
    description: 'Disallow payments, inserts, emails and other non-idempotent effects without a guard in code that may run twice for one input.',
    recommended: false,
    hasSuggestions: true,
    messages: {
      repeatedEffect: '{{what}} in {{name}} has no idempotency guard, and {{because}}: a second run repeats it. Give it an idempotency key that stays the same across runs (from the job or message id), make it an upsert, or check for work already done first.',
      freshKey: '{{what}} in {{name}} gets a new idempotency key on every run, and {{because}}: a second run is not recognised as a repeat. Make the key once, outside what runs again, or derive it from the job or message id.',
      addIdempotencyKey: 'Send `Idempotency-Key: {{key}}`.',
      addIdempotencyKeyOption: 'Pass an `idempotencyKey` made from `{{id}}`.',
    },
    schema: [{
      type: 'object',
      additionalProperties: false,
      properties: {
        handlers: specifierListSchema,
        consumers: specifierListSchema,
        retryWrappers: specifierListSchema,
        checkTestFiles: { type: 'boolean' },
      },
    }],
    defaultOptions: { handlers: [], consumers: [], retryWrappers: [], checkTestFiles: false },
  },
  create(context) {
    const { checker, program, sourceFile, options } = context;
    if (!options.checkTestFiles && isTestFile(program, sourceFile)) return {};
    const handlers: HandlerContext = {
      program, checker, handlers: options.handlers, consumers: options.consumers, retryWrappers: options.retryWrappers, cacheKey: options,
      registrationFiles: registrationPattern(options),
    };
    // Looking a function up by name across the project is worth it only in a file that speaks of
    // a registration that can name one (a queue or retry package's import, or the user's own), or
    // that such a file imports.
    const byName = filesAndImports(program, registrationPattern(options)).has(sourceFile);

    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression),
    };

    function checkCall(call: ts.CallExpression): void {
      if (!mayHaveEffect(call)) return;
      // What the call does is a question about it alone; where it runs, one about every function
      // around it, so that comes second.
      const effect = nonIdempotentEffect(program, checker, call);
      if (!effect) return;
      const again = runsAgain(call);
      if (!again || hasProcessedCheck(again.scope, call)) return;
      const data = { what: capitalise(effect.what), name: again.source.name, because: again.source.because ?? 'it may run again' };
      const suggestions = effect.freshKey ? [] : keySuggestions(effect, again);
      context.report({
        messageId: effect.freshKey ? 'freshKey' : 'repeatedEffect',
        data,
        start: call.getStart(sourceFile),
        end: call.getEnd(),
        suggestions,
      });
    }

    /**
     * The retry loop, retried function or at-least-once consumer the call runs in, if any: around
     * it, or one call up, when the function it is in is the project's helper that one of them
     * calls (`retryHttp(() => this.uploadBlob(blob))`, the POST in `uploadBlob`).
     */
    function runsAgain(call: ts.CallExpression): RunsAgain | undefined {
      const around = runsAgainAround(call);
      if (around !== undefined) return around || undefined;
      const helper = ts.findAncestor(call.parent, (node) => ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body !== undefined) as
        ts.SignatureDeclaration | undefined;
      const name = helper && ts.getNameOfDeclaration(helper)?.getText(sourceFile);
      if (!helper || !name) return undefined;
      for (const site of callSites(checker, helper, projectFiles(program)) ?? []) {
        // A test that retries the helper says nothing about how the code runs, unless tests are checked.
        if (!options.checkTestFiles && isTestFile(program, site.getSourceFile())) continue;
        const caller = runsAgainAround(site);
        if (caller) return { source: { ...caller.source, name: `\`${name}\`, which ${caller.source.name} calls,` }, scope: helper };
      }
      return undefined;
    }

    /** What runs the code around `call` again, `false` when a request handler runs it once, `undefined` when nothing says. */
    function runsAgainAround(call: ts.CallExpression): RunsAgain | false | undefined {
      // A loop (or a function calling itself) that tries one endpoint after another looks like one
      // that retries: only a file that speaks of attempts or retries is taken to retry by hand.
      const retried = fileMatches(call.getSourceFile(), filePattern(options)) ? retriedTry(call) : undefined;
      if (retried?.by === 'loop') {
        return { source: { kind: 'retry', name: 'a retry loop', because: 'the loop runs it again after a failure' }, scope: retried.block };
      }
      if (retried) {
        return { source: { kind: 'retry', name: 'a function that retries itself', because: 'it calls itself again after a failure' }, scope: retried.block };
      }
      for (let node: ts.Node | undefined = call.parent; node; node = node.parent) {
        if (!ts.isFunctionLike(node) || !(node as ts.FunctionLikeDeclaration).body) continue;
        const fn = node as ts.SignatureDeclaration;
        const source = byName ? handlerSource(handlers, fn) : handlerSourceWhereWritten(handlers, fn);
        if (source?.kind === 'request') return false;
        if (source) return { source, scope: node };
      }
      return undefined;
    }

    /**
     * An idempotency key from the id of the job or message in scope: an `Idempotency-Key` header
     * for a `fetch` in a BullMQ processor or an SQS handler, `idempotencyKey` for a Stripe call.
     */
    function keySuggestions(effect: Effect, again: RunsAgain): Suggestion[] {
      const call = effect.headerTarget?.call ?? effect.keyTarget?.call;
      const id = call && deliveryIdInScope(checker, call, again.scope);
      if (!id) return [];
      const header = effect.headerTarget;
      const key = id.text ? id.expression : `String(${id.expression})`;
      // `axios.post(url, data)`: the options go after the arguments before them.
      if (header && !header.init && header.optionsIndex === header.call.arguments.length) {
        const end = header.call.arguments.at(-1)!.getEnd();
        return [{
          messageId: 'addIdempotencyKey',
          data: { key },
          edits: (): TextEdit[] => [{ start: end, end, newText: `, { headers: { 'Idempotency-Key': ${key} } }` }],
        }];
      }
      if (header?.init) {
        const init = header.init;
        return [{
          messageId: 'addIdempotencyKey',
          data: { key },
          edits: (): TextEdit[] => {
            const headers = init.properties.find((property): property is ts.PropertyAssignment =>
              ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'headers');
            const entry = `'Idempotency-Key': ${key}`;
            const value = headers && skipOuterExpressions(headers.initializer);
            if (value && ts.isObjectLiteralExpression(value)) return [appendProperty(value, entry)];
            return [appendProperty(init, `headers: { ${entry} }`)];
          },
        }];
      }
      const target = effect.keyTarget;
      // The options go after the arguments before them; a call that leaves those out gets no fix.
      if (!target || (!target.options && target.call.arguments.length !== target.index)) return [];
      // A package scopes its keys to the account, not the endpoint: one job's charge and refund need
      // keys of their own, and so do job 42 of one queue and job 42 of another.
      const parts = [id.queue, id.expression].filter((part) => part !== undefined).map((part) => `\${${part}}`);
      const optionKey = `\`${[operationPath(target.call), ...parts].join('-')}\``;
      const options = target.options;
      return [{
        messageId: 'addIdempotencyKeyOption',
        data: { id: id.expression },
        edits: (): TextEdit[] => {
          if (options) return [appendProperty(options, `idempotencyKey: ${optionKey}`)];
          const end = target.call.arguments.at(-1)?.getEnd();
          const at = end ?? target.call.arguments.pos;
          return [{ start: at, end: at, newText: `${end === undefined ? '' : ', '}{ idempotencyKey: ${optionKey} }` }];
        },
      }];
    }

    function appendProperty(object: ts.ObjectLiteralExpression, text: string): TextEdit {
      const last = object.properties.at(-1);
      if (!last) {
        const start = object.getStart(sourceFile) + 1;
        return { start, end: start, newText: ` ${text} ` };
      }
      return { start: last.getEnd(), end: last.getEnd(), newText: `, ${text}` };
    }
  },
};

/**
 * An `if` before the effect, in the handler, that leaves when the input was handled already:
 * `if (await processed.has(job.id)) return;`.
 */
function hasProcessedCheck(scope: ts.Node, call: ts.CallExpression): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.getStart() >= call.getStart()) return;
    if (ts.isIfStatement(node) && exits(node.thenStatement) && isProcessedCheck(node.expression)) found = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  return found;
}

/**
 * `await processed.has(job.id)`, `alreadyHandled`: a condition that looks the input up, or names
 * what it found. `!job.data.user.id` tests a field of the input, which a second run has too.
 */
function isProcessedCheck(condition: ts.Expression): boolean {
  const text = condition.getText();
  if (NAMES_WHAT_WAS_FOUND.test(text)) return true;
  return PROCESSED_CHECK.test(text) && someCodeNode(condition, (node) => ts.isCallExpression(node) || ts.isAwaitExpression(node));
}

/** Words of a name that holds whether the input was handled: `alreadyProcessed`, `seenBefore`. */
const NAMES_WHAT_WAS_FOUND = /processed|handled|seen|duplicate/iu;

function exits(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements.at(-1) : statement;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isContinueStatement(last) || ts.isThrowStatement(last));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Per options: the names of the user's own registrations, and the files the rule reads. */
const ownPatterns = new WeakMap<Options, RegExp | null>();
const filePatterns = new WeakMap<Options, RegExp>();

function ownNamesPattern(options: Options): RegExp | undefined {
  let pattern = ownPatterns.get(options);
  if (pattern === undefined) {
    const names = specifierNames([...options.handlers, ...options.consumers, ...options.retryWrappers]);
    ownPatterns.set(options, pattern = names.length === 0 ? null : new RegExp(names.map(wordPattern).join('|'), 'u'));
  }
  return pattern ?? undefined;
}

const registrationPatterns = new WeakMap<Options, RegExp>();

/** The files that can register a consumer or a retried function: a queue or retry package's import, or the user's names. */
function registrationPattern(options: Options): RegExp {
  return withOwnNames(registrationPatterns, options, REGISTERING_PACKAGES);
}

/** The files the rule reads: the retry signals, and the names of the user's own registrations. */
function filePattern(options: Options): RegExp {
  return withOwnNames(filePatterns, options, RETRY_SIGNALS);
}

function withOwnNames(cache: WeakMap<Options, RegExp>, options: Options, base: RegExp): RegExp {
  let pattern = cache.get(options);
  if (!pattern) {
    const own = ownNamesPattern(options);
    pattern = own ? new RegExp(`${base.source}|${own.source}`, 'u') : base;
    cache.set(options, pattern);
  }
  return pattern;
}
