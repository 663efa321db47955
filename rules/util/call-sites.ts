import ts from 'typescript';
import { placesSpelling } from './places-spelling';
import { reaches } from './import-reach';
import { isCommonJsExport, isExportsTarget, isModuleExports, locallyExportedNames } from './module-references';

/** How many calls the answer lists at most: a function called from everywhere is an API, not a helper. */
const MAX_CALL_SITES = 16;

/**
 * How many places spelling the name the search reads at most. Each costs the checker a look; a
 * name written everywhere (`get`, `send`) is not worth the time, and the answer is then unknown.
 */
const MAX_NAME_HITS = 64;

/** How a function is used in the project: the calls of it, and the places it is read as a value. */
export interface References {
  readonly calls: readonly ts.CallExpression[];
  /** `save` in `items.map(save)`, `this.save` in `this.save.bind(this)`: the expression that reads it. */
  readonly values: readonly ts.Expression[];
}

/**
 * Answers per checker (one per program), function and where they were looked for: the project's
 * files (`projectFiles`, one list per program), or the function's own file alone.
 */
const answers = new WeakMap<ts.TypeChecker, Map<ts.SignatureDeclaration, References | undefined>>();
const ownFileAnswers = new WeakMap<ts.TypeChecker, Map<ts.SignatureDeclaration, References | undefined>>();

/**
 * The calls in `files` (the project's own files, or the one file a private function can be called
 * from) that the checker resolves to `declaration`: `save(rows)` and `this.save(rows)` for
 * `save(items) {…}`. Undefined when the function is also used as a value (`items.map(save)`,
 * `this.save.bind(this)`: calls nobody can see may follow), is not called in the project (only
 * from outside it), or is called from more than a few places.
 */
export function callSites(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration, files: readonly ts.SourceFile[]): readonly ts.CallExpression[] | undefined {
  const found = references(checker, declaration, files);
  if (!found || found.values.length > 0 || found.calls.length === 0 || found.calls.length > MAX_CALL_SITES) return undefined;
  return found.calls;
}

/**
 * Every use of the function in `files`, or undefined when it has no name to search for or the
 * name is written in too many places. Like the editor's "find all references", it looks for the
 * name in the text of each file first, and asks the checker only about the identifiers found there.
 */
export function references(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration, files: readonly ts.SourceFile[]): References | undefined {
  const cache = files.length === 1 && files[0] === declaration.getSourceFile() ? ownFileAnswers : answers;
  let byDeclaration = cache.get(checker);
  if (!byDeclaration) cache.set(checker, byDeclaration = new Map());
  if (!byDeclaration.has(declaration)) byDeclaration.set(declaration, findReferences(checker, declaration, files));
  return byDeclaration.get(declaration);
}

const filesOfProgram = new WeakMap<ts.Program, readonly ts.SourceFile[]>();

/** The files of the project itself: no declaration files, nothing from `node_modules`. */
export function projectFiles(program: ts.Program): readonly ts.SourceFile[] {
  let files = filesOfProgram.get(program);
  if (!files) {
    files = program.getSourceFiles().filter((sourceFile) => !sourceFile.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sourceFile));
    filesOfProgram.set(program, files);
  }
  return files;
}

function findReferences(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration, files: readonly ts.SourceFile[]): References | undefined {
  const named = namedBy(checker, declaration);
  if (!named) return undefined;
  const { name: nameNode, holder } = named;
  const name = nameNode.text;
  const calls: ts.CallExpression[] = [];
  const values: ts.Expression[] = [];
  let hits = 0;
  // Only a file that imports the function's module, directly or not, can call it.
  const own = declaration.getSourceFile();
  const privateToFile = isPrivateHolder(holder);
  for (const sourceFile of files) {
    const { text } = sourceFile;
    if (!text.includes(name) || (sourceFile !== own && (privateToFile || !reaches(checker, sourceFile, own, files)))) continue;
    for (const node of placesSpelling(sourceFile, name)) {
      if (++hits > MAX_NAME_HITS) return undefined;
      if (!node || node === nameNode) continue;
      // Imports and declarations first, which need no symbol; then the declarations, not the symbol:
      // a method read through an instantiated type has a symbol of its own.
      const use = useOf(node);
      if (use === 'declaration' || !resolve(checker, node)?.declarations?.includes(holder as ts.Declaration)) continue;
      if (ts.isCallExpression(use)) calls.push(use);
      else values.push(use);
    }
  }
  return { calls, values };
}

/**
 * A function no other module can name: not exported (`export`, `export { helper }`, `export
 * default`), declared in a module or inside another function, or a private method.
 */
export function isPrivateToFile(fn: ts.SignatureDeclaration): boolean {
  return isPrivateHolder(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? fn.parent : fn);
}

