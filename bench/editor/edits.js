'use strict';
/**
 * The edits both editors get: a line typed into a function body, then deleted, in turns. Each edit
 * is given as the whole new text (what ESLint lints) and as an incremental `didChange` range (what
 * an editor sends over LSP).
 */

function editSequence(original, line, count) {
  const lines = original.split('\n');
  const edits = [];
  for (let i = 0; i < count; i++) {
    const typed = `  const probe = items.length + ${i};`;
    const insert = i % 2 === 0;
    const next = insert ? [...lines.slice(0, line), typed, ...lines.slice(line)] : lines;
    edits.push({
      text: next.join('\n'),
      change: insert
        ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${typed}\n` }
        : { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' },
    });
  }
  return edits;
}

module.exports = { editSequence };
