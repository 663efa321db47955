import { applyEdits, type Finding, type TextEdit } from 'eslint-plugin-asyncsense/engine';

/**
 * How many times fix-all lints the fixed text again for the fixes a pass had to skip (two fixes
 * that edit the same import), as `eslint --fix` does.
 */
export const MAX_FIX_PASSES = 10;

/** The first safe suggestion of each finding, skipping any whose edits overlap one already chosen. */
export function safeFixEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const finding of findings) {
    const suggestion = finding.suggestions.find((candidate) => candidate.safe === true);
    if (!suggestion) continue;
    const edits = suggestion.edits();
    if (edits.some((edit) => chosen.some((other) => editsOverlap(edit, other)))) continue;
    chosen.push(...edits);
  }
  return chosen;
}

/**
 * The text after every safe fix: each pass applies the fixes that do not overlap, then `relint`
 * finds what is left in the text it made. Stops when no safe fix remains, when a pass changes
 * nothing, when the text cannot be linted (`undefined`), or after `MAX_FIX_PASSES`.
 */
export function fixAllText(text: string, findings: readonly Finding[], relint: (text: string) => readonly Finding[] | undefined): string {
  let current = text;
  let remaining: readonly Finding[] | undefined = findings;
  for (let pass = 0; pass < MAX_FIX_PASSES && remaining; pass++) {
    const edits = safeFixEdits(remaining);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    remaining = pass + 1 < MAX_FIX_PASSES ? relint(current) : undefined;
  }
  return current;
}

/** One edit that turns `before` into `after`: what lies between their common start and common end. */
export function editBetween(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start
    && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never between the two halves of a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isHighSurrogate(before.charCodeAt(before.length - end - 1))) end--;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || a.start === b.start;
}
