import ts from 'typescript';
import { ambientModuleName } from './ambient-module-name';
import { calleeName } from './callee-name';
import { skipOuterExpressions } from './skip-outer-expressions';
import type { TypeOrValueSpecifier } from './specifier';
import { valueMatchesSpecifier } from './value-matches-specifier';

/** A synchronous call that holds the event loop until the disk, a child process or the CPU is done. */
export interface BlockingCall {
  /** The name as Node declares it: `readFileSync`. */
  readonly name: string;
  /** `fs`, `child_process`, `crypto`, `zlib`, `Atomics`, or empty for one of the user's `blockingCalls`. */
  readonly module: string;
  /** What to use instead, for the user's own `blockingCalls`. */
  readonly suggestion?: string;
}

export interface BlockingCallOptions {
  readonly blockingCalls: readonly { readonly specifier: TypeOrValueSpecifier; readonly suggestion?: string }[];
  readonly allow: readonly TypeOrValueSpecifier[];
}

/** The synchronous functions of these modules that wait on the disk, a process or a slow computation. */
const BLOCKING: ReadonlyMap<string, (name: string) => boolean> = new Map([
  ['fs', (name: string) => name.endsWith('Sync')],
  ['zlib', (name: string) => name.endsWith('Sync')],
  ['child_process', (name: string) => ['execSync', 'execFileSync', 'spawnSync'].includes(name)],
  ['crypto', (name: string) => ['pbkdf2Sync', 'scryptSync', 'generateKeyPairSync', 'generateKeySync', 'generatePrimeSync'].includes(name)],
]);

/** The name a call may have for `blockingCall` to look further, before any type query. */
export function mayBlock(call: ts.CallExpression, options: BlockingCallOptions): boolean {
  const name = calleeName(call);
  if (name === undefined) return false;
  return name.endsWith('Sync') || name === 'wait' || options.blockingCalls.length > 0;
}

/**
 * The blocking call `call` makes, resolved through its declaration: Node's `fs.readFileSync` is
 * one, a user method of the same name is not. The user's `blockingCalls` count too, and `allow`
 * wins over both.
 */
export function blockingCall(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression, options: BlockingCallOptions): BlockingCall | undefined {
  const callee = skipOuterExpressions(call.expression);
  const name = calleeName(call);
  if (name === undefined) return undefined;
  if (options.allow.length > 0 && valueMatchesSpecifier(program, checker, callee, options.allow)) return undefined;
  for (const { specifier, suggestion } of options.blockingCalls) {
    if (valueMatchesSpecifier(program, checker, callee, [specifier])) return { name, module: '', suggestion };
  }
  if (!name.endsWith('Sync') && name !== 'wait') return undefined;
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  for (const declaration of symbol?.declarations ?? []) {
    const declaredName = symbol!.getName();
    if (declaredName === 'wait' && isAtomicsWait(program, declaration)) return { name: 'Atomics.wait', module: 'Atomics' };
    const module = ambientModuleName(declaration);
    if (module !== undefined && BLOCKING.get(module)?.(declaredName)) return { name: declaredName, module };
  }
  return undefined;
}

function isAtomicsWait(program: ts.Program, declaration: ts.Declaration): boolean {
  const owner = declaration.parent;
  return program.isSourceFileDefaultLibrary(declaration.getSourceFile()) && ts.isInterfaceDeclaration(owner) && owner.name.text === 'Atomics';
}
