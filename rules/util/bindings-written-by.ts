import ts from 'typescript';
import { isLeafKind, isTypeOnly } from '../core/code-nodes';
import { THIS_BINDING, type Binding } from './binding';
import { declaredFunctionBody } from './declared-function-body';
import { skipOuterExpressions } from './skip-outer-expressions';

// Read once: TypeScript's module exports are getters, and this runs for every node of a statement.
const { forEachChild } = ts;
const {
  VariableDeclaration: VARIABLE_DECLARATION, Parameter: PARAMETER, BindingElement: BINDING_ELEMENT,
  FunctionDeclaration: FUNCTION_DECLARATION, ClassDeclaration: CLASS_DECLARATION, BinaryExpression: BINARY,
  PrefixUnaryExpression: PREFIX_UNARY, PostfixUnaryExpression: POSTFIX_UNARY, DeleteExpression: DELETE, CallExpression: CALL,
} = ts.SyntaxKind;

/** Methods that change the object they are called on, so a call writes its receiver. */
const MUTATING_METHODS = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin',
  'set', 'delete', 'clear', 'add', 'append',
]);

/**
 * Every binding that running `node` may write: declared names (destructuring included),
 * assignment targets (`x = …`, `x += …`, `x++`, `[a, b] = …`), and objects changed in place
 * (`obj.prop = …`, `obj[k] = …`, `delete obj.k`, `list.push(…)`, `Object.assign(obj, …)`), which
 * write the binding the object is reached through. Nested functions count: they may be called;
 * so does what a closure of the enclosing function writes when it is called (`enqueue(peer)`).
 * Nodes in `skip` are left out with all they contain.
 */
export function bindingsWrittenBy(checker: ts.TypeChecker, node: ts.Node, skip?: ReadonlySet<ts.Node>): Set<Binding> {
  const writes = new Set<Binding>();
  visit(node);
  return writes;

  function visit(current: ts.Node): void {
    const kind = current.kind;
    // Tokens, names and types write nothing; a name is added where its declaration or target is.
    if (isLeafKind(kind) || isTypeOnly(kind) || skip?.has(current)) return;
    switch (kind) {
      case VARIABLE_DECLARATION: case PARAMETER: case BINDING_ELEMENT:
        addDeclaredName((current as ts.VariableDeclaration | ts.ParameterDeclaration | ts.BindingElement).name);
        break;
      case FUNCTION_DECLARATION: case CLASS_DECLARATION: {
        const { name } = current as ts.FunctionDeclaration | ts.ClassDeclaration;
        if (name) addDeclaredName(name);
        break;
      }
      case BINARY: {
        const binary = current as ts.BinaryExpression;
        if (isAssignment(binary.operatorToken.kind)) addTarget(binary.left);
        break;
      }
      case PREFIX_UNARY: case POSTFIX_UNARY: {
        const unary = current as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
        if (isIncrement(unary.operator)) addTarget(unary.operand);
        break;
      }
      case DELETE:
        addTarget((current as ts.DeleteExpression).expression);
        break;
      case CALL:
        addMutatedByCall(current as ts.CallExpression);
        break;
      default:
    }
    forEachChild(current, visit);
  }

  function addDeclaredName(name: ts.BindingName | ts.Identifier): void {
    if (ts.isIdentifier(name)) {
      addSymbol(checker.getSymbolAtLocation(name));
      return;
    }
    for (const element of name.elements) {
      if (!ts.isOmittedExpression(element)) addDeclaredName(element.name);
    }
  }

  /** Assignment targets, including destructuring assignment patterns. */
  function addTarget(target: ts.Expression): void {
    const node = skipOuterExpressions(target);
    if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) addTarget(ts.isSpreadElement(element) ? element.expression : element);
    } else if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isShorthandPropertyAssignment(property)) addSymbol(checker.getShorthandAssignmentValueSymbol(property));
        else if (ts.isPropertyAssignment(property)) addTarget(property.initializer);
        else if (ts.isSpreadAssignment(property)) addTarget(property.expression);
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      addTarget(node.left);
    } else {
      addRoot(node);
    }
  }

  function addMutatedByCall(call: ts.CallExpression): void {
    const callee = skipOuterExpressions(call.expression);
    if (ts.isIdentifier(callee)) {
      addClosureWrites(callee);
      return;
    }
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    if (method === 'assign' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && call.arguments[0]) {
      addRoot(call.arguments[0]);
    } else if (MUTATING_METHODS.has(method)) {
      addRoot(callee.expression);
    }
  }

  /**
   * `enqueue(peer)`, where `enqueue` is a function declared inside the enclosing function that
   * does `seen.add(peer.id)`: calling it writes what its body writes.
   */
  function addClosureWrites(callee: ts.Identifier): void {
    const body = declaredFunctionBody(checker, callee);
    if (!body || entered.has(body) || !isClosure(body)) return;
    entered.add(body);
    try {
      for (const binding of bindingsWrittenBy(checker, body, skip)) writes.add(binding);
    } finally {
      entered.delete(body);
    }
  }

  /** `a.b[c].d` is reached through `a`: writing any part of it writes `a`. */
  function addRoot(expression: ts.Expression): void {
    let node = skipOuterExpressions(expression);
    while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) {
      node = skipOuterExpressions(node.expression);
    }
    if (ts.isIdentifier(node)) addSymbol(checker.getSymbolAtLocation(node));
    else if (node.kind === ts.SyntaxKind.ThisKeyword) writes.add(THIS_BINDING);
  }

  function addSymbol(symbol: ts.Symbol | undefined): void {
    if (symbol) writes.add(symbol);
  }
}

/** The closure bodies being read, so that closures calling each other end. */
const entered = new Set<ts.Node>();

/** A function declared inside another function, which shares that function's variables. */
function isClosure(body: ts.Node): boolean {
  for (let node = body.parent?.parent; node && !ts.isSourceFile(node); node = node.parent) {
    if (ts.isFunctionLike(node)) return true;
  }
  return false;
}

function isAssignment(operator: ts.SyntaxKind): boolean {
  return operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
}

function isIncrement(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}
