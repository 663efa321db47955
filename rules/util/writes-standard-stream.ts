import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/** The streams a Node process writes its output and its log to. */
const STANDARD_STREAMS = new Set(['stdout', 'stderr']);

/**
 * `process.stderr.write(line)`: a process's own output. Node writes it synchronously to files,
 * terminals and pipes on Linux, and a log line is not work worth running beside other work.
 */
export function writesStandardStream(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !['write', 'end'].includes(callee.name.text)) return false;
  const stream = skipOuterExpressions(callee.expression);
  return ts.isPropertyAccessExpression(stream) && STANDARD_STREAMS.has(stream.name.text)
    && ts.isIdentifier(stream.expression) && stream.expression.text === 'process';
}
