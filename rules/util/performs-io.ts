import ts from 'typescript';
import { isAmbient } from './is-ambient';
import { containsCall } from './contains-call';
import { declaredFunctionBody } from './declared-function-body';
import { isFileMetadataQuery } from './is-file-metadata-query';
import { isIoSignature } from './is-io-signature';
import { isReleaseOperation } from './is-release-operation';
import { operationName } from './operation-name';
import { skipOuterExpressions } from './skip-outer-expressions';
import { transactionHandle } from './transaction-handle';

/**
 * Whether running `node` (a callback, a reference to a function, or an expression that starts work)
 * does I/O: a call in its code that `isIoSignature` accepts, or one in the body of a function of
 * the project that it calls, one level down. Calls that release what is already held (`close`,
 * `disconnect`, `stop`) open nothing, nor do questions about a path (`exists`, `stat`), nor
 * statements through one transaction's handle, which run one at a time on its connection: neither
 * they nor the code behind them count.
 */
export function performsIo(program: ts.Program, checker: ts.TypeChecker, node: ts.Expression): boolean {
  const expression = skipOuterExpressions(node);
  if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) return hasIoCall(expression, 1);
  if (isReleaseOperation(ts.isIdentifier(expression) ? expression.text : expression.name.text)) return false;
  const signatures = checker.getTypeAtLocation(expression).getCallSignatures();
  if (signatures.some((signature) => isIoSignature(program, checker, signature))) return true;
  const body = declaredFunctionBody(checker, expression);
  return body !== undefined && hasIoCall(body, 1);

  function hasIoCall(root: ts.Node, helperDepth: number): boolean {
    return containsCall(root, (call) => {
      if (ts.isCallExpression(call) && (isReleaseOperation(operationName(call)) || transactionHandle(checker, call) !== undefined
        || isFileMetadataQuery(checker, call))) {
        return false;
      }
      const signature = checker.getResolvedSignature(call);
      if (!signature) return false;
      if (isIoSignature(program, checker, signature)) return true;
      const body = helperDepth > 0 ? implementation(signature) : undefined;
      return body !== undefined && hasIoCall(body, helperDepth - 1);
    });
  }
}

/** The body of the function behind a signature, when the project's own code declares it. */
function implementation(signature: ts.Signature): ts.Node | undefined {
  const { declaration } = signature;
  if (!declaration || isAmbient(declaration)) return undefined;
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)
    || ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) {
    return declaration.body;
  }
  return undefined;
}
