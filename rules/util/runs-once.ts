import ts from 'typescript';
import { nameOf } from './call-sites';
import { isDeclaredInPackage } from './is-declared-in-package';
import { words } from './last-word';

/**
 * Whether `node` lies in code that runs once, for whoever starts it: the action of a command-line
 * program's command, or a function named for setting the program up or moving its data (`main`,
 * a service's `start`, `init`, `initialize…`, `setup…`, `migrate…`, `…Migration…`). Only the
 * function that holds `node` counts by its name: a handler that start-up code registers
 * (`init() { routes.post('/authorize', async (c) => …) }`) runs on every request. Not
 * `bootstrap…`, which as often loads what one page or user starts with (`bootstrap(token)`).
 */
export function runsOnce(checker: ts.TypeChecker, node: ts.Node): boolean {
  const fn = ts.findAncestor(node, ts.isFunctionLike);
  return (fn !== undefined && isNamedForStartUp(fn)) || isInCommandAction(checker, node);
}

/**
 * Whole names of functions that run once per process: a program's `main`, and a service's
 * `start()`, which registers its handlers and opens what it listens on. `startTransfers(ids)` is
 * named for what each call starts.
 */
const ONCE_NAMES = new Set(['main', 'start']);

/** First words of the names of functions that set a program up or move its data, once. */
const START_UP_FIRST_WORDS = new Set(['init', 'initialize', 'initialise', 'setup', 'migrate']);

/** Words that name the moving of data from one shape to the next, anywhere in a name: `runMigrations`. */
const MIGRATION_WORDS = new Set(['migration', 'migrations']);

function isNamedForStartUp(fn: ts.SignatureDeclaration): boolean {
  const name = nameOf(fn);
  if (name === undefined) return false;
  const parts = words(name.text).map((word) => word.toLowerCase());
  const [first, second] = parts;
  if (first === undefined) return false;
  return ONCE_NAMES.has(name.text) || START_UP_FIRST_WORDS.has(first) || (first === 'set' && second === 'up')
    || parts.some((word) => MIGRATION_WORDS.has(word));
}

/**
 * Whether `node` lies in the action of a command-line program's command: the function given to
 * commander's `.action(…)` (`program.command('deploy').action(async (options) => …)`). It runs
 * once, when a person types the command, wherever the file sits, as a script below `scripts/` does.
 */
function isInCommandAction(checker: ts.TypeChecker, node: ts.Node): boolean {
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
