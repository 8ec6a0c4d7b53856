import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { DEVELOPMENT_JWT_SECRET } from './environment';

/** The ConfigError's lines, or [] when the environment is valid. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
}

const SECRET = 'a-production-secret-of-32-chars!';

describe('configuration from the environment', () => {
  it('takes the documented defaults from an empty environment (embedded mode)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: resolve('./data'),
      demoData: true,
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 1209600,
      mailFrom: 'CBM <no-reply@cbm.example.org>',
      logLevel: 'info',
      publicBaseUrl: 'http://localhost:3000',
      bodyLimitBytes: 1048576,
      documentMaxBytes: 26214400,
      loginMaxAttempts: 5,
      loginWindowSeconds: 900,
      openDataRateLimitPerMinute: 600,
      webDistDir: resolve('apps/web/dist'),
      slaTriageDays: 5,
      slaInfoDays: 15,
      slaAssessmentDays: 20,
      slaEscalationGraceDays: 2,
      fundAdminFeeBps: 100,
      fundIndirectCostBps: 700,
      fundSeedCeilingUsdMinor: 100_000_000n,
      fundMaxDurationMonths: 24,
      fundNextTrancheSpentShareBps: 7000,
      iatiReportingOrg: { ref: 'XM-DAC-41114', name: 'United Nations Development Programme (UNDP)', type: '40' },
      dbPoolSize: 20,
      runWorkers: true,
      outboxRedispatchSeconds: 120,
      auditSigningKey: undefined,
      auditCheckpointIntervalSeconds: 3600,
      clientAddressRetentionDays: 90,
    });
  });

  it('derives the defaults that depend on another variable', () => {
    const server = loadConfig({ DATABASE_URL: 'postgres://cbm@db:5432/cbm', PORT: '8080', NODE_ENV: 'test' });
    expect(server).toMatchObject({ demoData: false, publicBaseUrl: 'http://localhost:8080', logLevel: 'warn' });
  });

  it('reads typed values: numbers, flags, URLs', () => {
    const c = loadConfig({
      PORT: '0',
      DEMO_DATA: 'yes',
      RUN_WORKERS: 'off',
      REDIS_URL: 'rediss://:secret@redis.example.org:6380/0',
      SMTP_URL: 'smtp://user:pass@smtp.example.org:587',
      DATABASE_URL: 'postgres:///cbm?host=/var/run/postgresql',
      FUND_SEED_CEILING_USD: '250000',
      LOG_LEVEL: 'debug',
      ADMIN_EMAIL: 'first.admin@example.org',
      ADMIN_PASSWORD: 'a-long-enough-password',
    });
    expect(c).toMatchObject({
      port: 0,
      demoData: true,
      runWorkers: false,
      redisUrl: 'rediss://:secret@redis.example.org:6380/0',
      smtpUrl: 'smtp://user:pass@smtp.example.org:587',
      databaseUrl: 'postgres:///cbm?host=/var/run/postgresql',
      fundSeedCeilingUsdMinor: 25_000_000n,
      logLevel: 'debug',
      adminEmail: 'first.admin@example.org',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', DEMO_DATA: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      demoData: true,
    });
  });

  it('lists every bad variable in one error, with the value unless it is a secret', () => {
    const found = problems({
      PORT: 'eighty',
      LOGIN_MAX_ATTEMPTS: '0',
      FUND_ADMIN_FEE_BPS: '10001',
      DEMO_DATA: 'maybe',
      NODE_ENV: 'staging',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://root:hunter2@db/cbm',
      REDIS_URL: 'http://redis:6379',
      PUBLIC_BASE_URL: 'cbm.example.org',
      ACCESS_TOKEN_TTL: '1.5',
    });
    expect(found).toEqual([
      expect.stringMatching(/^NODE_ENV must be one of development, production, test \(got "staging"\)$/),
      expect.stringMatching(/^PORT must be an integer number \(got "eighty"\)$/),
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
      'REDIS_URL must be a redis:// or rediss:// URL',
      expect.stringMatching(/^DEMO_DATA must be a boolean value \(got "maybe"\)$/),
      expect.stringMatching(/^ACCESS_TOKEN_TTL must be an integer number/),
      expect.stringMatching(/^LOG_LEVEL must be one of /),
      expect.stringMatching(/^PUBLIC_BASE_URL must be a http:\/\/ or https:\/\/ URL/),
      expect.stringMatching(/^LOGIN_MAX_ATTEMPTS must not be less than 1 \(got "0"\)$/),
      expect.stringMatching(/^FUND_ADMIN_FEE_BPS must not be greater than 10000/),
    ]);
    expect(found.join('\n')).not.toContain('hunter2');
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(
      /^invalid configuration:\n {2}PORT .*\n {2}LOG_LEVEL .*$/,
    );
  });

  it('wants the first administrator e-mail and password together', () => {
    expect(problems({ ADMIN_EMAIL: 'first.admin@example.org' })).toEqual([
      'ADMIN_PASSWORD must be set together with ADMIN_EMAIL',
    ]);
    expect(problems({ ADMIN_PASSWORD: 'a-long-enough-password' })).toEqual([
      'ADMIN_EMAIL must be an e-mail address, set together with ADMIN_PASSWORD',
    ]);
    expect(problems({ ADMIN_EMAIL: 'admin', ADMIN_PASSWORD: 'short' })).toEqual([
      expect.stringMatching(/^ADMIN_EMAIL must be an e-mail address/),
      'ADMIN_PASSWORD must be longer than or equal to 12 characters',
    ]);
  });

  describe('JWT_SECRET', () => {
    const required = 'JWT_SECRET must be set when NODE_ENV=production';

    it.each([
      ['embedded mode', {}],
      ['server mode', { DATABASE_URL: 'postgres://cbm@db:5432/cbm', REDIS_URL: 'redis://redis:6379' }],
    ])('is required in production in %s', (_mode, env: Record<string, string>) => {
      expect(problems({ ...env, NODE_ENV: 'production' })).toEqual([required]);
      expect(problems({ ...env, NODE_ENV: 'production', JWT_SECRET: '' })).toEqual([required]);
      expect(problems({ ...env, NODE_ENV: 'production', JWT_SECRET: 'too-short' })).toEqual([
        'JWT_SECRET must be at least 16 characters',
      ]);
      expect(problems({ ...env, NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toEqual([
        'JWT_SECRET must not be the public development secret',
      ]);
      expect(loadConfig({ ...env, NODE_ENV: 'production', JWT_SECRET: SECRET }).jwtSecret).toBe(SECRET);
    });

    it('falls back to the development secret outside production only', () => {
      expect(loadConfig({ NODE_ENV: 'development' }).jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
      expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://cbm@db/cbm' }).jwtSecret).toBe(
        DEVELOPMENT_JWT_SECRET,
      );
      // a secret that is set is checked in every mode, and never echoed
      expect(problems({ JWT_SECRET: 'short-secret' })).toEqual(['JWT_SECRET must be at least 16 characters']);
    });
  });

  it('takes the IATI reporting organisation from the environment, and refuses an identifier without a registration agency', () => {
    expect(
      loadConfig({
        IATI_REPORTING_ORG_REF: 'XM-DAC-47066',
        IATI_REPORTING_ORG_NAME: 'International Organization for Migration',
        IATI_REPORTING_ORG_TYPE: '40',
      }).iatiReportingOrg,
    ).toEqual({ ref: 'XM-DAC-47066', name: 'International Organization for Migration', type: '40' });
    expect(problems({ IATI_REPORTING_ORG_REF: 'XM-CBM SUF', IATI_REPORTING_ORG_TYPE: '41' })).toEqual([
      expect.stringMatching(/^IATI_REPORTING_ORG_REF must be a registered IATI organisation identifier/),
      expect.stringMatching(/^IATI_REPORTING_ORG_TYPE must be a code of the IATI OrganisationType codelist/),
    ]);
    expect(problems({ IATI_REPORTING_ORG_REF: '41114' })).toHaveLength(1);
  });
});
