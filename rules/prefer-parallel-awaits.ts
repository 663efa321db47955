import ts from 'typescript';
import type { Rule, RuleContext, Suggestion } from './core/types';
import { awaitsPendingWork } from './util/awaits-pending-work';
import { boundNames } from './util/bound-names';
import { canRewriteAsPromiseAll } from './util/can-rewrite-as-promise-all';
import { containsAwait } from './util/contains-await';
import { groupIndependentAwaits, type Group, type Member } from './util/group-independent-awaits';
import { isDisposable } from './util/is-disposable';
import { isEffectfulOperation } from './util/is-effectful-operation';
import { isInDeprecatedCode } from './util/is-in-deprecated-code';
import { asksAPerson } from './util/is-interactive-operation';
import { isScriptFile } from './util/is-script-file';
import { isTestFile } from './util/is-test-file';
import { memoKeyParameters } from './util/memo-key';
import { operationName } from './util/operation-name';
import { MAY_WAIT_ON_IO, performsIo } from './util/performs-io';
import { promiseAllEdits } from './util/promise-all-edits';
import { runsOnce } from './util/runs-once';
import { skipOuterExpressions } from './util/skip-outer-expressions';

export interface Options {
  /** Also check tests, mocks and seed data (`*.test.ts`, `test/`, `__mocks__/`, `seed/` …), which are skipped by default. */
  readonly checkTestFiles: boolean;
  /** Also check command-line programs, one-shot scripts and start-up code (`cli/`, `scripts/`, `migrations/`, `cli.ts`, a commander command's action, `main`, `init…`, `setup…`, `migrate…`), which are skipped by default. */
  readonly checkScripts: boolean;
}

export type MessageId = 'sequential' | 'awaitTogether';

type Context = RuleContext<Options, MessageId>;

/** The longest a binding pattern may be to be quoted in the message as written. */
const MAX_QUOTED_PATTERN = 40;

