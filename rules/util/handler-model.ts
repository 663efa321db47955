import path from 'node:path';
import ts from 'typescript';
import { projectFiles, references } from './call-sites';
import { forEachCallIn } from './code-walk';
import { fileMatches } from './files-and-imports';
import {
  LAMBDA_DELIVERIES, NEST_ROUTE_DECORATORS, NEXT_ROUTE_EXPORTS, REGISTRATIONS, TYPED_HANDLERS, type HandlerSource, type Registration,
} from './handler-sources';
import { isDeclaredInPackage } from './is-declared-in-package';
import { exportedPropertyName, exportListNames } from './module-references';
import { NodeAnswers } from './node-answers';
import { isPackageRetryWrapper, retriesArgument } from './retrying-helper';
import { skipOuterExpressions } from './skip-outer-expressions';
import type { TypeOrValueSpecifier } from './specifier';
import { requiredPackage } from './required-package';
import { modulePattern } from './specifier-names';
import { valueMatchesSpecifier } from './value-matches-specifier';

export type { HandlerKind, HandlerSource } from './handler-sources';

export interface HandlerContext {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** The user's own registrations: functions passed to calls of these are request handlers. */
  readonly handlers: readonly TypeOrValueSpecifier[];
  /** The user's own at-least-once consumers: functions passed to calls of these may run twice for one message. */
  readonly consumers?: readonly TypeOrValueSpecifier[];
  /** The user's own retry wrappers: functions passed to calls of these run again after a failure. */
  readonly retryWrappers?: readonly TypeOrValueSpecifier[];
  /**
   * What the user's registrations come from (the rule's options object), the same for every file
   * one configuration checks, so that answers are shared between them.
   */
  readonly cacheKey?: object;
  /**
   * Only files whose text matches can register the handlers the caller cares about (a queue's
   * import, the user's registration names): the search for functions registered by name reads
   * only those. Answers then belong to `cacheKey`.
   */
  readonly registrationFiles?: RegExp;
}

/** The owner of the answers that depend on no registration of the user's own. */
const BUILT_IN = {};

/**
 * Answers per owner (the built-in registrations, or one configuration of the user's own), checker
 * and function, shared by every rule and file that asks.
 */
const answers = new NodeAnswers<ts.SignatureDeclaration, HandlerSource | null>(null);

/**
 * Whether a framework, a queue or a retry wrapper calls this function for outside input, and
 * which: a function passed where it is written (`app.get('/users', async (req, res) => …)`), one
 * that says so by its declaration (a NestJS `@Get()` method, a Next.js `GET` export, a Lambda
 * handler), or a named function that the project hands to one (`router.post('/', users.create)`,
 * found through its references).
 */
export function handlerSource(context: HandlerContext, fn: ts.SignatureDeclaration): HandlerSource | undefined {
  const ask = (): HandlerSource | null => passedWhereWritten(context, fn) ?? declaredAsHandler(context, fn)
    ?? registeredByName(context, fn) ?? exportedLambdaHandler(fn) ?? null;
  if (hasOwnRegistrations(context)) return answers.get(context.cacheKey ?? context, context.checker, fn, ask) ?? undefined;
  if (!context.registrationFiles) return answers.get(BUILT_IN, context.checker, fn, ask) ?? undefined;
  // Reading fewer files for names handed to calls finds a function only where the whole project
  // does, and then the same source: a function no file registers is registered in none of fewer
  // files, and a source found here is the one every rule without registrations of its own finds.
  if (answers.peek(BUILT_IN, context.checker, fn)?.answer === null) return undefined;
  const owner = context.cacheKey ?? context;
  const answer = answers.get(owner, context.checker, fn, ask);
  if (answer) answers.set(BUILT_IN, context.checker, fn, answer);
  return answer ?? undefined;
}

/**
 * The same question without looking for the function's references elsewhere: only what the
 * function's own place and declaration say. Cheap enough to ask about every function around a call.
 */
export function handlerSourceWhereWritten(context: HandlerContext, fn: ts.SignatureDeclaration): HandlerSource | undefined {
  return passedWhereWritten(context, fn) ?? declaredAsHandler(context, fn) ?? exportedLambdaHandler(fn);
}

const TYPED_HANDLER_IMPORTS = TYPED_HANDLERS.map((handler) => ({ handler, imports: new RegExp(modulePattern([handler.package]), 'u') }));

/**
 * A consumer known by its type (`TYPED_HANDLERS`): a Graphile Worker task typed `Task` where it is
 * written (in a `taskList`, or `const sendWelcome: Task = …`) or taking the task's `JobHelpers`; a
 * BullMQ sandboxed processor taking a `SandboxedJob`.
 */
