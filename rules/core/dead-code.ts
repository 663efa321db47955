import ts from 'typescript';
import { nodeAt } from './code-nodes';

/**
 * Whether the code at `position` can never run: it follows a `return`, `throw`, `break` or
 * `continue` in its own list of statements (`return 2;` left at the top of a function turned
 * off), or lies inside such a statement. A function declaration there is hoisted, so it is still
 * made, and what it holds runs when it is called.
 */
export function isDeadCode(sourceFile: ts.SourceFile, position: number): boolean {
  for (let node: ts.Node = nodeAt(sourceFile, position); !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isFunctionDeclaration(node) && followsExit(node)) return true;
  }
  return false;
}

function followsExit(node: ts.Node): boolean {
  const list = statementsHolding(node.parent);
  if (!list) return false;
  for (const statement of list) {
    if (statement === node) return false;
    if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isBreakStatement(statement)
      || ts.isContinueStatement(statement)) {
      return true;
    }
  }
  return false;
}

function statementsHolding(parent: ts.Node): ts.NodeArray<ts.Statement> | undefined {
  if (ts.isBlock(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) return parent.statements;
  return undefined;
}