/** Whether the declaration that names a function (the function itself, or the variable holding it) is private to its file. */
function isPrivateHolder(holder: ts.Node): boolean {
  if (ts.isMethodDeclaration(holder)) {
    return ts.isPrivateIdentifier(holder.name) || (ts.getCombinedModifierFlags(holder) & ts.ModifierFlags.Private) !== 0;
  }
  const statement = ts.isFunctionDeclaration(holder) ? holder
    : ts.isVariableDeclaration(holder) && ts.isVariableDeclarationList(holder.parent) ? holder.parent.parent : undefined;
  if (!statement || !(ts.isFunctionDeclaration(statement) || ts.isVariableStatement(statement))) return false;
  const name = ts.isFunctionDeclaration(holder) ? holder.name : (holder as ts.VariableDeclaration).name;
  if (!name || !ts.isIdentifier(name)) return false;
  if (!ts.isSourceFile(statement.parent)) return ts.isBlock(statement.parent) && ts.findAncestor(statement.parent, ts.isFunctionLike) !== undefined;
  // A function of a script (not a module) is a global that other files may call.
  if (!ts.isExternalModule(statement.parent) || ts.getCombinedModifierFlags(holder as ts.Declaration) & (ts.ModifierFlags.Export | ts.ModifierFlags.Default)) {
    return false;
  }
  // `export { helper }`, `export default helper`, and in CommonJS `exports.helper = helper` or `module.exports = { helper }`.
  return !locallyExportedNames(statement.parent).has(name.text);
}

/**
 * The name callers spell a function by, and the declaration of that name: the function's own, that
 * of the variable or property holding it, or, for a function assigned to a variable declared
 * earlier (`let send; … send = async (mail) => …`), that variable's.
 */
function namedBy(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration): { name: ts.Identifier | ts.PrivateIdentifier; holder: ts.Node } | undefined {
  const name = nameOf(declaration);
  if (name) return { name, holder: name.parent };
  const assignment = declaration.parent;
  if (!(ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) || !ts.isBinaryExpression(assignment)
    || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || assignment.right !== declaration || !ts.isIdentifier(assignment.left)) {
    return undefined;
  }
  const variable = checker.getSymbolAtLocation(assignment.left)?.valueDeclaration;
  return variable && ts.isVariableDeclaration(variable) && ts.isIdentifier(variable.name) ? { name: variable.name, holder: variable } : undefined;
}

/** The name callers spell a function by: its own, or that of the variable or property holding it. */
export function nameOf(declaration: ts.SignatureDeclaration): ts.Identifier | ts.PrivateIdentifier | undefined {
  let holder = ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration) ? declaration.parent : declaration;
  // `exports.charge = async function (…) {…}` in CommonJS: the property is what callers name. A
  // function that is the whole of `module.exports` has no name of its own to search for.
  if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && holder.right === declaration
    && ts.isPropertyAccessExpression(holder.left)) {
    return isModuleExports(holder.left) ? undefined : holder.left.name;
  }
  if (holder !== declaration && !ts.isVariableDeclaration(holder) && !ts.isPropertyDeclaration(holder) && !ts.isPropertyAssignment(holder)) {
    return undefined;
  }
  const name = ts.getNameOfDeclaration(holder as ts.Declaration);
  return name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) ? name : undefined;
}

/**
 * The symbol a name stands for, through imports and, in CommonJS, through an index's
 * `module.exports = { charge }` to the `charge` it passes on.
 */
function resolve(checker: ts.TypeChecker, node: ts.Node): ts.Symbol | undefined {
  let symbol = checker.getSymbolAtLocation(node);
  // `{ charge }` itself makes a property: what reads it is what counts, not the object literal.
  const atShorthand = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node;
  for (let step = 0; symbol && step < MAX_RESOLVE_STEPS; step++) {
    const declaration = symbol.valueDeclaration;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    else if (!atShorthand && declaration && ts.isShorthandPropertyAssignment(declaration)) symbol = checker.getShorthandAssignmentValueSymbol(declaration);
    else break;
  }
  return symbol;
}

/** How many imports and shorthand exports `resolve` follows: an index of an index of an index. */
const MAX_RESOLVE_STEPS = 8;

/**
 * How a reference uses the function: the call it makes, a declaration, import or assignment of the
 * name, or the expression reading it as a value.
 */
function useOf(node: ts.Identifier | ts.PrivateIdentifier): ts.CallExpression | ts.Expression | 'declaration' {
  const parent = node.parent;
  const reference = ts.isPropertyAccessExpression(parent) && parent.name === node ? parent : node;
  const user = reference.parent;
  if (ts.isCallExpression(user) && user.expression === reference) return user;
  if (ts.isImportSpecifier(user) || ts.isExportSpecifier(user) || ts.isImportClause(user) || ts.isNamespaceImport(user)
    || ts.isTypeQueryNode(user) || ts.isQualifiedName(user) || isCommonJsExport(reference) || isExportsTarget(reference)) {
    return 'declaration';
  }
  // `send = async (mail) => …` gives the variable a function; it reads nothing.
  if (ts.isBinaryExpression(user) && user.left === reference && user.operatorToken.kind === ts.SyntaxKind.EqualsToken) return 'declaration';
  // An overload's or an interface's signature, or the declaration itself.
  if (ts.getNameOfDeclaration(user as ts.Declaration) === reference && !ts.isShorthandPropertyAssignment(user)) return 'declaration';
  return reference as ts.Expression;
}
