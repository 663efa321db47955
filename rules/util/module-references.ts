import ts from 'typescript';
import { boundNames } from './bound-names';

/** A module that a module names by a string, and what it does with that module's values. */
export interface ModuleReference {
  readonly specifier: ts.StringLiteralLike;
  /**
   * The names it binds them to (`import { charge } from`, `const { charge } = require(…)`), empty
   * for an import for its effects only; `reexport` when it passes them on without binding them
   * (`export * from`, `module.exports = require(…)`).
   */
  readonly names: readonly string[] | 'reexport';
}

/**
 * The modules whose values a module binds or passes on, at its top: ES imports and re-exports,
 * `import x = require(…)`, and CommonJS `require(…)` in a declaration, an exports assignment or a
 * statement of its own. Type-only imports and exports name no value and are left out.
 */
export function moduleReferences(file: ts.SourceFile): readonly ModuleReference[] {
  let found = referencesOf.get(file);
  if (!found) referencesOf.set(file, found = readModuleReferences(file));
  return found;
}

/** Per file: a file the user has not changed is the same object in the next program. */
const referencesOf = new WeakMap<ts.SourceFile, readonly ModuleReference[]>();
const exportedNamesOf = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

function readModuleReferences(file: ts.SourceFile): ModuleReference[] {
  const found: ModuleReference[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly || !ts.isStringLiteralLike(statement.moduleSpecifier)) continue;
      found.push({ specifier: statement.moduleSpecifier, names: clause ? importedNames(clause) : [] });
    } else if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)) {
        found.push({ specifier: statement.moduleSpecifier, names: 'reexport' });
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (statement.isTypeOnly || !ts.isExternalModuleReference(reference) || !ts.isStringLiteralLike(reference.expression)) continue;
      const exported = statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) === true;
      found.push({ specifier: reference.expression, names: exported ? 'reexport' : [statement.name.text] });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const specifier = declaration.initializer && requiredSpecifier(declaration.initializer);
        if (specifier) found.push({ specifier, names: boundNames(declaration.name) });
      }
    } else if (ts.isExpressionStatement(statement)) {
      const { expression } = statement;
      const exportsAssignment = ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
        && isExportsTarget(expression.left);
      const names = exportsAssignment ? 'reexport' : [];
      for (const specifier of requiredSpecifiersIn(exportsAssignment ? expression.right : expression)) found.push({ specifier, names });
    }
  }
  return found;
}

/**
 * The names a module exports that it declared or imported itself: `export { charge }`,
 * `export default charge`, `export = charge`, and in CommonJS `module.exports = { charge }` and
 * `exports.charge = charge`. With the imports, they say which imported modules an index passes on.
 */
export function locallyExportedNames(file: ts.SourceFile): ReadonlySet<string> {
  let names = exportedNamesOf.get(file);
  if (!names) exportedNamesOf.set(file, names = readLocallyExportedNames(file));
  return names;
}

/**
 * The names a module's export lists give to what it declares or imports: `charge` → `charge` for
 * `export { charge }`, `run` → `handler` for `export { run as handler }`. Not re-exports of
 * another module (`export { x } from './x'`), nor type-only ones.
 */
export function exportListNames(file: ts.SourceFile): ReadonlyMap<string, string> {
  let names = exportListNamesOf.get(file);
  if (!names) exportListNamesOf.set(file, names = readExportListNames(file));
  return names;
}

const exportListNamesOf = new WeakMap<ts.SourceFile, ReadonlyMap<string, string>>();

function readExportListNames(file: ts.SourceFile): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || statement.isTypeOnly) continue;
    if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      const local = (element.propertyName ?? element.name).text;
      if (!element.isTypeOnly && !names.has(local)) names.set(local, element.name.text);
    }
  }
  return names;
}

function readLocallyExportedNames(file: ts.SourceFile): ReadonlySet<string> {
  const names = new Set<string>(exportListNames(file).keys());
  for (const statement of file.statements) {
    if (ts.isExportAssignment(statement)) {
      if (ts.isIdentifier(statement.expression)) names.add(statement.expression.text);
    } else if (ts.isExpressionStatement(statement)) {
      const { expression } = statement;
      if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !isExportsTarget(expression.left)) continue;
      for (const name of identifiersExported(expression.right)) names.add(name);
    }
  }
  return names;
}

function importedNames(clause: ts.ImportClause): string[] {
  const names = clause.name ? [clause.name.text] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) {
    for (const element of bindings.elements) if (!element.isTypeOnly) names.push(element.name.text);
  }
  return names;
}

/**
 * Whether `value` is what a CommonJS module exports, as `charge` is in `exports.charge = charge`
 * and in `module.exports = { charge }`: read there, a function is passed on, not used.
 */
export function isCommonJsExport(value: ts.Node): boolean {
  let node = value;
  if (ts.isShorthandPropertyAssignment(node.parent) || (ts.isPropertyAssignment(node.parent) && node.parent.initializer === node)) {
    node = node.parent.parent;
  }
  const assignment = node.parent;
  return ts.isBinaryExpression(assignment) && assignment.right === node && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && isExportsTarget(assignment.left) && ts.isExpressionStatement(assignment.parent);
}

/** `module.exports`, `module.exports.charge`, `exports.charge`. */
export function isExportsTarget(node: ts.Expression): boolean {
  return isModuleExports(node) || exportedPropertyName(node) !== undefined;
}

/** `module.exports` itself: what the module's whole value is set to. */
export function isModuleExports(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module'
    && node.name.text === 'exports';
}

/** `charge` of `exports.charge` and `module.exports.charge`: the name a CommonJS module exports a value under. */
export function exportedPropertyName(node: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const object = node.expression;
  const isExports = (ts.isIdentifier(object) && object.text === 'exports') || isModuleExports(object);
  return isExports ? node.name.text : undefined;
}

/** `charge` of `= charge` and `= { charge, refund: refundPayment }`. */
function identifiersExported(value: ts.Expression): string[] {
  if (ts.isIdentifier(value)) return [value.text];
  if (!ts.isObjectLiteralExpression(value)) return [];
  return value.properties.flatMap((property) => {
    if (ts.isShorthandPropertyAssignment(property)) return [property.name.text];
    return ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer) ? [property.initializer.text] : [];
  });
}

/** `'./charge'` of `require('./charge')`, also when a property of it is read (`require('./charge').charge`). */
function requiredSpecifier(node: ts.Expression): ts.StringLiteralLike | undefined {
  let expression = node;
  while (ts.isPropertyAccessExpression(expression) || ts.isParenthesizedExpression(expression)) expression = expression.expression;
  return isRequireCall(expression) ? expression.arguments[0] : undefined;
}

/** Every `require('…')` in an expression, outside functions (which may never run). */
function requiredSpecifiersIn(node: ts.Node): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    if (isRequireCall(child)) found.push(child.arguments[0]);
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** `require('express')`: a CommonJS require of a module named by a string. */
export function isRequireCall(node: ts.Node): node is ts.CallExpression & { readonly arguments: readonly [ts.StringLiteralLike] } {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require'
    && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!);
}