export const preferParallelAwaits: Rule<Options, MessageId> = {
  id: 'prefer-parallel-awaits',
  reach: { text: /\bawait\b/u, awaitsOnly: true },
  meta: {
    type: 'suggestion',
    description: 'Require awaits in the same block that do not depend on each other to run together with `Promise.all`.',
    recommended: false,
    hasSuggestions: true,
    messages: {
      sequential: '{{names}} are awaited one after the other but do not depend on each other; run them together with `Promise.all`.',
      awaitTogether: 'Await them together with `Promise.all`.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: { checkTestFiles: { type: 'boolean' }, checkScripts: { type: 'boolean' } } }],
    defaultOptions: { checkTestFiles: false, checkScripts: false },
  },
  create(context) {
    const { checker, sourceFile } = context;
    if (!context.options.checkTestFiles && isTestFile(context.program, sourceFile)) return {};
    if (!context.options.checkScripts && isScriptFile(context.program, sourceFile)) return {};

    return {
      [ts.SyntaxKind.SourceFile]: (node) => checkStatements(node, (node as ts.SourceFile).statements),
      [ts.SyntaxKind.Block]: (node) => checkStatements(node, (node as ts.Block).statements),
      [ts.SyntaxKind.CaseClause]: (node) => checkStatements(node, (node as ts.CaseClause).statements),
      [ts.SyntaxKind.DefaultClause]: (node) => checkStatements(node, (node as ts.DefaultClause).statements),
    };

    function checkStatements(container: ts.Node, statements: readonly ts.Statement[]): void {
      const candidates = new Map<ts.Statement, Member>();
      for (const statement of statements) {
        const member = syntacticMember(statement);
        // A call that changes something by its name keeps its place: `save`, `send`, `sleep`, `confirm`…
        if (member && !isEffectfulOperation(member.operand)) candidates.set(statement, member);
      }
      if (candidates.size < 2 || isInDeprecatedCode(container)) return;
      for (const member of isolated([...candidates.values()])) candidates.delete(member.statement);
      if (candidates.size < 2) return;
      // Awaits in a loop body are no-await-in-loop's: the fix there collects across iterations.
      if (isInLoopBody(container)) return;
      // Start-up code and the action of a command-line program's command run once, as a script does.
      if (!context.options.checkScripts && runsOnce(checker, container)) return;
      // The checker's questions about a call are asked only of the members of a group, far fewer
      // than the candidates; a member they rule out leaves the block to be grouped again without it.
      const ruledOut = new Set<ts.Statement>();
      for (;;) {
        const groups = groupIndependentAwaits(checker, statements, (statement) => (ruledOut.has(statement) ? undefined : candidates.get(statement)));
        const members = groups.flatMap((group) => group.members.filter((member, index) => isCleanedUpLater(member) || isRecursive(member)
          || acquiresResource(member) || !mayOverlap(member)
          || group.members.slice(0, index).some((earlier) => sharesCacheEntry(earlier, member))));
        if (members.length === 0) {
          for (const group of groups) report(group);
          return;
        }
        for (const member of members) ruledOut.add(member.statement);
      }
    }

    /**
     * `await walk(left)` inside `walk`: calls of the function they are in. Run together, each level
     * of the recursion would start its calls beside the others, as many at once as the walk has
     * branches.
     */
    function isRecursive(member: Member): boolean {
      const enclosing = ts.findAncestor(member.statement, ts.isFunctionLike);
      const name = enclosing && functionName(enclosing);
      // The checker is asked only when the callee has the function's own name.
      return name !== undefined && operationName(member.operand) === name
        && checker.getResolvedSignature(member.operand)?.declaration === enclosing;
    }

    /**
     * Whether a member's call waits for work still under way that may wait on I/O, as
     * `no-await-in-loop` asks it, and asks no one anything. Async code that only computes gains
     * nothing from running beside other work.
     */
    function mayOverlap(member: Member): boolean {
      return awaitsPendingWork(checker, member.operand) && !asksAPerson(checker, member.operand)
        && performsIo(context.program, checker, member.operand, MAY_WAIT_ON_IO);
    }

    /**
     * `const stream = await blobstore.getStream(cid)`: the await opens something its owner must
     * close (a stream, a file handle, a pooled connection). Run together with a call that fails,
     * it would still open, and no one would be left to close it.
     */
    function acquiresResource(member: Member): boolean {
      return isDisposable(checker, checker.getTypeAtLocation(member.awaitExpression));
    }

    /**
     * `resolve(start, network)` then `resolve(end, network)` of a function that keeps its answers
     * by `network.name`: the later call answers from the entry the earlier one made.
     */
    function sharesCacheEntry(earlier: Member, later: Member): boolean {
      if (earlier.operand.expression.getText(sourceFile) !== later.operand.expression.getText(sourceFile)) return false;
      const key = memoKeyParameters(checker, later.operand);
      return key !== undefined && key.every((index) =>
        earlier.operand.arguments[index]?.getText(sourceFile) === later.operand.arguments[index]?.getText(sourceFile));
    }

    function report(group: Group): void {
      const second = group.members[1]!.awaitExpression;
      context.report({
        messageId: 'sequential',
        data: { names: listNames(group.members.map((member) => nameOf(sourceFile, member))) },
        start: second.getStart(sourceFile),
        end: second.getEnd(),
        suggestions: suggestFix(context, group),
      });
    }
  },
};

/**
 * `const x = await call(…);` or `let`, one declaration, the await the whole initializer. The call
 * must start work here: awaiting a promise that already exists (`await pending`) reorders nothing,
 * and `Promise.all(…)` and friends are the grouping already done.
 */
function syntacticMember(statement: ts.Statement): Member | undefined {
  if (!ts.isVariableStatement(statement)) return undefined;
  const list = statement.declarationList;
  if (!(list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) || list.flags & ts.NodeFlags.Using) return undefined;
  if (list.declarations.length !== 1) return undefined;
  const declaration = list.declarations[0]!;
  if (!declaration.initializer || declaration.exclamationToken) return undefined;
  const initializer = skipParentheses(declaration.initializer);
  if (!ts.isAwaitExpression(initializer)) return undefined;
  const operand = skipOuterExpressions(initializer.expression);
  if (!ts.isCallExpression(operand) || isPromiseStatic(operand) || containsAwait(operand)) return undefined;
  return { statement, declaration, awaitExpression: initializer, operand };
}

/**
 * `const workDir = await mkdtemp(…)` with `finally { await rm(workDir, …) }` further down: the
 * await acquires something the code cleans up once it has it. Run together with a call that
 * fails, the acquisition would still complete, and the cleanup that the failure skips would leak
 * it (a temporary directory, a pooled connection, an open file).
 */
function isCleanedUpLater(member: Member): boolean {
  const names = new Set(boundNames(member.declaration.name));
  const body = ts.findAncestor(member.statement.parent, (node) => ts.isFunctionLike(node) || ts.isSourceFile(node));
  return body !== undefined && cleanupBlocks(body).some(({ start, block }) => start >= member.statement.end && mentionsAny(block, names));
}

/** The `catch` and `finally` blocks of a function's `try` statements, each with where its `try` starts. */
function cleanupBlocks(body: ts.Node): readonly { readonly start: number; readonly block: ts.Block }[] {
  let blocks = cleanupBlocksByBody.get(body);
  if (blocks) return blocks;
  const found: { start: number; block: ts.Block }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTryStatement(node)) {
      for (const block of [node.catchClause?.block, node.finallyBlock]) if (block) found.push({ start: node.pos, block });
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  cleanupBlocksByBody.set(body, blocks = found);
  return blocks;
}

const cleanupBlocksByBody = new WeakMap<ts.Node, readonly { readonly start: number; readonly block: ts.Block }[]>();

/** `walk` for `function walk`, `walk() {}` and `const walk = async () => …`. */
function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)
    ? parent.name.text : undefined;
}

