import type ts from 'typescript';

/**
 * Answers to a question about nodes, kept per owner (a configuration the answers depend on) and
 * per checker (one per program), for questions that may ask about the same node again while it is
 * being answered (a function that calls itself): meanwhile the answer is `whileAsking`.
 */
export class NodeAnswers<Key extends ts.Node, Answer> {
  private readonly byOwner = new WeakMap<object, WeakMap<ts.TypeChecker, Map<Key, Answer>>>();

  constructor(private readonly whileAsking: Answer) {}

  /** The answer kept for `key`, if one was asked for; while it is being answered, `whileAsking`. */
  peek(owner: object, checker: ts.TypeChecker, key: Key): { readonly answer: Answer } | undefined {
    const byKey = this.byOwner.get(owner)?.get(checker);
    return byKey?.has(key) ? { answer: byKey.get(key)! } : undefined;
  }

  /** Keeps `answer` for `key`, found by another way of asking that gives the same answers. */
  set(owner: object, checker: ts.TypeChecker, key: Key, answer: Answer): void {
    let byChecker = this.byOwner.get(owner);
    if (!byChecker) this.byOwner.set(owner, byChecker = new WeakMap());
    let byKey = byChecker.get(checker);
    if (!byKey) byChecker.set(checker, byKey = new Map());
    byKey.set(key, answer);
  }

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
