import assert from 'node:assert/strict';
import { applyEdits, joinTouchingEdits } from 'eslint-plugin-asyncsense/engine';

describe('edits', () => {
  const text = 'const data = readFileSync(file);';
  // The promise-API fix of no-blocking-io: the callee replaced, `(await ` inserted where it starts.
  const replace = { start: 13, end: 25, newText: 'fs.promises.readFile' };
  const open = { start: 13, end: 13, newText: '(await ' };
  const close = { start: 31, end: 31, newText: ')' };

  it('applies an insertion at the start of a replacement before it, in whatever order they come', () => {
    const expected = 'const data = (await fs.promises.readFile(file));';
    assert.equal(applyEdits(text, [replace, open, close]), expected);
    assert.equal(applyEdits(text, [close, open, replace]), expected);
  });

  it('joins touching edits into one, in document order, so that every client applies them alike', () => {
    assert.deepEqual(joinTouchingEdits([close, replace, open]), [
      { start: 13, end: 25, newText: '(await fs.promises.readFile' },
      close,
    ]);
  });

  it('keeps two insertions at one offset in the order given', () => {
    assert.deepEqual(joinTouchingEdits([{ start: 3, end: 3, newText: 'a' }, { start: 3, end: 3, newText: 'b' }]), [{ start: 3, end: 3, newText: 'ab' }]);
  });

  it('refuses edits that overlap', () => {
    assert.throws(() => joinTouchingEdits([{ start: 0, end: 5, newText: '' }, { start: 4, end: 6, newText: '' }]), /overlapping edits at offset 4/u);
  });
});