function typedHandler(checker: ts.TypeChecker, fn: ts.SignatureDeclaration): HandlerSource | undefined {
  const sourceFile = fn.getSourceFile();
  for (const { handler, imports } of TYPED_HANDLER_IMPORTS) {
    if (!fileMatches(sourceFile, imports)) continue;
    // An optional entry of a task list is typed `Task | undefined`.
    const isHandlerType = (type: ts.Type | undefined, name: string): boolean => (type?.isUnion() ? type.types : [type]).some((part) => {
      const symbol = part?.aliasSymbol ?? part?.getSymbol();
      return symbol?.getName() === name && (symbol.declarations ?? []).some((declaration) => isDeclaredInPackage(declaration, handler.package));
    });
    const typedAsHandler = handler.functionType !== undefined && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))
      && isHandlerType(checker.getContextualType(fn), handler.functionType);
    if (typedAsHandler || fn.parameters.some((parameter) => isHandlerType(checker.getTypeAtLocation(parameter), handler.parameterType))) {
      return handler.source;
    }
  }
  return undefined;
}

/** `app.get(path, (req, res) => …)`, `fastify.route({ handler: async (request) => … })`. */
function passedWhereWritten(context: HandlerContext, fn: ts.SignatureDeclaration): HandlerSource | undefined {
  if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) return passedInOptions(context, fn.parent, fn.name);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  return passedValue(context, fn);
}

/** What a function value is handed to: an argument of a registration, or a handler in its options object. */
function passedValue(context: HandlerContext, value: ts.Expression): HandlerSource | undefined {
  let node: ts.Node = value;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent)) node = node.parent;
  // `this.handle.bind(this)` hands on the same function.
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node && parent.name.text === 'bind'
    && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
    return passedValue(context, parent.parent);
  }
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) {
    return registrationOf(context, parent, undefined) ?? retryingHelperOf(context, parent, node as ts.Expression);
  }
  if ((ts.isPropertyAssignment(parent) && parent.initializer === node) || ts.isShorthandPropertyAssignment(parent)) {
    return passedInOptions(context, parent.parent, parent.name);
  }
  return undefined;
}

function passedInOptions(context: HandlerContext, options: ts.ObjectLiteralExpression, key: ts.PropertyName): HandlerSource | undefined {
  let node: ts.Node = options;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.includes(node as ts.Expression)) return undefined;
  const name = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
  return name === undefined ? undefined : registrationOf(context, call, name);
}

/**
 * The handler source a call registers its function arguments (or, with `property`, the function
 * under that key of an options object) as, resolved to the declaration of what it calls.
 */
function registrationOf(context: HandlerContext, call: ts.CallExpression | ts.NewExpression, property: string | undefined): HandlerSource | undefined {
  const { checker } = context;
  const callee = skipOuterExpressions(call.expression);
  const calleeName = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (property === undefined && hasOwnRegistrations(context)) {
    const own = ownRegistration(context, callee, calleeName ?? callee.getText());
    if (own) return own;
  }
  const declaration = checker.getResolvedSignature(call as ts.CallLikeExpression)?.declaration;
  if (!declaration || ts.isJSDocSignature(declaration)) return untypedRegistration(checker, call, callee, calleeName, property);
  const declaredName = ts.isConstructorDeclaration(declaration) ? (declaration.parent as ts.ClassLikeDeclaration).name?.text
    : ts.getNameOfDeclaration(declaration)?.getText();
  for (const registration of REGISTRATIONS) {
    if (!matchesName(registration, calleeName, declaredName)) continue;
    if (property === undefined ? registration.ignoreArguments : !registration.properties?.includes(property)) continue;
    if (!registration.packages.some((name) => isDeclaredInPackage(declaration, name))) continue;
    if (registration.event !== undefined && !namesEvent(call, registration.event)) continue;
    if (registration.receiverType && !receiverMatches(checker, callee, registration.receiverType)) continue;
    return registration.source;
  }
  return undefined;
}

/**
 * In untyped JavaScript, by names alone: `app.get(path, handler)` where `app` comes from
 * `require('express')`, `new Worker(queue, processor)` of `require('bullmq')`. The package is
 * the one the receiver (or the function called) comes from; a registration that needs a type
 * (cockatiel's retry policies) is not matched.
 */
function untypedRegistration(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression, callee: ts.Expression,
  calleeName: string | undefined, property: string | undefined): HandlerSource | undefined {
  if (!isJavaScriptFile(call.getSourceFile())) return undefined;
  const from = requiredPackage(checker, ts.isPropertyAccessExpression(callee) && !ts.isNewExpression(call) ? callee.expression : callee);
  if (from === undefined) return undefined;
  for (const registration of REGISTRATIONS) {
    if (registration.receiverType || !registration.packages.includes(from) || !matchesName(registration, calleeName, undefined)) continue;
    if (property === undefined ? registration.ignoreArguments : !registration.properties?.includes(property)) continue;
    if (registration.event !== undefined && !namesEvent(call, registration.event)) continue;
    return registration.source;
  }
  return undefined;
}

