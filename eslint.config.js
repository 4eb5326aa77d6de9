// ESLint flat config as Nest's starter ships it: typescript-eslint with type information, Prettier last.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      '*.config.js',
      'jest.shared.js',
      'test/*.config.js',
      'test/package/*.config.js',
      'test/browser/*.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The demo page's script runs in the browser (bundled by `npm run build:web`).
    files: ['src/web/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The React entry: the rules of hooks, and its dependency lists checked.
    files: ['libs/pandium-embed/src/react/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
  },
  {
    // supertest bodies are `any`; asserting on them is what the tests are for.
    files: [
      '**/*.spec.ts',
      '**/*.spec.tsx',
      '**/*.e2e-spec.ts',
      '**/*.browser-spec.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The package test's host apps: plain JavaScript run by `node` in a temp dir with its own node_modules, outside
    // any tsconfig, so linted without type information. The NestJS 11 one is CommonJS (its package.json has no "type").
    files: ['test/package/hosts/**/*.js', 'libs/pandium-embed/bin/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: false },
    },
  },
  {
    // Type-checked by the package test against the packed library, in a temp dir with its own tsconfig; linted here
    // without type information (inside the repo its tsconfig would resolve the library's unbuilt dist).
    files: ['test/package/hosts/ts-consumer/*.{ts,tsx}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false } },
  },
  {
    files: ['test/package/hosts/nest11-cjs/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