/**
 * The cheap test before any checker query. A group is a run of consecutive candidates, so a
 * candidate whose call names what the candidate before it declared cannot join that one, and if
 * the candidate after it names what it declared, neither can that one join it: such a candidate
 * is in no group. A chain such as `user = await find(id); orders = await list(user.id); total =
 * await sum(orders)` is settled here.
 */
function isolated(candidates: readonly Member[]): Member[] {
  const independent = candidates.map((member, index) => index > 0
    && !mentionsAny(member.operand, new Set(boundNames(candidates[index - 1]!.declaration.name))));
  return candidates.filter((_, index) => !independent[index] && !independent[index + 1]);
}

/** Whether `node` uses one of `names` as a value (not as a property name after a dot or a key). */
function mentionsAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node)) {
    const parent = node.parent;
    const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node)
      || (ts.isPropertyAssignment(parent) && parent.name === node);
    return !isPropertyName && names.has(node.text);
  }
  return ts.forEachChild(node, (child) => mentionsAny(child, names)) ?? false;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/** `Promise.all`, `Promise.race`, `Promise.resolve`, …: combinators and wrappers, not work. */
function isPromiseStatic(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
}

function isInLoopBody(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isFunctionLike(current); current = current.parent) {
    if (ts.isIterationStatement(current, false)) return true;
  }
  return false;
}

function nameOf(sourceFile: ts.SourceFile, member: Member): string {
  const name = member.declaration.name;
  if (ts.isIdentifier(name)) return name.text;
  const text = name.getText(sourceFile).replace(/\s+/gu, ' ');
  return text.length <= MAX_QUOTED_PATTERN ? text : boundNames(name).join(', ');
}

/** "`a` and `b`", "`a`, `b` and `c`". */
function listNames(names: readonly string[]): string {
  const quoted = names.map((name) => `\`${name}\``);
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

function suggestFix(context: Context, group: Group): Suggestion[] {
  const { program, sourceFile } = context;
  if (!canRewriteAsPromiseAll(program, sourceFile, group)) return [];
  return [{ messageId: 'awaitTogether', edits: () => promiseAllEdits(sourceFile, group) }];
}
