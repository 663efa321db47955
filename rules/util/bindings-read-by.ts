import ts from 'typescript';
import { isTypeOnly } from '../core/code-nodes';
import { THIS_BINDING, type Binding } from './binding';

// Read once: TypeScript's module exports are getters, and this runs for every node read.
const { forEachChild } = ts;
const {
  Identifier: IDENTIFIER, ThisKeyword: THIS, ShorthandPropertyAssignment: SHORTHAND_PROPERTY,
  PropertyAccessExpression: PROPERTY_ACCESS, BindingElement: BINDING_ELEMENT,
} = ts.SyntaxKind;

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
    const kind = current.kind;
    if (kind === IDENTIFIER) {
      if (!isDeclarationOrPropertyName(current as ts.Identifier)) addSymbol(checker.getSymbolAtLocation(current));
      return;
    }
    if (kind === THIS) {
      reads.add(THIS_BINDING);
      return;
    }
    if (kind === SHORTHAND_PROPERTY) {
      const shorthand = current as ts.ShorthandPropertyAssignment;
      addSymbol(checker.getShorthandAssignmentValueSymbol(shorthand));
      if (shorthand.objectAssignmentInitializer) visit(shorthand.objectAssignmentInitializer);
      return;
    }
    if (kind === PROPERTY_ACCESS) {
      visit((current as ts.PropertyAccessExpression).expression);
      return;
    }
    if (isTypeOnly(kind)) return;
    forEachChild(current, visit);
  }

  function addSymbol(symbol: ts.Symbol | undefined): void {
    if (symbol) reads.add(symbol);
  }
}

/** Declarations whose `name` declares rather than reads. */
const NAMED_DECLARATIONS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.Parameter, ts.SyntaxKind.BindingElement, ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.ClassExpression, ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.PropertySignature, ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor, ts.SyntaxKind.EnumMember, ts.SyntaxKind.ImportSpecifier,
  ts.SyntaxKind.ExportSpecifier, ts.SyntaxKind.ImportClause, ts.SyntaxKind.NamespaceImport, ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
]);

/** Statements whose identifier is a label. */
const LABELLED: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.LabeledStatement, ts.SyntaxKind.BreakStatement, ts.SyntaxKind.ContinueStatement,
]);


/** Tested for every identifier read, by kind: a chain of `ts.is…` calls costs a getter each. */
function isDeclarationOrPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  const kind = parent.kind;
  if (NAMED_DECLARATIONS.has(kind) && (parent as { name?: ts.Node }).name === identifier) return true;
  if (kind === BINDING_ELEMENT && (parent as ts.BindingElement).propertyName === identifier) return true;
  if (kind === PROPERTY_ACCESS && (parent as ts.PropertyAccessExpression).name === identifier) return true;
  return LABELLED.has(kind);
}
