import ts from 'typescript';
import type { Binding } from './binding';
import { bindingsReadBy } from './bindings-read-by';
import { bindingsWrittenBy } from './bindings-written-by';
import { mayReorder } from './may-reorder';

/** A candidate: `const x = await call(…);` or `let`, with one declaration. */
export interface Member {
  readonly statement: ts.VariableStatement;
  readonly declaration: ts.VariableDeclaration;
  readonly awaitExpression: ts.AwaitExpression;
  readonly operand: ts.CallExpression;
}

/** Members that can run together, in order, with what stands between the first and the last. */
export interface Group {
  readonly members: readonly Member[];
  readonly between: readonly ts.Statement[];
  /** Whether every statement between can run before the group without changing what it sees. */
  readonly canHoistBetween: boolean;
}

interface Flow {
  readonly member: Member;
  /** What the awaited call reads; later members must not change it. */
  readonly operandReads: Set<Binding>;
  /** What the awaited call changes. */
  readonly operandWrites: Set<Binding>;
  /** What the statement declares or changes; later members must not read it. */
  readonly writes: Set<Binding>;
}

interface Between {
  readonly statement: ts.Statement;
  readonly writes: Set<Binding>;
  readonly hoistable: boolean;
}

/**
 * Splits a statement list into groups of awaits that do not depend on each other. A member joins
 * the open group when its call reads nothing the group's members (or the statements between them)
 * declared or changed, changes nothing their calls read, and `mayReorder` allows it with every
 * member. A statement between members ends the group when it can leave the block or wait
 * (`return`, `throw`, `await`, …) or touches a member's binding; a member that cannot join opens
 * the next group, so `orders(user.id)` and `team(user.teamId)` group after `user`.
 */
export function groupIndependentAwaits(
  checker: ts.TypeChecker,
  statements: readonly ts.Statement[],
  asMember: (statement: ts.Statement) => Member | undefined,
): Group[] {
  const groups: Group[] = [];
  let flows: Flow[] = [];
  let between: Between[] = [];

  const members = statements.map(asMember);
  // Statements after the last member can end no group and join none: they are not read.
  let end = members.length;
  while (end > 0 && members[end - 1] === undefined) end--;
  for (let index = 0; index < end; index++) {
    const statement = statements[index]!;
    const member = members[index];
    if (member) {
      const flow = flowOf(member);
      if (!canJoin(flow)) close();
      flows.push(flow);
    } else if (flows.length > 0) {
      addBetween(statement);
    }
  }
  close();
  return groups;

  function flowOf(member: Member): Flow {
    return {
      member,
      operandReads: bindingsReadBy(checker, member.operand),
      operandWrites: bindingsWrittenBy(checker, member.operand),
      writes: bindingsWrittenBy(checker, member.statement),
    };
  }

  function canJoin(flow: Flow): boolean {
    if (flows.length === 0) return true;
    const written = [...flows.map((earlier) => earlier.writes), ...between.map((entry) => entry.writes)];
    if (written.some((writes) => intersects(flow.operandReads, writes))) return false;
    if (flows.some((earlier) => intersects(flow.writes, earlier.operandReads))) return false;
    return flows.every((earlier) => mayReorder(checker, earlier.member.operand, flow.member.operand));
  }

  function addBetween(statement: ts.Statement): void {
    if (mayWaitOrLeave(statement)) {
      close();
      return;
    }
    const reads = bindingsReadBy(checker, statement);
    const writes = bindingsWrittenBy(checker, statement);
    if (flows.some((flow) => intersects(reads, flow.writes) || intersects(writes, flow.writes))) {
      close();
      return;
    }
    const hoistable = !flows.some((flow) => intersects(writes, flow.operandReads) || intersects(reads, flow.operandWrites));
    between.push({ statement, writes, hoistable });
  }

  function close(): void {
    if (flows.length >= 2) {
      const last = flows[flows.length - 1]!.member.statement;
      const inside = between.filter((entry) => entry.statement.pos < last.pos);
      groups.push({
        members: flows.map((flow) => flow.member),
        between: inside.map((entry) => entry.statement),
        canHoistBetween: inside.every((entry) => entry.hoistable),
      });
    }
    flows = [];
    between = [];
  }
}

function intersects(a: ReadonlySet<Binding>, b: ReadonlySet<Binding>): boolean {
  for (const binding of a) if (b.has(binding)) return true;
  return false;
}

/**
 * Whether a statement can wait or leave the block, outside the functions it defines: then what
 * follows it may never run, or runs later, and grouping across it changes that.
 */
function mayWaitOrLeave(statement: ts.Statement): boolean {
  if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing) {
    return true;
  }
  return visit(statement);

  function visit(node: ts.Node): boolean {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node)
      || ts.isBreakOrContinueStatement(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  }
}
