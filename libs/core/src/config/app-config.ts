import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEVELOPMENT_JWT_SECRET, Environment, SECRET_VARIABLES } from './environment';

/** The whole runtime configuration, read once from the environment (Environment) at start-up. */
export interface AppConfig {
  nodeEnv: Environment['NODE_ENV'];
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
  /** Largest uploaded document (bytes); larger uploads get 413 and nothing is stored. */
  documentMaxBytes: number;
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
  /** The reporting organisation of the IATI files: registered identifier, name, IATI OrganisationType code. */
  iatiReportingOrg: { ref: string; name: string; type: string };
  dbPoolSize: number;
  /** The API runs the BullMQ processors itself (false when separate workers run them). */
  runWorkers: boolean;
  /** An outbox row dispatched this long ago and still pending is dispatched again (a lost job). */
  outboxRedispatchSeconds: number;
  /** The audit checkpoints' Ed25519 key as given (PEM or base64); unset: see libs/audit resolveSigningKey. */
  auditSigningKey?: string;
  auditCheckpointIntervalSeconds: number;
  /** Client addresses older than this are erased (the day's audit key destroyed, throttle rows deleted). */
  clientAddressRetentionDays: number;
}

/** The environment is invalid: the message lists every bad variable, one a line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const VARIABLES = Object.keys(new Environment());

/** Validates the environment once, at start-up; nothing else in the code reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // only our variables; unset and empty alike take the default
  const raw: Record<string, string> = {};
  for (const name of VARIABLES) if (env[name]) raw[name] = env[name];
  const e = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(e, { stopAtFirstError: true, validationError: { target: false, value: false } });
  if (errors.length)
    throw new ConfigError(
      errors.flatMap((error) =>
        Object.values(error.constraints ?? {}).map((message) =>
          error.property in raw && !SECRET_VARIABLES.has(error.property)
            ? `${message} (got "${raw[error.property]}")`
            : message,
        ),
      ),
    );
  const nodeEnv = e.NODE_ENV;
  return {
    nodeEnv,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: resolve(e.DATA_DIR),
    demoData: e.DEMO_DATA ?? !e.DATABASE_URL,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    jwtSecret: e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    documentMaxBytes: e.DOCUMENT_MAX_BYTES,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
    openDataRateLimitPerMinute: e.OPEN_DATA_RATE_LIMIT,
    webDistDir: resolve(e.WEB_DIST_DIR),
    slaTriageDays: e.SLA_TRIAGE_DAYS,
    slaInfoDays: e.SLA_INFO_DAYS,
    slaAssessmentDays: e.SLA_ASSESSMENT_DAYS,
    slaEscalationGraceDays: e.SLA_ESCALATION_GRACE_DAYS,
    fundAdminFeeBps: e.FUND_ADMIN_FEE_BPS,
    fundIndirectCostBps: e.FUND_INDIRECT_COST_BPS,
    fundSeedCeilingUsdMinor: BigInt(e.FUND_SEED_CEILING_USD) * 100n,
    fundMaxDurationMonths: e.FUND_MAX_DURATION_MONTHS,
    fundNextTrancheSpentShareBps: e.FUND_NEXT_TRANCHE_SPENT_SHARE_BPS,
    iatiReportingOrg: {
      ref: e.IATI_REPORTING_ORG_REF,
      name: e.IATI_REPORTING_ORG_NAME,
      type: e.IATI_REPORTING_ORG_TYPE,
    },
    dbPoolSize: e.DB_POOL_SIZE,
    runWorkers: e.RUN_WORKERS,
    outboxRedispatchSeconds: e.OUTBOX_REDISPATCH_SECONDS,
    auditSigningKey: e.AUDIT_SIGNING_KEY,
    auditCheckpointIntervalSeconds: e.AUDIT_CHECKPOINT_INTERVAL_SECONDS,
    clientAddressRetentionDays: e.CLIENT_ADDRESS_RETENTION_DAYS,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
