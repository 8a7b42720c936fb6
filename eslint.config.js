import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.tmp*', 'dist/**', 'node_modules/**', 'drizzle/**', 'bench/results/**', 'e2e/screenshots/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The browser never decides a rule: it must not reach into the server or the database.
    files: ['src/web/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', 'drizzle-orm*', 'pg', '@electric-sql/*', 'argon2'], message: 'The web app talks to the server only through /api.' }] }],
    },
  },
  {
    // Pure domain modules: no I/O, no framework.
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/web/**', 'fastify*', 'drizzle-orm*', 'pg', 'node:fs*', 'react*'], message: 'Domain modules are pure: no I/O and no frameworks.' }] }],
    },
  },
  {
    files: ['bench/**', 'scripts/**', 'src/server/cli/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
