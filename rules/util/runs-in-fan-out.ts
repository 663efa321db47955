import ts from 'typescript';
import { references } from './call-sites';
import { isPromiseCombinator } from './promise-combinator';
import { LIMITING_WITH_CONCURRENCY } from './routes-through-limiter';
import { skipOuterExpressions } from './skip-outer-expressions';
import { valueMatchesSpecifier } from './value-matches-specifier';

/** Array methods that call their callback once per element and give back what each call answers. */
const MAPPING = new Set(['map', 'flatMap']);

/**
 * Whether a function already runs side by side with other calls of itself: it is the callback of
 * a fan-out (`Promise.all(jobs.map(async (job) => …))`, `pMap(jobs, async (job) => …)`), or every
 * use of it in its own file is made in one (`Promise.all(jobs.map((job) => this.emit(job)))`, or
 * `jobs.map(emit)` handed to `Promise.all`), one level of callers up. Its work is already
 * concurrent; a loop in it run concurrently too would multiply what is under way by the width of
 * the fan-out around it. Only the function's own file is searched: a search of the project for
 * every loop about to be reported costs more than the rule's other questions together, and a
 * caller elsewhere that runs it alone only costs a report.
 */
export function runsInFanOut(program: ts.Program, checker: ts.TypeChecker, fn: ts.SignatureDeclaration): boolean {
  if (isFanOutCallback(program, checker, fn)) return true;
  const found = references(checker, fn, [fn.getSourceFile()]);
  if (!found || found.calls.length + found.values.length === 0) return false;
  return found.values.every((value) => isFanOutCallback(program, checker, value))
    && found.calls.every((call) => {
      const caller = ts.findAncestor(call.parent, ts.isFunctionLike);
      return caller !== undefined && isFanOutCallback(program, checker, caller);
    });
}

/** `cb` in `Promise.all(jobs.map(cb))` or `pMap(jobs, cb, …)`: a function, or a reference to one. */
function isFanOutCallback(program: ts.Program, checker: ts.TypeChecker, callback: ts.Node): boolean {
  let node = callback;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.expression);
  if (call.arguments[0] === node && ts.isPropertyAccessExpression(callee) && MAPPING.has(callee.name.text)) {
    let mapped: ts.Node = call;
    while (ts.isParenthesizedExpression(mapped.parent) || ts.isAsExpression(mapped.parent) || ts.isNonNullExpression(mapped.parent)) {
      mapped = mapped.parent;
    }
    const combinator = mapped.parent;
    return ts.isCallExpression(combinator) && combinator.arguments[0] === mapped && isPromiseCombinator(program, checker, combinator);
  }
  return call.arguments[1] === node && valueMatchesSpecifier(program, checker, callee, LIMITING_WITH_CONCURRENCY);
}
