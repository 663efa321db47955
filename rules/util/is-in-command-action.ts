import ts from 'typescript';
import { isDeclaredInPackage } from './is-declared-in-package';

/**
 * Whether `node` lies in the action of a command-line program's command: the function given to
 * commander's `.action(…)` (`program.command('deploy').action(async (options) => …)`). It runs
 * once, when a person types the command, wherever the file sits, as a script below `scripts/` does.
 */
export function isInCommandAction(checker: ts.TypeChecker, node: ts.Node): boolean {
  for (let current = node.parent; current !== undefined && !ts.isSourceFile(current); current = current.parent) {
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && isCommandAction(checker, current)) return true;
  }
  return false;
}

function isCommandAction(checker: ts.TypeChecker, fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  let answer = answers.get(fn);
  if (answer === undefined) {
    let argument: ts.Node = fn;
    while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
    const call = argument.parent;
    // The name first; the checker confirms that the method is commander's.
    const declaration = ts.isCallExpression(call) && call.arguments.includes(argument as ts.Expression)
      && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'action'
      ? checker.getResolvedSignature(call)?.declaration : undefined;
    answer = declaration !== undefined && isDeclaredInPackage(declaration, 'commander');
    answers.set(fn, answer);
  }
  return answer;
}

/** Answers per function: every loop and block inside one asks again. */
const answers = new WeakMap<ts.Node, boolean>();
