import ts from 'typescript';
import { isAmbient, typesProjectCode } from './is-ambient';

/** How many classes the answer reads at most: a method of a widely implemented interface tells little. */
const MAX_IMPLEMENTATIONS = 8;

/** Per file (files are reused from one program to the next), each heritage clause by the name it ends in. */
const fileHeirs = new WeakMap<ts.SourceFile, readonly Heir[]>();

/** Per program, the heirs of all the project's files by name. */
const programHeirs = new WeakMap<ts.Program, Map<string, Heir[]>>();

interface Heir {
  readonly declaration: ts.ClassLikeDeclaration | ts.InterfaceDeclaration;
  readonly type: ts.ExpressionWithTypeArguments;
}

/**
 * The bodies of the project's classes that implement a method declared without one: a method of
 * one of the project's interfaces (also one typed in its own `.d.ts` files), or an abstract method. `solidity.getScope(path)` through an
 * interface runs one of these. Empty when the project implements it nowhere it can see (an object
 * literal, a factory, the user of a library), or in more than a few classes.
 */
export function implementations(program: ts.Program, checker: ts.TypeChecker, method: ts.Declaration): ts.Node[] {
  const owner = method.parent;
  const name = ts.getNameOfDeclaration(method);
  if (!name || !(ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) || (isAmbient(method) && !typesProjectCode(program, method))) return [];
  if (!ts.isInterfaceDeclaration(owner) && !ts.isClassLike(owner)) return [];
  const ownerSymbol = owner.name && checker.getSymbolAtLocation(owner.name);
  if (!ownerSymbol) return [];
  const byName = heirsByName(program);
  const bodies: ts.Node[] = [];
  const seen = new Set<ts.Symbol>();
  const pending = [ownerSymbol];
  while (pending.length > 0) {
    const symbol = pending.pop()!;
    if (seen.has(symbol)) continue;
    seen.add(symbol);
    // Names narrow the search; the checker confirms that the clause names this very symbol.
    for (const { declaration, type } of byName.get(symbol.getName()) ?? []) {
      if (resolve(checker, type.expression) !== symbol) continue;
      const heirSymbol = declaration.name && checker.getSymbolAtLocation(declaration.name);
      if (heirSymbol) pending.push(heirSymbol);
      if (!ts.isClassLike(declaration)) continue;
      const body = memberBody(declaration, name.text);
      if (body) bodies.push(body);
      if (bodies.length > MAX_IMPLEMENTATIONS) return [];
    }
  }
  return bodies;
}

/** The body of a class's own method of that name, or of the arrow function a property of that name holds. */
function memberBody(declaration: ts.ClassLikeDeclaration, name: string): ts.Node | undefined {
  for (const member of declaration.members) {
    const memberName = member.name;
    if (!memberName || !(ts.isIdentifier(memberName) || ts.isPrivateIdentifier(memberName)) || memberName.text !== name) continue;
    if (ts.isMethodDeclaration(member) && member.body) return member.body;
    if (ts.isPropertyDeclaration(member) && member.initializer
      && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) {
      return member.initializer.body;
    }
  }
  return undefined;
}

function resolve(checker: ts.TypeChecker, expression: ts.Expression): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(expression);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** Gathered once per program from the files' own lists, which need no checker. */
function heirsByName(program: ts.Program): Map<string, Heir[]> {
  let byName = programHeirs.get(program);
  if (byName) return byName;
  byName = new Map();
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) continue;
    for (const heir of heirsOf(file)) {
      const name = lastName(heir.type.expression);
      if (name === undefined) continue;
      const heirs = byName.get(name);
      if (heirs) heirs.push(heir);
      else byName.set(name, [heir]);
    }
  }
  programHeirs.set(program, byName);
  return byName;
}

/** `Store` in `implements Store` and in `extends storage.Store`. */
function lastName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined;
}

/** Every class and interface of a file that names another in `implements` or `extends`, read from its syntax. */
function heirsOf(file: ts.SourceFile): readonly Heir[] {
  let heirs = fileHeirs.get(file);
  if (heirs) return heirs;
  const found: Heir[] = [];
  // A heritage clause is written with one of these words; most files have neither.
  if (!file.text.includes('extends') && !file.text.includes('implements')) {
    fileHeirs.set(file, heirs = found);
    return heirs;
  }
  const visit = (node: ts.Node): void => {
    if ((ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) && node.heritageClauses) {
      for (const clause of node.heritageClauses) {
        for (const type of clause.types) found.push({ declaration: node, type });
      }
    }
    // A class's members hold no class of their own that this walk reaches, so it stops at the class.
    if (ts.isSourceFile(node) || ts.isModuleDeclaration(node) || ts.isModuleBlock(node)
      || ts.isVariableStatement(node) || ts.isVariableDeclarationList(node) || ts.isVariableDeclaration(node)
      || ts.isExportAssignment(node)) {
      ts.forEachChild(node, visit);
    }
  };
  visit(file);
  fileHeirs.set(file, heirs = found);
  return heirs;
}
