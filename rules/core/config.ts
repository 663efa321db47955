import type { AnyRule, RuleSetting, RulesConfig, Severity } from './types';

export const RULE_PREFIX = 'asyncsense/';

export interface ResolvedRule {
  readonly rule: AnyRule;
  readonly severity: Exclude<Severity, 'off'>;
  readonly options: unknown;
}

export interface ResolvedConfig {
  readonly rules: readonly ResolvedRule[];
  /** What was wrong with the configuration, one sentence each; the rest still applies. */
  readonly problems: readonly string[];
}

const SEVERITIES: readonly Severity[] = ['off', 'warn', 'error'];

/** `asyncsense/no-floating-promises` and `no-floating-promises` name the same rule. */
export function toRuleId(key: string): string {
  return key.startsWith(RULE_PREFIX) ? key.slice(RULE_PREFIX.length) : key;
}

/**
 * Turns a rules setting (ESLint's shape, also used by the editor settings) into the rules to run
 * with their merged options. Rules not named run at their recommended default.
 */
export function resolveConfig(rules: readonly AnyRule[], config: RulesConfig | undefined): ResolvedConfig {
  // Callers hand over the same rules and setting again for every file they check.
  const key = config ?? NO_SETTING;
  let byConfig = resolvedConfigs.get(rules);
  if (!byConfig) resolvedConfigs.set(rules, byConfig = new WeakMap());
  let resolved = byConfig.get(key);
  if (!resolved) byConfig.set(key, resolved = resolveConfigAfresh(rules, config));
  return resolved;
}

const NO_SETTING = {};
const resolvedConfigs = new WeakMap<readonly AnyRule[], WeakMap<RulesConfig, ResolvedConfig>>();

function resolveConfigAfresh(rules: readonly AnyRule[], config: RulesConfig | undefined): ResolvedConfig {
  const problems: string[] = [];
  const settings = new Map<string, RuleSetting>();
  for (const [key, setting] of Object.entries(config ?? {})) {
    const id = toRuleId(key);
    if (!rules.some((rule) => rule.id === id)) {
      problems.push(`Unknown rule "${key}" in the asyncsense rules setting; it is ignored.`);
      continue;
    }
    settings.set(id, setting);
  }
  const resolved: ResolvedRule[] = [];
  for (const rule of rules) {
    const setting = settings.get(rule.id) ?? (rule.meta.recommended ? 'warn' : 'off');
    const [severity, options] = splitSetting(rule.id, setting, problems);
    if (severity === 'off') continue;
    resolved.push({ rule, severity, options: mergeOptions(rule.meta.defaultOptions, options) });
  }
  return { rules: resolved, problems };
}

function splitSetting(id: string, setting: RuleSetting, problems: string[]): [Severity, unknown] {
  const [severity, options] = Array.isArray(setting) ? [setting[0], setting[1]] : [setting, undefined];
  let normalised = normaliseSeverity(severity);
  if (normalised === undefined) {
    problems.push(`Rule "${id}" has severity ${JSON.stringify(severity)}; use "off", "warn" or "error". It stays at "warn".`);
    normalised = 'warn';
  }
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    problems.push(`Rule "${id}" options must be an object; the defaults are used.`);
    return [normalised, undefined];
  }
  return [normalised, options];
}

/** ESLint also accepts 0, 1 and 2. */
function normaliseSeverity(value: unknown): Severity | undefined {
  if (typeof value === 'number') return SEVERITIES[value];
  return SEVERITIES.find((severity) => severity === value);
}

/** Merged options by the options object and the defaults, which ESLint hands over again for every file. */
const merged = new WeakMap<object, WeakMap<object, unknown>>();

function mergeOptions(defaults: unknown, options: unknown): unknown {
  if (options === undefined) return defaults;
  if (typeof defaults !== 'object' || defaults === null) return { ...(options as object) };
  let byDefaults = merged.get(options as object);
  if (!byDefaults) merged.set(options as object, byDefaults = new WeakMap());
  let result = byDefaults.get(defaults as object);
  if (result === undefined) byDefaults.set(defaults as object, result = { ...(defaults as object), ...(options as object) });
  return result;
}
