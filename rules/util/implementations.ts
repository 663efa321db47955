import ts from 'typescript';
import { isAmbient } from './is-ambient';

/** How many classes the answer reads at most: a method of a widely implemented interface tells little. */
const MAX_IMPLEMENTATIONS = 8;

/** For each interface or class of the project, the classes and interfaces that name it in `implements`/`extends`. */
const indexes = new WeakMap<ts.Program, Map<ts.Symbol, ts.Declaration[]>>();

/**
 * The bodies of the project's classes that implement a method declared without one: a method of
 * one of the project's interfaces, or an abstract method. `solidity.getScope(path)` through an
 * interface runs one of these. Empty when the project implements it nowhere it can see (an object
 * literal, a factory, the user of a library), or in more than a few classes.
 */
export function implementations(program: ts.Program, checker: ts.TypeChecker, method: ts.Declaration): ts.Node[] {
  const owner = method.parent;
  const name = ts.getNameOfDeclaration(method);
  if (!name || !(ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) || isAmbient(method)) return [];
  if (!ts.isInterfaceDeclaration(owner) && !ts.isClassLike(owner)) return [];
  const ownerSymbol = owner.name && checker.getSymbolAtLocation(owner.name);
  if (!ownerSymbol) return [];
  const index = heirIndex(program, checker);
  const bodies: ts.Node[] = [];
  const seen = new Set<ts.Symbol>();
  const pending = [ownerSymbol];
  while (pending.length > 0) {
    const symbol = pending.pop()!;
    if (seen.has(symbol)) continue;
    seen.add(symbol);
    for (const heir of index.get(symbol) ?? []) {
      const heirSymbol = (heir as ts.ClassLikeDeclaration | ts.InterfaceDeclaration).name
        && checker.getSymbolAtLocation((heir as ts.ClassLikeDeclaration | ts.InterfaceDeclaration).name!);
      if (heirSymbol) pending.push(heirSymbol);
      if (!ts.isClassLike(heir)) continue;
      const body = memberBody(heir, name.text);
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

/** Built once per program: every heritage clause of the project's own files, by the symbol it names. */
function heirIndex(program: ts.Program, checker: ts.TypeChecker): Map<ts.Symbol, ts.Declaration[]> {
  let index = indexes.get(program);
  if (index) return index;
  index = new Map();
  const add = (declaration: ts.ClassLikeDeclaration | ts.InterfaceDeclaration): void => {
    for (const clause of declaration.heritageClauses ?? []) {
      for (const type of clause.types) {
        let symbol = checker.getSymbolAtLocation(type.expression);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        if (!symbol) continue;
        const heirs = index!.get(symbol);
        if (heirs) heirs.push(declaration);
        else index!.set(symbol, [declaration]);
      }
    }
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) && node.heritageClauses) add(node);
    if (ts.isSourceFile(node) || ts.isModuleDeclaration(node) || ts.isModuleBlock(node) || ts.isClassLike(node)
      || ts.isVariableStatement(node) || ts.isVariableDeclarationList(node) || ts.isVariableDeclaration(node)
      || ts.isExportAssignment(node)) {
      ts.forEachChild(node, visit);
    }
  };
  for (const file of program.getSourceFiles()) {
    if (!file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file)) visit(file);
  }
  indexes.set(program, index);
  return index;
}
