/* One Jest configuration for every suite. Pure specs need nothing; the others use the
   local PostgreSQL and Redis when DATABASE_URL/REDIS_URL are set, else PGlite in-process. */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
swcrc.jsc.baseUrl = root;
delete swcrc.$schema;
const transform = { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { ...swcrc, swcrc: false, module: { type: 'commonjs' } }] };

// NestJS 12 and a few others ship ES modules only: Jest must transform them too. Not CommonJS packages:
// transformed again, xmlbuilder2's DOM (@oozcitak) broke, its class fields turned into assignments.
const esm = [
  '@nestjs',
  '@fastify/static',
  'glob',
  'minimatch',
  'path-scurry',
  'lru-cache',
  'minipass',
  'jackspeak',
  'foreground-child',
  'signal-exit',
  'package-json-from-dist',
  '@isaacs',
  'content-disposition',
  'cookie',
  'uuid',
  '@electric-sql',
  'file-type',
  '@borewit',
  'strtok3',
  'token-types',
  'peek-readable',
  '@tokenizer',
  'uint8array-extras',
  'load-esm',
  'marked',
  'unpdf',
];
const transformIgnorePatterns = [`/node_modules/(?!(${esm.join('|')})/)`];
const moduleNameMapper = {
  '^@cbm/migrations$': '<rootDir>/migrations/index.ts',
  '^@cbm/(.*)$': '<rootDir>/libs/$1/src/index.ts',
};

const hasChromium = existsSync('/usr/bin/chromium');
const hasPgBinaries = existsSync('/usr/lib/postgresql');
const ci = process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1';

const common = {
  rootDir: root,
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.js'],
};

module.exports = {
  maxWorkers: process.env.JEST_WORKERS ?? 2,
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/api/src/**/*.spec.ts',
        '<rootDir>/apps/web/src/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/test/integration/**/*.int-spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: [
        '<rootDir>/test/e2e/**/*.e2e-spec.ts',
        '<rootDir>/test/hostile/**/*.e2e-spec.ts',
        '<rootDir>/test/authz/**/*.e2e-spec.ts',
      ],
    },
    // resilience suites start their own PostgreSQL/Redis processes; browser suites need Chromium.
    // Left out only where the binaries are missing and this is not CI; inside, nothing is skipped.
    ...(hasPgBinaries || ci
      ? [{ ...common, displayName: 'resilience', testMatch: ['<rootDir>/test/resilience/**/*.e2e-spec.ts'] }]
      : []),
    ...(hasChromium || ci
      ? [{ ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'] }]
      : []),
  ],
};