/**
 * `retriable(() => send(batch))`, where the project's own `retriable` calls what it is given in a
 * retry loop, or a retry wrapper of a package the model does not list, by its declared name.
 */
function retryingHelperOf(context: HandlerContext, call: ts.CallExpression | ts.NewExpression, argument: ts.Expression): HandlerSource | undefined {
  if (!retriesArgument(context.checker, call, call.arguments!.indexOf(argument)) && !isPackageRetryWrapper(context.checker, call)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
  return { kind: 'retry', name: `a function retried by \`${name}\``, because: `\`${name}\` runs it again after a failure` };
}

function hasOwnRegistrations(context: HandlerContext): boolean {
  return context.handlers.length > 0 || (context.consumers?.length ?? 0) > 0 || (context.retryWrappers?.length ?? 0) > 0;
}

/** A call of one of the user's `handlers`, `consumers` or `retryWrappers`. */
function ownRegistration(context: HandlerContext, callee: ts.Expression, name: string): HandlerSource | undefined {
  const matches = (specifiers: readonly TypeOrValueSpecifier[] | undefined): boolean =>
    specifiers !== undefined && specifiers.length > 0 && valueMatchesSpecifier(context.program, context.checker, callee, specifiers);
  if (matches(context.handlers)) return { kind: 'request', name: `a handler registered with \`${name}\`` };
  if (matches(context.consumers)) {
    return { kind: 'delivery', name: `a consumer registered with \`${name}\``, because: `\`${name}\` may deliver a message again` };
  }
  if (matches(context.retryWrappers)) {
    return { kind: 'retry', name: `a function retried by \`${name}\``, because: `\`${name}\` runs it again after a failure` };
  }
  return undefined;
}

function matchesName(registration: Registration, calleeName: string | undefined, declaredName: string | undefined): boolean {
  if (!registration.names) return true;
  return (calleeName !== undefined && registration.names.includes(calleeName))
    || (declaredName !== undefined && registration.names.includes(declaredName));
}

function namesEvent(call: ts.CallExpression | ts.NewExpression, event: string): boolean {
  const first = call.arguments?.[0];
  return first !== undefined && ts.isStringLiteralLike(first) && first.text === event;
}

function receiverMatches(checker: ts.TypeChecker, callee: ts.Expression, pattern: RegExp): boolean {
  return ts.isPropertyAccessExpression(callee) && pattern.test(checker.typeToString(checker.getTypeAtLocation(callee.expression)));
}

/** A NestJS route method, a Next.js route export, an AWS Lambda handler, a Graphile Worker task. */
function declaredAsHandler(context: HandlerContext, fn: ts.SignatureDeclaration): HandlerSource | undefined {
  if (ts.isMethodDeclaration(fn) && isNestRoute(context.checker, fn)) return { kind: 'request', name: 'a NestJS route handler' };
  const exported = exportedName(fn);
  if (exported === undefined) return typedHandler(context.checker, fn);
  const fileName = path.basename(fn.getSourceFile().fileName);
  if (NEXT_ROUTE_EXPORTS.has(exported) && /^route\.[cm]?[jt]sx?$/u.test(fileName)) return { kind: 'request', name: 'a Next.js route handler' };
  const lambda = lambdaEvent(context.checker, fn);
  if (lambda !== undefined) {
    return LAMBDA_DELIVERIES.get(lambda) ?? { kind: 'request', name: 'an AWS Lambda handler' };
  }
  return typedHandler(context.checker, fn);
}

/**
 * In untyped JavaScript, by name alone: `exports.handler = async (event) => …`. In TypeScript an
 * exported `handler` is a Lambda handler only by its aws-lambda types (Express's error handler is
 * often exported as `handler` too).
 */
function exportedLambdaHandler(fn: ts.SignatureDeclaration): HandlerSource | undefined {
  return isJavaScriptFile(fn.getSourceFile()) && exportedName(fn) === 'handler' ? { kind: 'request', name: 'an AWS Lambda handler' } : undefined;
}

function isNestRoute(checker: ts.TypeChecker, method: ts.MethodDeclaration): boolean {
  return (ts.getDecorators(method) ?? []).some((decorator) => {
    const expression = decorator.expression;
    const callee = ts.isCallExpression(expression) ? expression.expression : expression;
    if (!ts.isIdentifier(callee) || !NEST_ROUTE_DECORATORS.has(callee.text)) return false;
    let symbol = checker.getSymbolAtLocation(callee);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return (symbol?.declarations ?? []).some((declaration) => isDeclaredInPackage(declaration, '@nestjs/common'));
  });
}

/**
 * The name a function is exported under: `export function GET`, `export const handler = …`,
 * `exports.handler = …`, `module.exports.handler = …`.
 */
function exportedName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) {
    if (!fn.name) return undefined;
    return hasExportModifier(fn) ? fn.name.text : ts.isSourceFile(fn.parent) ? exportListNames(fn.parent).get(fn.name.text) : undefined;
  }
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    const statement = parent.parent.parent;
    if (!ts.isVariableStatement(statement)) return undefined;
    if (hasExportModifier(statement)) return parent.name.text;
    return ts.isSourceFile(statement.parent) ? exportListNames(statement.parent).get(parent.name.text) : undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return exportedPropertyName(parent.left);
  return undefined;
}

