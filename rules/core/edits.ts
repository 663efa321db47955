import type { TextEdit } from './types';

/**
 * The same edits in document order with every run of touching edits joined into one: an
 * insertion at the start of a replacement, or a replacement that ends where the next begins.
 * Offsets refer to the original text, and the result is what any client applies the same way:
 * the Language Server Protocol leaves edits at one position to the order of the list, and some
 * clients refuse them. Throws on edits that overlap.
 */
export function joinTouchingEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const joined: TextEdit[] = [];
  for (const edit of sorted) {
    const last = joined[joined.length - 1];
    if (last && edit.start < last.end) throw new Error(`overlapping edits at offset ${edit.start}`);
    if (last && edit.start === last.end) {
      joined[joined.length - 1] = { start: last.start, end: edit.end, newText: last.newText + edit.newText };
    } else {
      joined.push(edit);
    }
  }
  return joined;
}

/** Applies non-overlapping edits to `text`; offsets refer to the original text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let cursor = 0;
  for (const edit of joinTouchingEdits(edits)) {
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * One edit that makes all of `edits`: from the first one's start to the last one's end, keeping
 * the text between them. `undefined` when there are none.
 */
export function spanningEdit(text: string, edits: readonly TextEdit[]): TextEdit | undefined {
  const joined = joinTouchingEdits(edits);
  const first = joined[0];
  const last = joined[joined.length - 1];
  if (!first || !last) return undefined;
  let newText = '';
  for (const [index, edit] of joined.entries()) {
    if (index > 0) newText += text.slice(joined[index - 1]!.end, edit.start);
    newText += edit.newText;
  }
  return { start: first.start, end: last.end, newText };
}
