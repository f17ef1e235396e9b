// Lint rules, including the import boundaries of DESIGN.md §5: shared code stays pure,
// the renderer never reaches Electron, and main never pulls in UI or Dexie.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrictions = (patterns, message) => patterns.map((group) => ({ group: [group], message }));
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: restrictions(patterns, message) }],
});

const RENDERER_BOUNDARY = restrictions(
  ['electron', 'node:*', '**/src-main/**'],
  'The renderer reaches the main process only through window.api.',
);
const USE_REPOSITORIES =
  'Components read through hooks and write through the repositories in src-renderer/db: pass getDb() to one of them instead of querying Dexie here.';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // No import cycles in the app's code: a cycle makes module order decide what is undefined at
    // load time, and two modules that need each other are one module or want a third.
    files: ['src-*/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: RENDERER_BOUNDARY }],
    },
  },
  {
    // DESIGN.md §2: components call hooks, hooks call repositories; no Dexie in a component.
    files: ['src-renderer/{features,components,app}/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'dexie', message: USE_REPOSITORIES }], patterns: RENDERER_BOUNDARY },
      ],
      'no-restricted-syntax': [
        'error',
        // getDb().cases…, getDb().transaction(…), const { cases } = getDb(), db.cases…
        { selector: "MemberExpression[object.callee.name='getDb']", message: USE_REPOSITORIES },
        {
          selector: "VariableDeclarator[id.type='ObjectPattern'][init.callee.name='getDb']",
          message: USE_REPOSITORIES,
        },
        { selector: "MemberExpression[object.name='db']", message: USE_REPOSITORIES },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: restrict(
      [
        'electron',
        'node:*',
        'react',
        'react-dom',
        '@mui/*',
        'dexie',
        'dexie-react-hooks',
        '**/src-main/**',
        '**/src-renderer/**',
      ],
      'src-shared is pure TypeScript used by both processes.',
    ),
  },
  {
    files: ['src-main/**/*.ts'],
    rules: restrict(
      ['react', 'react-dom', '@mui/*', 'dexie', 'dexie-react-hooks', '**/src-renderer/**'],
      'The main process has no UI and no case database.',
    ),
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '**/src-main/**', '**/src-renderer/**'],
              message: 'The sandboxed preload imports no Node, main-process or renderer code.',
            },
            {
              // Not even the contract: its schemas and calendars would be bundled into the preload.
              regex: 'src-shared/(?!ipc/(channel-names|build-api)$)',
              message: 'The preload imports only the channel names and buildApi, which import nothing.',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures use an empty destructuring pattern by design.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