/** A `.js`, `.cjs`, `.mjs` or `.jsx` file: JavaScript, whose packages may come with no types. */
function isJavaScriptFile(sourceFile: ts.SourceFile): boolean {
  return /\.[cm]?jsx?$/u.test(sourceFile.fileName);
}

function hasExportModifier(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

/** The name of the `@types/aws-lambda` type of the function's first parameter (`SQSEvent`), if it is one. */
function lambdaEvent(checker: ts.TypeChecker, fn: ts.SignatureDeclaration): string | undefined {
  const [first] = fn.parameters;
  if (!first) return undefined;
  const type = checker.getTypeAtLocation(first);
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const declaration = symbol?.declarations?.[0];
  return declaration && isDeclaredInPackage(declaration, 'aws-lambda') ? symbol.getName() : undefined;
}

/** A named function that the project hands to a registration somewhere: `router.get('/', listUsers)`. */
function registeredByName(context: HandlerContext, fn: ts.SignatureDeclaration): HandlerSource | undefined {
  if (!ts.isFunctionDeclaration(fn) && !ts.isMethodDeclaration(fn) && !ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  // A name no call of the project is handed cannot be registered: no need to look for its uses.
  const name = ts.getNameOfDeclaration(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? fn.parent as ts.Declaration : fn);
  if (!name || !(ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) || !isPassedInProject(context.program, context.registrationFiles, name.text)) return undefined;
  const found = references(context.checker, fn, projectFiles(context.program));
  for (const value of found?.values ?? []) {
    const source = passedValue(context, value);
    if (source) return source;
  }
  return undefined;
}

/** Per file (files are reused from one program to the next), and per program, file filter and name. */
const filePassedNames = new WeakMap<ts.SourceFile, ReadonlySet<string>>();
const programPassedNames = new WeakMap<ts.Program, Map<RegExp | undefined, { files: readonly ts.SourceFile[]; names: Map<string, boolean> }>>();

/**
 * Whether a call of the project (in the files `filter` lets through) is handed `name` as a value,
 * in its arguments or in an options object. Like `references`, it reads only the files whose text
 * spells the name: walking every file of a large project for the first question would cost more
 * than all the questions together.
 */
function isPassedInProject(program: ts.Program, filter: RegExp | undefined, name: string): boolean {
  let byFilter = programPassedNames.get(program);
  if (!byFilter) programPassedNames.set(program, byFilter = new Map());
  let seen = byFilter.get(filter);
  if (!seen) {
    const files = projectFiles(program).filter((sourceFile) => !filter || filter.test(sourceFile.text));
    byFilter.set(filter, seen = { files, names: new Map() });
  }
  let passed = seen.names.get(name);
  if (passed === undefined) {
    passed = seen.files.some((sourceFile) => sourceFile.text.includes(name) && namesPassedIn(sourceFile).has(name));
    seen.names.set(name, passed);
  }
  return passed;
}

function namesPassedIn(sourceFile: ts.SourceFile): ReadonlySet<string> {
  let names = filePassedNames.get(sourceFile);
  if (names) return names;
  const found = new Set<string>();
  const add = (argument: ts.Expression): void => {
    const node = skipOuterExpressions(argument);
    if (ts.isIdentifier(node)) found.add(node.text);
    else if (ts.isPropertyAccessExpression(node)) found.add(node.name.text);
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'bind') add(node.expression.expression);
    else if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isPropertyAssignment(property)) add(property.initializer);
        else if (ts.isShorthandPropertyAssignment(property)) found.add(property.name.text);
      }
    }
  };
  forEachCallIn(sourceFile, (call) => {
    for (const argument of call.arguments ?? []) add(argument);
  });
  filePassedNames.set(sourceFile, names = found);
  return names;
}
