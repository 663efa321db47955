import type ts from 'typescript';

/**
 * Answers to a question about nodes, kept per owner (a configuration the answers depend on) and
 * per checker (one per program), for questions that may ask about the same node again while it is
 * being answered (a function that calls itself): meanwhile the answer is `whileAsking`.
 */
export class NodeAnswers<Key extends ts.Node, Answer> {
  private readonly byOwner = new WeakMap<object, WeakMap<ts.TypeChecker, Map<Key, Answer>>>();

  constructor(private readonly whileAsking: Answer) {}

  get(owner: object, checker: ts.TypeChecker, key: Key, answer: () => Answer): Answer {
    let byChecker = this.byOwner.get(owner);
    if (!byChecker) this.byOwner.set(owner, byChecker = new WeakMap());
    let byKey = byChecker.get(checker);
    if (!byKey) byChecker.set(checker, byKey = new Map());
    if (byKey.has(key)) return byKey.get(key)!;
    byKey.set(key, this.whileAsking);
    const found = answer();
    byKey.set(key, found);
    return found;
  }
}
