/**
 * eslint-plugin-asyncsense: the engine's rules for ESLint flat config. This module is the
 * package's CommonJS entry point, so `import asyncsense from 'eslint-plugin-asyncsense'` in an ES
 * module config receives this very object.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { rules as engineRules } from '../index';
import { engineRuleToEslintRule, type EslintRule } from './engine-rule-to-eslint-rule';

type Config = TSESLint.FlatConfig.Config;

interface AsyncsensePlugin {
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: 'asyncsense' };
  readonly rules: Readonly<Record<string, EslintRule>>;
  readonly configs: {
    /** The rules marked recommended, as errors. */
    readonly recommended: Config;
    /** Every rule, as errors. */
    readonly all: Config;
  };
}

// Read at run time: compiled, this file sits in dist/eslint/, two levels below the package root.
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

const rules: Record<string, EslintRule> = Object.fromEntries(
  engineRules.map((rule) => [rule.id, engineRuleToEslintRule(rule)]),
);

const configs = {} as { recommended: Config; all: Config };

const plugin: AsyncsensePlugin = {
  meta: { name: manifest.name, version: manifest.version, namespace: 'asyncsense' },
  rules,
  configs,
};

// The configs name the plugin itself, so they are filled in once it exists.
configs.recommended = {
  name: 'asyncsense/recommended',
  plugins: { asyncsense: plugin },
  rules: errorsFor(engineRules.filter((rule) => rule.meta.recommended).map((rule) => rule.id)),
};
configs.all = {
  name: 'asyncsense/all',
  plugins: { asyncsense: plugin },
  rules: errorsFor(engineRules.map((rule) => rule.id)),
};

function errorsFor(ids: readonly string[]): Config['rules'] {
  return Object.fromEntries(ids.map((id) => [`asyncsense/${id}`, 'error' as const]));
}

export = plugin;
