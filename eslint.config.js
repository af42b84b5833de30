import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'web/dist', 'coverage', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain is pure: it imports nothing of ours but itself, and no I/O.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../store/*', '../server/*', '../jobs/*', '../contract/*', '../../*'],
              message: 'domain/ is pure: import only from domain/.',
            },
            {
              group: [
                'node:fs',
                'node:net',
                'node:http',
                'kysely',
                'fastify',
                'pg',
                'better-sqlite3',
              ],
              message: 'domain/ does no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app shares the API's contract and the pure domain, and nothing else of the server.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!contract/|domain/)',
              message: 'web/ imports only src/contract and src/domain from the server side.',
            },
            {
              regex: '^node:',
              message: 'web/ runs in the browser: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
