import ts from 'typescript';
import { projectFiles } from './call-sites';
import { containsCall } from './code-walk';
import { isAmbient, typesProjectCode } from './is-ambient';
import { placesSpelling } from './places-spelling';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unionParts } from './union-parts';

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
 * The bodies of the project's code that implement a method declared without one: a method of one
 * of the project's interfaces or object types (also one typed in its own `.d.ts` files, and a
 * property of a function type), or an abstract method. `solidity.getScope(path)` through an
 * interface runs one of these. They are read in the classes that implement the interface or
 * extend the class, and in the object literals the project gives that type (`const auth:
 * ProviderOptions = { async get(ctx, key) { … } }`, an object returned or passed where the type is
 * declared). Empty when the project implements it nowhere it can see (a factory, the user of a
 * library), or in more than a few places.
 */
export function implementations(program: ts.Program, checker: ts.TypeChecker, method: ts.Declaration): ts.Node[] {
  const owner = method.parent;
  const name = ts.getNameOfDeclaration(method);
  if (!name || !(ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) || (isAmbient(method) && !typesProjectCode(program, method))) return [];
  const inClasses = ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner) ? classBodies(checker, program, owner, name.text) : [];
  const inObjects = ts.isInterfaceDeclaration(owner) || ts.isTypeLiteralNode(owner) ? objectLiteralBodies(program, checker, method, name.text) : [];
  if (inClasses === undefined || inObjects === undefined || inClasses.length + inObjects.length > MAX_IMPLEMENTATIONS) return [];
  const bodies = [...inClasses, ...inObjects];
  // A lazy, caching or logging wrapper (`$count: async (t) => (await getDB()).$count(t)`) hands
  // the call on to another object of the type. When every implementation seen does so, the one
  // that does the work comes from elsewhere (a package's object cast to the type): it is not seen.
  return bodies.every((body) => forwards(checker, body, method, name.text)) ? [] : bodies;
}

/** Whether a body calls the member it implements again, on another object of the type. */
function forwards(checker: ts.TypeChecker, body: ts.Node, member: ts.Declaration, name: string): boolean {
  return containsCall(body, (call) => {
    const callee = ts.isCallExpression(call) ? skipOuterExpressions(call.expression) : undefined;
    if (!callee || !(ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) return false;
    if (ts.isPropertyAccessExpression(callee) ? callee.name.text !== name : !ts.isStringLiteralLike(callee.argumentExpression)
      || callee.argumentExpression.text !== name) {
      return false;
    }
    const declaration = checker.getResolvedSignature(call)?.declaration;
    return declaration !== undefined && (declaration === member || declaration.parent === member);
  });
}

/** The bodies of the classes that implement or extend `owner` with a member named `name`; undefined when there are too many. */
function classBodies(checker: ts.TypeChecker, program: ts.Program, owner: ts.InterfaceDeclaration | ts.ClassLikeDeclaration,
  name: string): ts.Node[] | undefined {
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
      const body = memberBody(declaration, name);
      if (body) bodies.push(body);
      if (bodies.length > MAX_IMPLEMENTATIONS) return undefined;
    }
  }
  return bodies;
}

/**
 * How many places that may define a member of an object literal (`get(`, `get:`, `async get<T>(`)
 * the search reads at most: a name defined everywhere tells little.
 */
const MAX_MEMBER_PLACES = 64;

/** Answers per checker and member. */
const objectAnswers = new WeakMap<ts.TypeChecker, Map<ts.Declaration, ts.Node[] | undefined>>();

/**
 * The bodies of the project's object literals whose contextual type has `member` as its property
 * `name`: methods, and properties holding a function written in place. Undefined when the name is
 * defined in too many places, or there are too many such bodies.
 */
function objectLiteralBodies(program: ts.Program, checker: ts.TypeChecker, member: ts.Declaration, name: string): ts.Node[] | undefined {
  let byMember = objectAnswers.get(checker);
  if (!byMember) objectAnswers.set(checker, byMember = new Map());
  if (!byMember.has(member)) byMember.set(member, findObjectLiteralBodies(program, checker, member, name));
  return byMember.get(member);
}

function findObjectLiteralBodies(program: ts.Program, checker: ts.TypeChecker, member: ts.Declaration, name: string): ts.Node[] | undefined {
  const bodies: ts.Node[] = [];
  let places = 0;
  for (const file of projectFiles(program)) {
    for (const identifier of placesSpelling(file, name, definesMember)) {
      const element = identifier?.parent;
      if (!element || !(ts.isMethodDeclaration(element) || ts.isPropertyAssignment(element)) || element.name !== identifier
        || !ts.isObjectLiteralExpression(element.parent)) {
        continue;
      }
      if (++places > MAX_MEMBER_PLACES) return undefined;
      const body = ts.isMethodDeclaration(element) ? element.body : functionBody(element.initializer);
      if (!body || !givesMember(checker, element.parent, name, member)) continue;
      bodies.push(body);
      if (bodies.length > MAX_IMPLEMENTATIONS) return undefined;
    }
  }
  return bodies;
}

/** `get(`, `get:`, `get<T>(` not after a dot: where an object literal may define a member, unlike a call `map.get(…)`. */
function definesMember(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && /\s/u.test(text[before]!)) before--;
  let after = end;
  while (after < text.length && /\s/u.test(text[after]!)) after++;
  return text[before] !== '.' && (text[after] === '(' || text[after] === ':' || text[after] === '<');
}

function functionBody(value: ts.Expression): ts.Node | undefined {
  const node = skipOuterExpressions(value);
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? node.body : undefined;
}

/** Whether the type the code expects `object` to have (declared, returned, passed) takes its property `name` from `member`. */
function givesMember(checker: ts.TypeChecker, object: ts.ObjectLiteralExpression, name: string, member: ts.Declaration): boolean {
  const expected = checker.getContextualType(object);
  return expected !== undefined
    && unionParts(expected).some((part) => checker.getPropertyOfType(part, name)?.declarations?.includes(member) === true);
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
