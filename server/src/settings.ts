import { resolveConfig, rules, type RulesConfig } from 'eslint-plugin-asyncsense/engine';
import type { Log, TraceLevel } from './log';

/** The `asyncsense` settings section, as the server uses it. */
export interface Settings {
  /** Same shape as ESLint's `rules`: `{ "no-floating-promises": "warn" | ["error", { ... }] }`. */
  readonly rules: RulesConfig;
  readonly trace: TraceLevel;
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, trace: 'off' };

const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'messages', 'verbose'];

/**
 * Reads a settings section sent by the client. What is malformed is reported once to the output and
 * replaced by its default; the rest still applies.
 */
export function toSettings(section: unknown, log: Log): Settings {
  if (section === null || section === undefined) return DEFAULT_SETTINGS;
  if (!isRecord(section)) {
    log.once('warn', `The asyncsense settings must be an object, not ${JSON.stringify(section)}; defaults are used.`);
    return DEFAULT_SETTINGS;
  }
  const settings: Settings = {
    rules: readRules(section['rules'], log),
    trace: readTrace(section['trace'], log),
  };
  for (const problem of resolveConfig(rules, settings.rules).problems) log.once('warn', `Settings: ${problem}`);
  return settings;
}

function readRules(value: unknown, log: Log): RulesConfig {
  if (value === undefined || value === null) return {};
  if (isRecord(value)) return value as RulesConfig;
  log.once('warn', `The setting asyncsense.rules must be an object such as { "no-floating-promises": "warn" }, not ${JSON.stringify(value)}; it is ignored.`);
  return {};
}

function readTrace(value: unknown, log: Log): TraceLevel {
  const level = isRecord(value) ? value['server'] : undefined;
  if (level === undefined || level === null) return 'off';
  const known = TRACE_LEVELS.find((trace) => trace === level);
  if (known) return known;
  log.once('warn', `The setting asyncsense.trace.server must be "off", "messages" or "verbose", not ${JSON.stringify(level)}; "off" is used.`);
  return 'off';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
