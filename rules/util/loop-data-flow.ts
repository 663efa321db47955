import ts from 'typescript';
import type { Binding } from './binding';
import { bindingsReadBy } from './bindings-read-by';
import { bindingsWrittenBy } from './bindings-written-by';
import type { LoopIteration } from './loop-iteration';
import { skipOuterExpressions } from './skip-outer-expressions';

/** How data flows between the iterations of a loop that awaits. */
export interface LoopDataFlow {
  /**
   * Something an iteration writes once its work has started (a cursor, a token, an accumulator),
   * or makes from the previous iteration's value before it (a directory's child), is read by what
   * decides the next iteration's work: the loop condition, an awaited operand, or a condition that
   * guards one.
   */
  readonly carried: boolean;
  /** Some awaited operand reads the item, directly or through a name computed from it. */
  readonly readsItem: boolean;
  /**
   * Statements from the first await on that change state outside the body in an order-dependent
   * way (`results.push(x)`, `last = x`); run concurrently, they would happen in completion order.
   */
  readonly orderedWrites: readonly ts.Statement[];
}

/** Updates whose final result does not depend on the order they run in. */
const COMMUTATIVE_METHODS = new Set(['set', 'add', 'delete']);

export function loopDataFlow(checker: ts.TypeChecker, iteration: LoopIteration, awaits: readonly ts.AwaitExpression[]): LoopDataFlow {
  const { body, loop } = iteration;
  const statements = (ts.isBlock(body) ? body.statements : [body]).map((statement) => ({
    statement,
    reads: bindingsReadBy(checker, statement),
    writes: writesBesidesAwaitedCalls(checker, statement, awaits),
  }));
  const firstAwait = statements.findIndex(({ statement }) => awaits.some((node) => contains(statement, node)));
  const laterWrites = statements.slice(Math.max(firstAwait, 0)).map(({ statement, writes }) => ({
    statement,
    outside: [...writes].filter((binding) => !isDeclaredInside(binding, body)),
  }));
  const carriedOver = new Set(laterWrites.flatMap(({ outside }) => outside));
  for (const binding of chainLinks(checker, statements.slice(0, Math.max(firstAwait, 0)), body)) carriedOver.add(binding);

  const operandReads = closeOver(new Set(awaits.flatMap((node) => [...bindingsReadBy(checker, node.expression)])));
  const decisions = new Set(operandReads);
  for (const node of [...awaits, ...guardedJumps(body)]) {
    for (const guard of guardsOf(node, body)) addAll(decisions, bindingsReadBy(checker, guard));
  }
  for (const part of loopControl(loop)) addAll(decisions, bindingsReadBy(checker, part));
  closeOver(decisions);

  const items = bindingsWrittenBy(checker, iteration.item);
  return {
    carried: [...carriedOver].some((binding) => decisions.has(binding)),
    readsItem: [...items].some((binding) => operandReads.has(binding)),
    orderedWrites: laterWrites
      .filter(({ statement, outside }) => outside.length > 0 && !isCommutativeUpdate(statement))
      .map(({ statement }) => statement),
  };

  /** Adds what the body's statements read to compute the bindings already in `reads`. */
  function closeOver(reads: Set<Binding>): Set<Binding> {
    for (let changed = true; changed;) {
      changed = false;
      for (const { writes, reads: inputs } of statements) {
        if (![...writes].some((binding) => reads.has(binding))) continue;
        for (const binding of inputs) {
          if (reads.has(binding)) continue;
          reads.add(binding);
          changed = true;
        }
      }
    }
    return reads;
  }
}

/**
 * What `statement` writes, leaving out the receiver an awaited call changes (`await cache.delete(k)`
 * writes `cache`): that is the work itself, whose order the caller judges separately.
 */
