import ts from 'typescript';
import { THIS_BINDING, type Binding } from './binding';

/**
 * Every binding that evaluating `node` may read: identifiers resolved through the checker
 * (imports, closures and destructuring included), shorthand properties, and `this`. A property
 * read `user.id` reads `user`. Names that declare rather than read, property names and types are
 * left out. Code in nested functions counts, since it may run.
 */
export function bindingsReadBy(checker: ts.TypeChecker, node: ts.Node): Set<Binding> {
  const reads = new Set<Binding>();
  visit(node);
  return reads;

  function visit(current: ts.Node): void {
    if (ts.isIdentifier(current)) {
      if (!isDeclarationOrPropertyName(current)) addSymbol(checker.getSymbolAtLocation(current));
      return;
    }
    if (current.kind === ts.SyntaxKind.ThisKeyword) {
      reads.add(THIS_BINDING);
      return;
    }
    if (ts.isShorthandPropertyAssignment(current)) {
      addSymbol(checker.getShorthandAssignmentValueSymbol(current));
      if (current.objectAssignmentInitializer) visit(current.objectAssignmentInitializer);
      return;
    }
    if (ts.isPropertyAccessExpression(current)) {
      visit(current.expression);
      return;
    }
    if (ts.isTypeNode(current) && !ts.isExpressionWithTypeArguments(current)) return;
    ts.forEachChild(current, visit);
  }

  function addSymbol(symbol: ts.Symbol | undefined): void {
    if (symbol) reads.add(symbol);
  }
}

function isDeclarationOrPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)
    || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent)
    || ts.isClassExpression(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)
    || ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent)
    || ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isEnumMember(parent)
    || ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)
    || ts.isNamespaceImport(parent) || ts.isTypeAliasDeclaration(parent) || ts.isInterfaceDeclaration(parent))
    && (parent as { name?: ts.Node }).name === identifier) {
    return true;
  }
  if (ts.isBindingElement(parent) && parent.propertyName === identifier) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return true;
  return ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent);
}
