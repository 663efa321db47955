/**
 * The ESLint configurations of the CI benchmark (bench/ci-child.mjs), as a config module so that
 * ESLint's worker threads (`concurrency`) can load it: the one named by
 * `ASYNCSENSE_BENCH_CONFIG`, for the project in the working directory.
 *
 * `recommended` and `all` are asyncsense's configs; `peer` is typescript-eslint's async rules
 * (`no-floating-promises`, `no-misused-promises`, `await-thenable`, `return-await`,
 * `require-await`) with ESLint's `no-await-in-loop` and eslint-plugin-n's `no-sync`; `parse` is
 * the same files parsed with types and no rule.
 */
import tseslint from 'typescript-eslint';
import nodePlugin from 'eslint-plugin-n';
import asyncsense from 'eslint-plugin-asyncsense';
import generatorProgram from './generator/program.js';

const typed = {
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: process.cwd() } },
};
const { RULE_OPTIONS } = generatorProgram;

export const CONFIGS = {
  recommended: [typed, asyncsense.configs.recommended],
  all: [typed, asyncsense.configs.all, {
    rules: {
      'asyncsense/no-blocking-io': ['warn', RULE_OPTIONS['no-blocking-io']],
      'asyncsense/no-non-idempotent-retry': ['warn', RULE_OPTIONS['no-non-idempotent-retry']],
    },
  }],
  peer: [typed, {
    plugins: { '@typescript-eslint': tseslint.plugin, n: nodePlugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'warn',
      '@typescript-eslint/no-misused-promises': 'warn',
      '@typescript-eslint/await-thenable': 'warn',
      '@typescript-eslint/return-await': 'warn',
      '@typescript-eslint/require-await': 'warn',
      'no-await-in-loop': 'warn',
      'n/no-sync': 'warn',
    },
  }],
  parse: [typed],
};

export default CONFIGS[process.env.ASYNCSENSE_BENCH_CONFIG] ?? [];
