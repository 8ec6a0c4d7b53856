import { resolve } from 'node:path';

/** The whole runtime configuration, read once from the environment at start-up. */
export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  /** Set: server mode. Unset: embedded PGlite under dataDir. */
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  demoData: boolean;
  adminEmail?: string;
  adminPassword?: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  smtpUrl?: string;
  mailFrom: string;
  logLevel: string;
  publicBaseUrl: string;
  bodyLimitBytes: number;
  loginMaxAttempts: number;
  loginWindowSeconds: number;
  openDataRateLimitPerMinute: number;
  webDistDir: string;
  /** Working days for the service-level clocks. */
  slaTriageDays: number;
  slaInfoDays: number;
  slaAssessmentDays: number;
  slaEscalationGraceDays: number;
  fundAdminFeeBps: number;
  fundIndirectCostBps: number;
  fundSeedCeilingUsdMinor: bigint;
  fundMaxDurationMonths: number;
  fundNextTrancheSpentShareBps: number;
  dbPoolSize: number;
  /** The API runs the BullMQ processors itself (false when separate workers run them). */
  runWorkers: boolean;
  /** An outbox row dispatched this long ago and still pending is dispatched again (a lost job). */
  outboxRedispatchSeconds: number;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  return raw;
}

/** Validates the environment once; nothing else in the code reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const nodeEnv = env.NODE_ENV ?? 'development';
  const jwtSecret =
    env.JWT_SECRET ?? (nodeEnv === 'production' && databaseUrl ? '' : 'cbm-development-secret-change-me');
  if (jwtSecret.length < 16) throw new ConfigError('JWT_SECRET must be set (at least 16 characters) in production');
  const port = int(env, 'PORT', 3000);
  return {
    nodeEnv,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dataDir: resolve(env.DATA_DIR ?? './data'),
    demoData: bool(env, 'DEMO_DATA', !databaseUrl),
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    jwtSecret,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL', 900, 10),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL', 14 * 24 * 3600, 60),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM ?? 'CBM <no-reply@cbm.example.org>',
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    loginMaxAttempts: int(env, 'LOGIN_MAX_ATTEMPTS', 5, 1),
    loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1),
    openDataRateLimitPerMinute: int(env, 'OPEN_DATA_RATE_LIMIT', 600, 1),
    webDistDir: resolve(env.WEB_DIST_DIR ?? 'apps/web/dist'),
    slaTriageDays: int(env, 'SLA_TRIAGE_DAYS', 5, 1),
    slaInfoDays: int(env, 'SLA_INFO_DAYS', 15, 1),
    slaAssessmentDays: int(env, 'SLA_ASSESSMENT_DAYS', 20, 1),
    slaEscalationGraceDays: int(env, 'SLA_ESCALATION_GRACE_DAYS', 2, 0),
    fundAdminFeeBps: int(env, 'FUND_ADMIN_FEE_BPS', 100),
    fundIndirectCostBps: int(env, 'FUND_INDIRECT_COST_BPS', 700),
    fundSeedCeilingUsdMinor: BigInt(int(env, 'FUND_SEED_CEILING_USD', 1_000_000, 1)) * 100n,
    fundMaxDurationMonths: int(env, 'FUND_MAX_DURATION_MONTHS', 24, 1),
    fundNextTrancheSpentShareBps: int(env, 'FUND_NEXT_TRANCHE_SPENT_SHARE_BPS', 7000),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 20, 1),
    runWorkers: bool(env, 'RUN_WORKERS', true),
    outboxRedispatchSeconds: int(env, 'OUTBOX_REDISPATCH_SECONDS', 120, 1),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
