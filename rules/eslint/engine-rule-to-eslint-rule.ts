import type { TSESLint } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { RULE_PREFIX } from '../core/config';
import type { AnyRule, RuleFailure, RuleSetting } from '../core/types';
import { ruleDocsUrl } from '../engine';
import { joinFileBatch } from './file-batch';
import { findingToEslintReport, skippedByEslint } from './finding-to-eslint-report';
import { typeInformationFor } from './type-information';

/** The docs fields every asyncsense rule carries besides `description` and `url`. */
export interface AsyncsenseRuleDocs {
  readonly recommended: boolean;
  readonly requiresTypeChecking: true;
}

export type EslintRuleOptions = [Record<string, unknown>?];
export type EslintRule = TSESLint.RuleModule<string, EslintRuleOptions, AsyncsenseRuleDocs>;

/**
 * Wraps one engine rule for ESLint. It converts and nothing more: the engine checks the file,
 * this reports what it found.
 */
export function engineRuleToEslintRule(rule: AnyRule): EslintRule {
  const ruleName = `${RULE_PREFIX}${rule.id}`;
  const fixable = rule.meta.fixable === true;
  const hasOptions = rule.meta.schema.length > 0;
  // A plain rule object rather than typescript-eslint's RuleCreator, which deep-merges the default
  // options into every file's context: ESLint applies `meta.defaultOptions` itself, and the engine
  // merges them again when it resolves the setting.
  return {
    meta: {
      type: rule.meta.type,
      docs: {
        description: rule.meta.description, recommended: rule.meta.recommended, requiresTypeChecking: true,
        url: ruleDocsUrl(rule.id),
      },
      messages: { ...rule.meta.messages },
      // The engine keeps schemas as plain JSON objects so that it needs no ESLint types.
      schema: rule.meta.schema as unknown as readonly JSONSchema4[],
      hasSuggestions: rule.meta.hasSuggestions ?? true,
      ...(fixable ? { fixable: 'code' as const } : {}),
      defaultOptions: hasOptions ? [rule.meta.defaultOptions as Record<string, unknown>] : [],
    },
    defaultOptions: hasOptions ? [rule.meta.defaultOptions as Record<string, unknown>] : [],
    create(context) {
      const [options] = context.options;
      const { program, sourceFile } = typeInformationFor(context, ruleName);
      const batch = joinFileBatch(sourceFile, program, rule, settingFor(options));
      return {
        Program() {
          const { findings, failure } = batch.outcomeFor(rule.id);
          if (failure) throw failureToError(ruleName, failure);
          const parsed = { text: sourceFile.text, skipped: skippedByEslint(sourceFile.text, context.sourceCode) };
          for (const finding of findings) {
            context.report(findingToEslintReport(finding, context.sourceCode, fixable, parsed));
          }
        },
      };
    },
  };
}

/** ESLint hands over the same options object for every file; so is the setting made of it. */
const settings = new WeakMap<Record<string, unknown>, RuleSetting>();

function settingFor(options: Record<string, unknown> | undefined): RuleSetting {
  if (options === undefined) return 'error';
  let setting = settings.get(options);
  if (!setting) settings.set(options, setting = ['error', options]);
  return setting;
}

function failureToError(ruleName: string, failure: RuleFailure): Error {
  const cause = failure.error instanceof Error ? failure.error.message : String(failure.error);
  return new Error(`${ruleName} failed while checking ${failure.fileName}: ${cause}`, { cause: failure.error });
}
