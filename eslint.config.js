import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries, no
 * clocks or randomness beyond what the workflow API provides. Types may still be imported.
 */
const WORKFLOW_BANNED_MODULES = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  'mongoose',
  'mongodb',
  '@whiskeysockets/baileys',
  'express',
  'ws',
  'pino',
  'qrcode',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', '.data/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's `test()` returns a promise the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['eslint.config.js', 'scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Tests read JSON answers loosely and assert on their shape.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: WORKFLOW_BANNED_MODULES.map((name) => ({
            name,
            message: 'Workflows must stay deterministic: do I/O in an activity.',
            allowTypeImports: true,
          })),
          patterns: [
            { group: ['**/activities/**', '**/storage/**', '**/lib/**', '**/integrations/**', '**/api/**'], message: 'Workflows import these only as types.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
);
