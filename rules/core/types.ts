import type ts from 'typescript';

/** How loudly a rule speaks; `off` rules are never run. */
export type Severity = 'off' | 'warn' | 'error';

/** A text replacement in UTF-16 offsets of the source text it was computed on. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A fix offered to the user. Edits are computed only when a front end asks for them. */
export interface Suggestion {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /**
   * A safe fix keeps behaviour the user evidently wants, so `source.fixAll` and
   * `eslint --fix` may apply it unasked. Everything else is only ever offered.
   */
  readonly safe?: boolean;
  edits(): readonly TextEdit[];
}

/** What a rule passes to `context.report`. Offsets are UTF-16, from `node.getStart(sourceFile)`. */
export interface FindingReport {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly start: number;
  readonly end: number;
  readonly suggestions?: readonly Suggestion[];
}

/** A report as the engine hands it to front ends: resolved rule, severity and message text. */
export interface Finding extends FindingReport {
  readonly ruleId: string;
  readonly severity: Exclude<Severity, 'off'>;
  readonly message: string;
  readonly suggestions: readonly ResolvedSuggestion[];
}

export interface ResolvedSuggestion extends Suggestion {
  /** The fix title, from the rule's messages. */
  readonly title: string;
}

/** A JSON schema for a rule's options, in ESLint's array form. */
export type OptionsSchema = readonly Record<string, unknown>[];

export interface RuleMeta<Options, MessageId extends string> {
  /** ESLint's category: code that misbehaves (`problem`) or code that could be better (`suggestion`). */
  readonly type: 'problem' | 'suggestion';
  readonly description: string;
  readonly recommended: boolean;
  /** Message templates with ESLint's `{{placeholder}}` syntax. */
  readonly messages: Readonly<Record<MessageId, string>>;
  readonly schema: OptionsSchema;
  readonly defaultOptions: Options;
  /** Whether the rule offers suggestions (ESLint's `hasSuggestions`). */
  readonly hasSuggestions?: boolean;
  /** Whether any suggestion this rule makes can be `safe`, so `--fix` and fix-all may apply it. */
  readonly fixable?: boolean;
  /**
   * The ids under which other linters report the same thing (`no-await-in-loop`,
   * `@typescript-eslint/no-floating-promises`). A comment that switches one of them off where the
   * code is marks that spot as deliberate, and this rule says nothing there either.
   */
  readonly peers?: readonly string[];
}

export interface RuleContext<Options, MessageId extends string> {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly sourceFile: ts.SourceFile;
  readonly options: Options;
  report(finding: FindingReport & { readonly messageId: MessageId }): void;
}

/**
 * Visitors keyed by `ts.SyntaxKind`; the runner calls each on entering a node of that kind. The
 * walk covers the code that runs: type annotations, interfaces and type aliases are not entered.
 */
export type RuleVisitors = Partial<Record<ts.SyntaxKind, (node: ts.Node) => void>>;

/**
 * Where a rule can report at all, as cheap syntactic facts the runner checks before any visitor
 * or type query: a file or subtree outside the reach of every enabled rule is not walked.
 */
export interface RuleReach<Options = unknown> {
  /**
   * The rule reports only in code whose text matches (`/\bawait\b/`): files and subtrees without
   * a match are not walked for it. A visitor sees a node that holds a match, and its ancestors.
   * A function gives the pattern for one program and set of options (the names of the project's
   * own helpers, say), or undefined when the rule has nothing to find in that program.
   */
  readonly text?: RegExp | ((context: ReachContext<Options>) => RegExp | undefined);
  /**
   * The rule reports only in these files of the program (those that import a queue package, say,
   * and the files they import): other files are not walked for it. Computed for one program and
   * set of options; undefined when the rule has nothing to find in that program.
   */
  readonly files?: (context: ReachContext<Options>) => ReadonlySet<ts.SourceFile> | undefined;
  /**
   * The rule reports only in code that awaits: a subtree with no `await` expression in it (a
   * `for await` alone does not count) has nothing for it.
   */
  readonly awaitsOnly?: boolean;
}

/** What a reach computed per program may read. */
export interface ReachContext<Options> {
  readonly program: ts.Program;
  readonly options: Options;
}

export interface Rule<Options = unknown, MessageId extends string = string> {
  readonly id: string;
  readonly meta: RuleMeta<Options, MessageId>;
  readonly reach?: RuleReach<Options>;
  create(context: RuleContext<Options, MessageId>): RuleVisitors;
}

/** Type-erased rule, as the registry and runner hold it. */
export type AnyRule = Rule<any, string>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A rule's setting, in the same shape ESLint uses: `"warn"`, or `["error", { ...options }]`.
 * Keys may be bare rule ids or `asyncsense/<id>`.
 */
export type RuleSetting = Severity | readonly [Severity, ...unknown[]];

export type RulesConfig = Readonly<Record<string, RuleSetting>>;

/** Which suppression comments the runner applies itself. */
export type SuppressionMode =
  /** Editor and terminal: `eslint-disable*` for `asyncsense/<id>` and `asyncsense-disable*`. */
  | 'all'
  /** Inside ESLint, which applies its own directives: only the `asyncsense-disable*` comments. */
  | 'asyncsense-only';

export interface RunConfig {
  readonly rules: RulesConfig;
  readonly suppressions?: SuppressionMode;
}

/** A rule that threw while checking a file. The other rules' findings still stand. */
export interface RuleFailure {
  readonly ruleId: string;
  readonly fileName: string;
  readonly error: unknown;
}

export interface RunResult {
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
}
