import path from 'node:path';
import { styleText } from 'node:util';
import { applyEdits } from '../core/edits';
import type { FileReport } from './check-project';

type Style = Parameters<typeof styleText>[0];

/**
 * Prints findings as ESLint's stylish formatter does (file, then `line:col  severity  message
 * rule`, then a summary), with each suggested fix shown as the lines it would change.
 */
export function formatStylish(files: readonly FileReport[], options: { color: boolean; cwd: string }): string {
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text) : text);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const { fileName, sourceFile, findings } of files) {
    out.push('', paint('underline', path.relative(options.cwd, fileName)));
    for (const finding of findings) {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.start);
      const severity = finding.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
      if (finding.severity === 'error') errors++;
      else warnings++;
      out.push(`  ${paint('dim', `${line + 1}:${character + 1}`)}  ${severity}  ${finding.message}  ${paint('dim', `asyncsense/${finding.ruleId}`)}`);
      for (const suggestion of finding.suggestions) {
        out.push(`      ${paint('cyan', 'fix:')} ${suggestion.title}`);
        out.push(...changedLines(sourceFile.text, applyEdits(sourceFile.text, suggestion.edits())).map((row) => `        ${row}`));
      }
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  out.push('', paint(['red', 'bold'], summary), '');
  return out.join('\n');
}

/** The lines that differ between two texts that share a head and a tail, as `-`/`+` rows. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [
    ...a.slice(head, a.length - tail).map((line) => `- ${line}`),
    ...b.slice(head, b.length - tail).map((line) => `+ ${line}`),
  ];
}
