import ts from 'typescript';
import { isAmbient } from './is-ambient';
import { NodeAnswers } from './node-answers';
import { retriedTry } from './retry-loop';
import { skipOuterExpressions } from './skip-outer-expressions';

/** The project's own retry helpers, per checker: the positions of the parameters each runs again. */
const retriedParameters = new NodeAnswers<ts.SignatureDeclaration, ReadonlySet<number>>(new Set());

/** The owner of the answers, which depend on the project's code only. */
const PROJECT = {};

/**
 * Whether the project's own function that `call` calls runs the function passed at `index` again
 * after a failure: it calls that parameter in the `try` of a hand-written retry loop.
 *
 *     async function retriable<T>(run: () => Promise<T>): Promise<T> {
 *       for (let attempt = 1; ; attempt++) {
 *         try { return await run(); } catch (error) { if (attempt === 3) throw error; }
 *       }
 *     }
 */
export function retriesArgument(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression, index: number): boolean {
  const declaration = checker.getResolvedSignature(call)?.declaration;
  if (!declaration || ts.isJSDocSignature(declaration) || isAmbient(declaration)) return false;
  return retriedParameters.get(PROJECT, checker, declaration, () => findRetriedParameters(checker, declaration)).has(index);
}

function findRetriedParameters(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration): ReadonlySet<number> {
  const body = (declaration as ts.FunctionLikeDeclaration).body;
  const parameters = new Map<ts.Symbol, number>();
  declaration.parameters.forEach((parameter, index) => {
    const symbol = !parameter.dotDotDotToken && ts.isIdentifier(parameter.name) ? checker.getSymbolAtLocation(parameter.name) : undefined;
    if (symbol) parameters.set(symbol, index);
  });
  const retried = new Set<number>();
  if (!body || parameters.size === 0) return retried;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(node.expression);
      const symbol = ts.isIdentifier(callee) ? checker.getSymbolAtLocation(callee) : undefined;
      const index = symbol && parameters.get(symbol);
      if (index !== undefined && retriedTry(node)) retried.add(index);
    }
    // A function written inside runs on its own terms, not in this loop.
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return retried;
}

/**
 * Names that say a package's function runs what it is given again: `retry`, `withRetries`,
 * `createRetryable`; not a listener for retries (`onRetry`), which runs once for each.
 */
const RETRY_NAME = /^(?!on[A-Z])\w*(?:retry|retries|retriable)/iu;

/**
 * Whether `call` hands its function arguments to a package's retry wrapper that the handler model
 * does not list, known by the name its package declares: `retry(run)` of a retry package, or
 * `retryHttp(run)` where the project made `retryHttp` with a package's `createRetryable(…)`. The
 * name is the package's, not the project's: a project's `retryLater(job)` that only queues is
 * judged by its code (`retriesArgument`).
 */
export function isPackageRetryWrapper(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): boolean {
  const declaration = checker.getResolvedSignature(call)?.declaration;
  if (!declaration || ts.isJSDocSignature(declaration) || !isAmbient(declaration)) return false;
  if (namedAsRetry(declaration)) return true;
  // `const retryHttp = createRetryable(isRetryable)`: the wrapper is the answer of a package's factory.
  const callee = skipOuterExpressions(call.expression);
  let symbol = ts.isIdentifier(callee) ? checker.getSymbolAtLocation(callee) : undefined;
  // `import { retryHttp } from './util'`: the constant the import names.
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const made = symbol?.valueDeclaration;
  const initializer = made && ts.isVariableDeclaration(made) && made.initializer ? skipOuterExpressions(made.initializer) : undefined;
  if (!initializer || !ts.isCallExpression(initializer)) return false;
  const factory = checker.getResolvedSignature(initializer)?.declaration;
  return factory !== undefined && !ts.isJSDocSignature(factory) && isAmbient(factory) && namedAsRetry(factory);
}

function namedAsRetry(declaration: ts.Declaration): boolean {
  const name = ts.getNameOfDeclaration(declaration);
  return name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && RETRY_NAME.test(name.text);
}
