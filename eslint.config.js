// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Services stand alone (docs/ARCHITECTURE.md): a service never imports another; shared code lives in packages/.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(ingress|grades|membership|content|payments|media)/',
              message: 'A service never imports another service: move shared code to packages/.',
            },
            {
              regex: '^@inlet/(ingress|grades|membership|content|payments|media)(/|$)',
              message: 'A service never imports another service: move shared code to packages/.',
            },
          ],
        },
      ],
    },
  },
);
