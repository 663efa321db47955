import ts from 'typescript';
import { isLeafKind, isTypeOnly } from '../core/code-nodes';

// Read once: TypeScript's module exports are getters, and the scan tests every node of a body.
const { forEachChild } = ts;
const {
  AwaitExpression: AWAIT, YieldExpression: YIELD, VariableDeclarationList: VARIABLE_DECLARATION_LIST, ForOfStatement: FOR_OF,
  ReturnStatement: RETURN, ThrowStatement: THROW, BreakStatement: BREAK, ContinueStatement: CONTINUE, LabeledStatement: LABELED,
  TryStatement: TRY, SwitchStatement: SWITCH,
} = ts.SyntaxKind;

/** What a loop body does, as far as running its iterations at once is concerned. */
export interface LoopBodyScan {
  /** Awaits that run once per iteration of this loop (not of a nested loop, not in a nested function). */
  readonly awaits: readonly ts.AwaitExpression[];
  /** `break`, `return` or `throw` that leave the loop (a `throw` caught inside the body does not). */
  readonly exits: readonly ts.Statement[];
  /** `continue` statements that go to this loop's next iteration. */
  readonly continues: readonly ts.ContinueStatement[];
  /** `yield`, `var`, or an `await` in a nested `for await`: iterations that cannot become callbacks. */
  readonly hasSuspensionOrHoisting: boolean;
}

/**
 * Walks `body` of `loop` once, without entering nested functions: their code runs when they are
 * called, not as part of the iteration.
 */
export function scanLoopBody(loop: ts.IterationStatement, body: ts.Statement): LoopBodyScan {
  const label = ts.isLabeledStatement(loop.parent) ? loop.parent.label.text : undefined;
  const awaits: ts.AwaitExpression[] = [];
  const exits: ts.Statement[] = [];
  const continues: ts.ContinueStatement[] = [];
  const innerLabels = new Set<string>();
  let hasSuspensionOrHoisting = false;
  visit(body, { loopDepth: 0, switchDepth: 0, tryDepth: 0 });
  return { awaits, exits, continues, hasSuspensionOrHoisting };

  function visit(node: ts.Node, depth: { loopDepth: number; switchDepth: number; tryDepth: number }): void {
    const kind = node.kind;
    // Tokens, names and types hold nothing the scan looks for.
    if (isLeafKind(kind) || isTypeOnly(kind) || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    switch (kind) {
      case AWAIT:
        if (depth.loopDepth === 0) awaits.push(node as ts.AwaitExpression);
        break;
      case YIELD:
        hasSuspensionOrHoisting = true;
        break;
      case VARIABLE_DECLARATION_LIST:
        if (!(node.flags & ts.NodeFlags.BlockScoped)) hasSuspensionOrHoisting = true;
        break;
      case FOR_OF:
        if ((node as ts.ForOfStatement).awaitModifier) hasSuspensionOrHoisting = true;
        break;
      case RETURN:
        exits.push(node as ts.ReturnStatement);
        break;
      case THROW:
        if (depth.tryDepth === 0) exits.push(node as ts.ThrowStatement);
        break;
      case BREAK: {
        const jump = node as ts.BreakStatement;
        if (leavesLoop(jump.label, depth.loopDepth + depth.switchDepth)) exits.push(jump);
        break;
      }
      case LABELED:
        innerLabels.add((node as ts.LabeledStatement).label.text);
        break;
      case CONTINUE: {
        const jump = node as ts.ContinueStatement;
        if (jump.label && jump.label.text !== label && !innerLabels.has(jump.label.text)) exits.push(jump);
        else if (leavesLoop(jump.label, depth.loopDepth)) continues.push(jump);
        break;
      }
      case TRY: {
        const statement = node as ts.TryStatement;
        visit(statement.tryBlock, { ...depth, tryDepth: statement.catchClause ? depth.tryDepth + 1 : depth.tryDepth });
        if (statement.catchClause) visit(statement.catchClause, depth);
        if (statement.finallyBlock) visit(statement.finallyBlock, depth);
        return;
      }
      default:
    }
    const nested = ts.isIterationStatement(node, false)
      ? { ...depth, loopDepth: depth.loopDepth + 1 }
      : kind === SWITCH ? { ...depth, switchDepth: depth.switchDepth + 1 } : depth;
    forEachChild(node, (child) => visit(child, nested));
  }

  /**
   * An unlabelled jump leaves only the innermost loop or switch; a labelled one leaves this loop
   * unless its label belongs to a statement inside the body.
   */
  function leavesLoop(target: ts.Identifier | undefined, enclosing: number): boolean {
    if (target) return target.text === label || !innerLabels.has(target.text);
    return enclosing === 0;
  }
}
