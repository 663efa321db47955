import ts from 'typescript';
import type { Group, Member } from './group-independent-awaits';

/**
 * Whether the group can become one `Promise.all` declaration that keeps every name, type and
 * comment: all `const` or all `let`, no modifiers, every member typed or none, no comment that
 * the rewrite would drop, and `Promise` the global one with an `all`. A typed member whose call
 * may take its type arguments from the declared type (`const user: User = await cache.get(key)`)
 * keeps its declaration: inside `Promise.all` that context is gone.
 */
export function canRewriteAsPromiseAll(program: ts.Program, sourceFile: ts.SourceFile, group: Group): boolean {
  const { members } = group;
  const keyword = keywordFlags(members[0]!);
  if (members.some((member) => keywordFlags(member) !== keyword || member.statement.modifiers?.length)) return false;
  const typed = members.filter((member) => member.declaration.type).length;
  if (typed !== 0 && typed !== members.length) return false;
  if (typed > 0 && members.some((member) => infersFromContext(program.getTypeChecker(), member.operand))) return false;
  if (!group.canHoistBetween || members.some((member) => hasDroppedComment(sourceFile, member))) return false;
  if (hasCommentBetweenStatements(sourceFile, group)) return false;
  return isGlobalPromiseAll(program, members[0]!.statement);
}

function infersFromContext(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  if (call.typeArguments) return false;
  const declaration = checker.getResolvedSignature(call)?.getDeclaration();
  return declaration === undefined || (declaration.typeParameters?.length ?? 0) > 0;
}

/** A comment inside the statement but outside the parts the rewrite copies (name, type, call). */
function hasDroppedComment(sourceFile: ts.SourceFile, member: Member): boolean {
  const kept = [member.declaration.name, member.declaration.type, member.operand].filter((node) => node !== undefined);
  let text = '';
  let position = member.statement.getStart(sourceFile);
  for (const node of kept) {
    text += sourceFile.text.slice(position, node.getStart(sourceFile));
    position = node.getEnd();
  }
  text += sourceFile.text.slice(position, member.statement.getEnd());
  return text.includes('/');
}

/** Comments before the second and later statements of the replaced range would be lost. */
function hasCommentBetweenStatements(sourceFile: ts.SourceFile, group: Group): boolean {
  const statements = [...group.members.map((member) => member.statement), ...group.between].sort((a, b) => a.pos - b.pos);
  return statements.slice(1).some((statement) => sourceFile.text.slice(statement.pos, statement.getStart(sourceFile)).trim() !== '');
}

/** A local `Promise`, or a lib without `Promise.all`, would make the rewrite mean something else. */
function isGlobalPromiseAll(program: ts.Program, location: ts.Node): boolean {
  const checker = program.getTypeChecker();
  const symbol = checker.resolveName('Promise', location, ts.SymbolFlags.Value, false);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !program.isSourceFileDefaultLibrary(declaration.getSourceFile())) return false;
  return checker.getTypeOfSymbol(symbol).getProperty('all') !== undefined;
}

function keywordFlags(member: Member): ts.NodeFlags {
  return member.statement.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let | ts.NodeFlags.Using);
}
