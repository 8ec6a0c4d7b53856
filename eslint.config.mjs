import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { createProjectGraphAsync } from '@nx/devkit';

// @nx/enforce-module-boundaries only reads a cached project graph, and skips itself with a warning when there
// is none (a fresh clone, a cleared .nx): compute the graph here, so every ESLint run checks the boundaries.
await createProjectGraphAsync({ exitOnError: false });

// Platform libraries depend only on platform libraries.
const platform = ['scope:core', 'scope:jobs'];
// The leaves any business domain may use (STYLE.md "Layout"). Privacy is one: a shared kernel (the personal-data
// detector and the findings it records on any context's records), knowing no domain, like the audit trail.
const leaves = [...platform, 'scope:audit', 'scope:auth', 'scope:reference', 'scope:notifications', 'scope:privacy'];

/** One rule per tag of every project.json (test/e2e/module-boundaries.e2e-spec.ts checks none is missing). */
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:composition', 'type:domain', 'type:platform'] },
  { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:domain', 'type:platform'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:platform'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform'] },
  // test helpers sit on the platform, so any context's tests may use them without a cycle
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:testing'] },

  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:jobs', onlyDependOnLibsWithTags: platform },
  // a migration is frozen: it never imports code that keeps changing
  { sourceTag: 'scope:migrations', onlyDependOnLibsWithTags: ['scope:migrations'] },

  { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:core', 'scope:audit'] },
  { sourceTag: 'scope:reference', onlyDependOnLibsWithTags: ['scope:core', 'scope:audit', 'scope:reference'] },
  { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: [...platform, 'scope:audit', 'scope:reference', 'scope:auth'] },
  { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: [...platform, 'scope:auth', 'scope:notifications'] },
  { sourceTag: 'scope:privacy', onlyDependOnLibsWithTags: ['scope:core', 'scope:privacy'] },

  // business domains talk through public services, ports and events, never each other's insides
  { sourceTag: 'scope:hub', onlyDependOnLibsWithTags: [...leaves, 'scope:hub'] },
  { sourceTag: 'scope:fund', onlyDependOnLibsWithTags: [...leaves, 'scope:fund'] },
  { sourceTag: 'scope:knowledge', onlyDependOnLibsWithTags: [...leaves, 'scope:knowledge'] },
  // files attached to other contexts' records: who sees a parent is asked through DOCUMENT_PARENTS_PORT
  { sourceTag: 'scope:documents', onlyDependOnLibsWithTags: [...leaves, 'scope:documents'] },

  // the composition binds the contexts' ports to each other's public services: it may use every library
  {
    sourceTag: 'scope:composition',
    onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'scope:composition'],
  },
  { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['type:platform', 'scope:testing'] },

  // the API composes the application and seeds demo data through the domain services
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:composition', 'type:domain', 'type:platform'] },
  // the worker only starts the composition: its processors live in the libraries
  { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:composition', 'type:platform'] },
  // the browser app talks to the API over HTTP and imports no server library (ESLint skips apps/web; this states it)
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web'] },
];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', 'apps/web/**', 'data/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read configuration through AppConfig (libs/core/src/config)' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints,
        },
      ],
    },
  },
  {
    // a context's repositories and entities are its insides: others use its public service (auth: UserDirectory)
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // core's TransactionalRepository is the base every repository extends, not a context's insides
              group: ['@cbm/*', '!@cbm/core'],
              importNamePattern: '(Repository|Entity)$',
              message: "another context's repositories and entities are its insides: use its public service or port",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/core/src/config/**', 'test/**', 'apps/api/src/cli.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // last: turns off every rule that would fight Prettier
  prettier,
];
