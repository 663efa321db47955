// asyncsense lints its own code with its own rules, through the published plugin entry point
// (the workspace link resolves it to rules/dist, so build before linting).
import tseslint from 'typescript-eslint';
import asyncsense from 'eslint-plugin-asyncsense';

const sources = ['rules/**/*.ts', 'server/**/*.ts', 'client/**/*.ts', 'test/**/*.ts'];

export default [
  {
    name: 'asyncsense/ignores',
    ignores: ['**/dist/**', '**/node_modules/**', 'fixtures/**', '.e2e/**', '**/*.d.ts'],
  },
  {
    name: 'asyncsense/typed-linting',
    files: sources,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { ...asyncsense.configs.all, files: sources },
  {
    // The engine's types allow `any` in exactly one place, with a directive saying so; that
    // directive needs the rule it names to exist.
    name: 'asyncsense/no-explicit-any',
    files: sources,
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
];
