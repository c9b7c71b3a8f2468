// Lint for the whole repository: server, tests, benchmarks and scripts with type-aware
// typescript-eslint; the Angular client with angular-eslint (TypeScript and templates).
// Formatting belongs to Prettier (eslint-config-prettier switches off the rules it owns).
import js from '@eslint/js';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.angular/', '.data/', 'coverage/', 'test-output/', 'bench/results/'],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (signature placeholders, destructured-away fields).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The server and CLI require the demo Odoo lazily, only in demo mode, so production never loads it.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['/demo-odoo$'] }],
      // Handing on a rejection we caught (typed unknown) as-is is fine; inventing a non-Error one is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['client/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    // The client's tsconfig.json only points at its app and spec projects; the spec one covers every file.
    languageOptions: {
      parserOptions: { projectService: false, project: ['./client/tsconfig.spec.json'], tsconfigRootDir: import.meta.dirname },
    },
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'cv', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'cv', style: 'camelCase' }],
    },
  },
  {
    files: ['client/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
