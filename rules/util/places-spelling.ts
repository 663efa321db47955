import ts from 'typescript';
import { nodeAt } from '../core/code-nodes';

/**
 * The places in a file's text that spell `name` as a whole word, each with the identifier there
 * (undefined where the word is in a string or a comment), found as the editor's "find all
 * references" finds them. Reading the text is far cheaper than walking the syntax tree of every
 * file a question might concern; a caller that counts the places can stop at a name written
 * everywhere. `where` narrows the places by the text around them before any node is looked up.
 */
export function* placesSpelling(sourceFile: ts.SourceFile, name: string,
  where?: (text: string, start: number, end: number) => boolean): Generator<ts.Identifier | ts.PrivateIdentifier | undefined> {
  const { text } = sourceFile;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (isWholeWord(text, at, name.length) && (!where || where(text, at, at + name.length))) yield identifierAt(sourceFile, at, name);
  }
}

/**
 * Whether the text of `node` holds `word` anywhere (in a name, a string or a comment): a cheap
 * test before a walk of its syntax that looks for a call of that name.
 */
export function textWithinSpells(node: ts.Node, word: string): boolean {
  const at = node.getSourceFile().text.indexOf(word, node.pos);
  return at >= 0 && at < node.end;
}

function isWholeWord(text: string, at: number, length: number): boolean {
  return !isPartOfName(text.charCodeAt(at - 1)) && !isPartOfName(text.charCodeAt(at + length));
}

/** `[A-Za-z0-9_$]`, by character code: asked at every place a name is spelled in every file searched. `NaN` past either end is not. */
function isPartOfName(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

/** The identifier that starts at `position` and spells `name`, if the text there is one. */
function identifierAt(sourceFile: ts.SourceFile, position: number, name: string): ts.Identifier | ts.PrivateIdentifier | undefined {
  const node = nodeAt(sourceFile, position);
  if (!ts.isIdentifier(node) && !ts.isPrivateIdentifier(node)) return undefined;
  return node.text === name && node.getStart(sourceFile) === position ? node : undefined;
}
