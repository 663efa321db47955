import ts from 'typescript';
import { constInitializer } from './const-initializer';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * Whether `callee` is a loader from Vite's `import.meta.glob(…)`, which is a dynamic `import()` of
 * the file: `modules['./og.js']`, also kept in a `const` (`const load = modules['./a.js'] ??
 * modules['./a.ts']`). Vite's transform knows it by its syntax, so does this.
 */
export function isGlobImportLoader(checker: ts.TypeChecker, callee: ts.Expression, depth = 0): boolean {
  const node = skipOuterExpressions(callee);
  if (depth > 3) return false;
  if (ts.isIdentifier(node)) {
    const initializer = constInitializer(checker, node);
    return initializer !== undefined && isGlobImportLoader(checker, initializer, depth + 1);
  }
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return isGlobImportLoader(checker, node.left, depth + 1) && isGlobImportLoader(checker, node.right, depth + 1);
  }
  if (ts.isElementAccessExpression(node) || ts.isPropertyAccessExpression(node)) return isGlobImport(checker, node.expression);
  return false;
}

/** `import.meta.glob(…)`, itself or through a `const`: a record of loaders. */
function isGlobImport(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  let node = skipOuterExpressions(expression);
  if (ts.isIdentifier(node)) node = skipOuterExpressions(constInitializer(checker, node) ?? node);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'glob') return false;
  const meta = node.expression.expression;
  return ts.isMetaProperty(meta) && meta.keywordToken === ts.SyntaxKind.ImportKeyword && meta.name.text === 'meta';
}
