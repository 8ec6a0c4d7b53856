import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { createProjectGraphAsync } from '@nx/devkit';

// @nx/enforce-module-boundaries only reads a cached project graph, and skips itself with a warning when there
// is none (a fresh clone, a cleared .nx): compute the graph here, so every ESLint run checks the boundaries.
await createProjectGraphAsync({ exitOnError: false });

const leaves = ['scope:core', 'scope:jobs', 'scope:audit', 'scope:auth', 'scope:reference', 'scope:notifications'];

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
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:composition', 'type:domain', 'type:platform'] },
            { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:domain', 'type:platform'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:platform'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:domain', 'type:testing'] },
            // business domains talk through public services and events, never each other's insides
            { sourceTag: 'scope:hub', onlyDependOnLibsWithTags: [...leaves, 'scope:hub'] },
            { sourceTag: 'scope:fund', onlyDependOnLibsWithTags: [...leaves, 'scope:fund'] },
            { sourceTag: 'scope:knowledge', onlyDependOnLibsWithTags: [...leaves, 'scope:knowledge'] },
            {
              sourceTag: 'scope:reference',
              onlyDependOnLibsWithTags: ['scope:core', 'scope:audit', 'scope:reference'],
            },
            { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:core', 'scope:audit'] },
            {
              sourceTag: 'scope:auth',
              onlyDependOnLibsWithTags: ['scope:core', 'scope:jobs', 'scope:audit', 'scope:reference', 'scope:auth'],
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
];
