import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { indentationAt } from './indentation-at';
import type { Group, Member } from './group-independent-awaits';

const MAX_LINE = 100;

/**
 * Replaces the group with the statements between its members (hoisted, in order) and one
 * `const [a, b] = await Promise.all([f(), g()]);`, split over lines when long.
 */
export function promiseAllEdits(sourceFile: ts.SourceFile, group: Group): TextEdit[] {
  const { members, between } = group;
  const first = members[0]!.statement;
  const last = members[members.length - 1]!.statement;
  const start = first.getStart(sourceFile);
  const indent = indentationAt(sourceFile, start);
  const patterns = members.map((member) => member.declaration.name.getText(sourceFile)).join(', ');
  const types = members.every((member) => member.declaration.type)
    ? `: [${members.map((member) => member.declaration.type!.getText(sourceFile)).join(', ')}]`
    : '';
  const operands = members.map((member) => member.operand.getText(sourceFile));
  const head = `${keywordOf(members[0]!)} [${patterns}]${types} = await Promise.all([`;
  const oneLine = `${head}${operands.join(', ')}]);`;
  const declaration = indent.length + oneLine.length <= MAX_LINE && !operands.some((text) => text.includes('\n'))
    ? oneLine
    : [head, ...operands.map((text) => `${indent}  ${text.replaceAll('\n', '\n  ')},`), `${indent}]);`].join('\n');
  const hoisted = between.map((statement) => `${statement.getText(sourceFile)}\n${indent}`).join('');
  return [{ start, end: last.getEnd(), newText: `${hoisted}${declaration}` }];
}

function keywordOf(member: Member): 'const' | 'let' {
  return member.statement.declarationList.flags & ts.NodeFlags.Let ? 'let' : 'const';
}
