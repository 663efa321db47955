import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { skipOuterExpressions } from './skip-outer-expressions';

/** `child_process`'s blocking calls whose callback twin `promisify` types exactly (`exec.__promisify__`). */
export const CHILD_PROCESS_TWINS: ReadonlySet<string> = new Set(['exec', 'execFile']);

/** The options `exec` and `execFile` take as their synchronous forms do; `input` and `stdio` have no twin. */
const TWIN_OPTIONS = new Set(['cwd', 'env', 'encoding', 'shell', 'timeout', 'maxBuffer', 'killSignal', 'uid', 'gid', 'windowsHide',
  'windowsVerbatimArguments', 'signal']);

/** How a call of `execSync`/`execFileSync` becomes one of the promisified twin. */
export interface ChildProcessTwin {
  /** Whether the output is read: the twin answers `{ stdout, stderr }`, so the call is followed by `.stdout`. */
  readonly readsOutput: boolean;
  /** `encoding: 'buffer'` added to the options, so that the output stays a `Buffer` as it was. */
  readonly edits: readonly TextEdit[];
}

/**
 * `execSync(command, options)` as `(await promisify(exec)(command, options)).stdout`: only when
 * the options are written out here with nothing the twin lacks (`input`, `stdio`) and an encoding
 * that is a literal or none. With no encoding the synchronous call answers a `Buffer`, and the
 * twin a string: `encoding: 'buffer'` keeps it a `Buffer`.
 */
export function childProcessTwin(sourceFile: ts.SourceFile, call: ts.CallExpression, twin: string): ChildProcessTwin | undefined {
  if (call.arguments.length === 0 || call.arguments.some(ts.isSpreadElement)) return undefined;
  const options = optionsArgument(call, twin);
  if (options === null) return undefined;
  const readsOutput = !isStatement(call);
  if (options === undefined) {
    if (!readsOutput) return { readsOutput, edits: [] };
    const last = call.arguments.at(-1)!;
    return { readsOutput, edits: [{ start: last.getEnd(), end: last.getEnd(), newText: ', { encoding: \'buffer\' }' }] };
  }
  let encoding: ts.Expression | undefined;
  for (const property of options.properties) {
    if (!(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) || !ts.isIdentifier(property.name)) return undefined;
    if (!TWIN_OPTIONS.has(property.name.text)) return undefined;
    if (property.name.text === 'encoding') encoding = ts.isPropertyAssignment(property) ? property.initializer : property.name;
  }
  if (encoding !== undefined) return ts.isStringLiteralLike(skipOuterExpressions(encoding)) ? { readsOutput, edits: [] } : undefined;
  if (!readsOutput) return { readsOutput, edits: [] };
  const open = options.getStart(sourceFile) + 1;
  const spaced = options.properties.length > 0 ? ' encoding: \'buffer\',' : ' encoding: \'buffer\' ';
  return { readsOutput, edits: [{ start: open, end: open, newText: spaced }] };
}

/**
 * The options literal of the call, `undefined` when it has none, `null` when they are not written
 * out here (a variable, a spread): `execSync(command, options?)`, `execFileSync(file, args?, options?)`.
 */
function optionsArgument(call: ts.CallExpression, twin: string): ts.ObjectLiteralExpression | undefined | null {
  const args = call.arguments;
  const maxArguments = twin === 'exec' ? 2 : 3;
  if (args.length > maxArguments) return null;
  const last = args.length > 1 ? skipOuterExpressions(args.at(-1)!) : undefined;
  if (last === undefined) return undefined;
  if (ts.isObjectLiteralExpression(last)) return last.properties.some(ts.isSpreadAssignment) ? null : last;
  // `execFileSync(file, args)`: no options.
  return twin === 'execFile' && args.length === 2 ? undefined : null;
}

/** `execSync('make');` or `void execSync('make')`: the output is not read. */
function isStatement(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isExpressionStatement(node.parent) || ts.isVoidExpression(node.parent);
}