function writesBesidesAwaitedCalls(checker: ts.TypeChecker, statement: ts.Statement, awaits: readonly ts.AwaitExpression[]): Set<Binding> {
  const calls = awaits.filter((node) => contains(statement, node)).map((node) => skipOuterExpressions(node.expression)).filter(ts.isCallExpression);
  // Everything but the awaited calls, so that `cursor = await cursor.next()` still writes `cursor`;
  // of the calls themselves only their arguments.
  const writes = bindingsWrittenBy(checker, statement, new Set(calls));
  for (const call of calls) {
    for (const argument of call.arguments) addAll(writes, bindingsWrittenBy(checker, argument));
  }
  return writes;
}

/**
 * `dir = dir.directory(segment)` before `await dir.mkdir()`: a binding from outside the body that
 * each iteration makes from the one before walks a chain (a path, a tree, a linked list), and an
 * await that reads it works on the link after the previous iteration's, a child that may need its
 * parent done first. A number (`index += 1`) only counts.
 */
function chainLinks(checker: ts.TypeChecker, before: readonly { statement: ts.Statement; reads: Set<Binding> }[], body: ts.Statement): Binding[] {
  return before.flatMap(({ statement, reads }) => {
    const expression = ts.isExpressionStatement(statement) ? skipOuterExpressions(statement.expression) : undefined;
    if (!expression || !ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken
      || !ts.isIdentifier(expression.left)) {
      return [];
    }
    const binding = checker.getSymbolAtLocation(expression.left);
    return binding && reads.has(binding) && !isDeclaredInside(binding, body)
      && !(checker.getTypeOfSymbol(binding).flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) ? [binding] : [];
  });
}

/** The parts of the loop's own syntax that decide whether and how it goes on. */
function loopControl(loop: ts.IterationStatement): ts.Expression[] {
  if (ts.isForStatement(loop)) return [loop.condition, loop.incrementor].filter((part) => part !== undefined);
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return [loop.expression];
  return [];
}

/** `continue` statements, whose guards decide whether the rest of an iteration runs. */
function guardedJumps(body: ts.Statement): ts.Node[] {
  const jumps: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isContinueStatement(node)) jumps.push(node);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return jumps;
}

/** The conditions between `node` and the loop body that decide whether `node` runs. */
function guardsOf(node: ts.Node, body: ts.Statement): ts.Expression[] {
  const guards: ts.Expression[] = [];
  for (let child = node, parent = node.parent; parent && child !== body; child = parent, parent = parent.parent) {
    if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression !== child) {
      guards.push(parent.expression);
    } else if (ts.isConditionalExpression(parent) && parent.condition !== child) {
      guards.push(parent.condition);
    } else if (ts.isBinaryExpression(parent) && parent.right === child && isShortCircuit(parent.operatorToken.kind)) {
      guards.push(parent.left);
    } else if (ts.isCaseClause(parent) && ts.isCaseBlock(parent.parent)) {
      guards.push(parent.parent.parent.expression);
    }
  }
  return guards;
}

function isShortCircuit(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken
    || operator === ts.SyntaxKind.QuestionQuestionToken;
}

/** `total += n`, `count++`, `seen.add(id)`, `byId.set(id, user)`, possibly of an awaited value. */
function isCommutativeUpdate(statement: ts.Statement): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const expression = skipOuterExpressions(statement.expression);
  if (ts.isPostfixUnaryExpression(expression) || ts.isPrefixUnaryExpression(expression)) {
    return expression.operator === ts.SyntaxKind.PlusPlusToken || expression.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if (ts.isBinaryExpression(expression)) {
    return expression.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || expression.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken;
  }
  if (ts.isAwaitExpression(expression)) return false;
  if (!ts.isCallExpression(expression)) return false;
  const callee = skipOuterExpressions(expression.expression);
  return ts.isPropertyAccessExpression(callee) && COMMUTATIVE_METHODS.has(callee.name.text);
}

function isDeclaredInside(binding: Binding, body: ts.Statement): boolean {
  if (typeof binding === 'symbol') return false;
  const declarations = binding.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => contains(body, declaration)
    && !(ts.isVariableDeclaration(declaration) && !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.BlockScoped)));
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

function addAll(target: Set<Binding>, source: Iterable<Binding>): void {
  for (const binding of source) target.add(binding);
}
