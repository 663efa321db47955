import ts from 'typescript';

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
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node) && depth.loopDepth === 0) awaits.push(node);
    if (ts.isYieldExpression(node)) hasSuspensionOrHoisting = true;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) hasSuspensionOrHoisting = true;
    if (ts.isForOfStatement(node) && node.awaitModifier) hasSuspensionOrHoisting = true;
    if (ts.isReturnStatement(node)) exits.push(node);
    if (ts.isThrowStatement(node) && depth.tryDepth === 0) exits.push(node);
    if (ts.isBreakStatement(node) && leavesLoop(node.label, depth.loopDepth + depth.switchDepth)) exits.push(node);
    if (ts.isLabeledStatement(node)) innerLabels.add(node.label.text);
    if (ts.isContinueStatement(node)) {
      if (node.label && node.label.text !== label && !innerLabels.has(node.label.text)) exits.push(node);
      else if (leavesLoop(node.label, depth.loopDepth)) continues.push(node);
    }
    if (ts.isTryStatement(node)) {
      visit(node.tryBlock, { ...depth, tryDepth: node.catchClause ? depth.tryDepth + 1 : depth.tryDepth });
      if (node.catchClause) visit(node.catchClause, depth);
      if (node.finallyBlock) visit(node.finallyBlock, depth);
      return;
    }
    const nested = ts.isIterationStatement(node, false)
      ? { ...depth, loopDepth: depth.loopDepth + 1 }
      : ts.isSwitchStatement(node) ? { ...depth, switchDepth: depth.switchDepth + 1 } : depth;
    ts.forEachChild(node, (child) => visit(child, nested));
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
