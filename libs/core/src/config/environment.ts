// class-transformer's @Type reads design-time types as the class is declared, before any app imports this
import 'reflect-metadata';
import { Transform, TransformFnParams, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** Signs tokens in development and tests when JWT_SECRET is unset; public, so refused whenever it is set. */
export const DEVELOPMENT_JWT_SECRET = 'cbm-development-secret-change-me';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** The IATI OrganisationType codelist (2.03). */
export const IATI_ORGANISATION_TYPES = [
  '10',
  '11',
  '15',
  '21',
  '22',
  '23',
  '24',
  '30',
  '40',
  '60',
  '70',
  '71',
  '72',
  '73',
  '80',
  '90',
] as const;
/**
 * An IATI organisation identifier: `{RegistrationAgency}-{RegistrationNumber}`, the agency a code of the
 * OrganisationRegistrationAgency codelist (`XM-DAC`, `GB-CHC`, `XI-IATI`, ...); no spaces, `/`, `&`, `|`, `?`.
 */
export const IATI_ORG_REF = /^[A-Z]{2}-[A-Z0-9]+-[^\s/&|?]+$/;

/** Variables whose values an error message never repeats (passwords, keys, URLs with credentials). */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'JWT_SECRET',
  'ADMIN_PASSWORD',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'AUDIT_SIGNING_KEY',
]);

/** 1/true/yes/on and 0/false/no/off; anything else stays a string for @IsBoolean to refuse. */
function flag({ value }: TransformFnParams): unknown {
  if (typeof value !== 'string') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
}

const urlOf = (protocols: string[]) => ({
  protocols,
  require_protocol: true,
  require_valid_protocol: true,
  require_tld: false,
  allow_underscores: true,
});
const urlMessage = (protocols: string[]) => ({
  message: ({ property }: { property: string }) =>
    `${property} must be a ${protocols.map((p) => `${p}://`).join(' or ')} URL`,
});

/**
 * The environment the system reads: each variable with its type, range and default (the
 * table in README.md, Configuration). Unset and empty variables take the default; defaults
 * that depend on another variable (DEMO_DATA, LOG_LEVEL, PUBLIC_BASE_URL, JWT_SECRET) are
 * worked out by loadConfig(). Every variable has an initialiser, `undefined` included, so that
 * the keys of `new Environment()` are the variables. Only a variable's first failure is reported,
 * and class-validator checks the decorator nearest the variable first: read them right to left
 * (type, then range).
 */
export class Environment {
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Max(65535) @Min(0) @IsInt() @Type(() => Number) PORT = 3000;
  @IsString() HOST = '0.0.0.0';

  /** Set: server mode. Unset: embedded PGlite under DATA_DIR. */
  @IsOptional()
  // postgres:///cbm?host=/var/run/postgresql (a Unix socket) has no host
  @IsUrl({ ...urlOf(['postgres', 'postgresql']), require_host: false }, urlMessage(['postgres', 'postgresql']))
  DATABASE_URL?: string = undefined;

  @IsOptional() @IsUrl(urlOf(['redis', 'rediss']), urlMessage(['redis', 'rediss'])) REDIS_URL?: string = undefined;
  @IsString() DATA_DIR = './data';
  /** Default: on when embedded, off with DATABASE_URL. */
  @IsOptional() @IsBoolean() @Transform(flag) DEMO_DATA?: boolean = undefined;

  // the first administrator needs both, or neither
  @ValidateIf((e: Environment) => e.ADMIN_EMAIL !== undefined || e.ADMIN_PASSWORD !== undefined)
  @MaxLength(254)
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address, set together with ADMIN_PASSWORD' })
  ADMIN_EMAIL?: string = undefined;

  @ValidateIf((e: Environment) => e.ADMIN_EMAIL !== undefined || e.ADMIN_PASSWORD !== undefined)
  @MaxLength(200)
  @MinLength(12)
  @IsString({ message: 'ADMIN_PASSWORD must be set together with ADMIN_EMAIL' })
  ADMIN_PASSWORD?: string = undefined;

  /** Required in production, whatever the database mode; elsewhere unset means DEVELOPMENT_JWT_SECRET. */
  @ValidateIf((e: Environment) => e.NODE_ENV === 'production' || e.JWT_SECRET !== undefined)
  @IsNotIn([DEVELOPMENT_JWT_SECRET], { message: 'JWT_SECRET must not be the public development secret' })
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  @IsString({ message: 'JWT_SECRET must be set when NODE_ENV=production' })
  JWT_SECRET?: string = undefined;

  @Min(10) @IsInt() @Type(() => Number) ACCESS_TOKEN_TTL = 900;
  @Min(60) @IsInt() @Type(() => Number) REFRESH_TOKEN_TTL = 14 * 24 * 3600;

  @IsOptional() @IsUrl(urlOf(['smtp', 'smtps']), urlMessage(['smtp', 'smtps'])) SMTP_URL?: string = undefined;
  @IsString() MAIL_FROM = 'CBM <no-reply@cbm.example.org>';
  /** Default: warn under NODE_ENV=test, else info. */
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: string = undefined;
  /** Default: http://localhost:$PORT. */
  @IsOptional() @IsUrl(urlOf(['http', 'https']), urlMessage(['http', 'https'])) PUBLIC_BASE_URL?: string = undefined;

  @Min(1024) @IsInt() @Type(() => Number) BODY_LIMIT_BYTES = 1024 * 1024;
  /** Largest uploaded document; 25 MB. */
  @Min(1024) @IsInt() @Type(() => Number) DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;
  @Min(1) @IsInt() @Type(() => Number) LOGIN_MAX_ATTEMPTS = 5;
  @Min(1) @IsInt() @Type(() => Number) LOGIN_WINDOW_SECONDS = 900;
  @Min(1) @IsInt() @Type(() => Number) OPEN_DATA_RATE_LIMIT = 600;
  @IsString() WEB_DIST_DIR = 'apps/web/dist';

  @Min(1) @IsInt() @Type(() => Number) SLA_TRIAGE_DAYS = 5;
  @Min(1) @IsInt() @Type(() => Number) SLA_INFO_DAYS = 15;
  @Min(1) @IsInt() @Type(() => Number) SLA_ASSESSMENT_DAYS = 20;
  @Min(0) @IsInt() @Type(() => Number) SLA_ESCALATION_GRACE_DAYS = 2;

  @Max(10_000) @Min(0) @IsInt() @Type(() => Number) FUND_ADMIN_FEE_BPS = 100;
  @Max(10_000) @Min(0) @IsInt() @Type(() => Number) FUND_INDIRECT_COST_BPS = 700;
  @Max(1e13) @Min(1) @IsInt() @Type(() => Number) FUND_SEED_CEILING_USD = 1_000_000;
  @Min(1) @IsInt() @Type(() => Number) FUND_MAX_DURATION_MONTHS = 24;
  @Max(10_000) @Min(0) @IsInt() @Type(() => Number) FUND_NEXT_TRANCHE_SPENT_SHARE_BPS = 7000;

  /**
   * The fund's reporting organisation in its IATI files. Default: UNDP (XM-DAC-41114), whose Multi-Partner
   * Trust Fund Office administers the fund this one models; a deployment sets its own administrative agent's.
   */
  @Matches(IATI_ORG_REF, {
    message: 'IATI_REPORTING_ORG_REF must be a registered IATI organisation identifier such as XM-DAC-41114',
  })
  IATI_REPORTING_ORG_REF = 'XM-DAC-41114';
  @MaxLength(200) @IsString() IATI_REPORTING_ORG_NAME = 'United Nations Development Programme (UNDP)';
  @IsIn(IATI_ORGANISATION_TYPES, {
    message: 'IATI_REPORTING_ORG_TYPE must be a code of the IATI OrganisationType codelist',
  })
  IATI_REPORTING_ORG_TYPE: (typeof IATI_ORGANISATION_TYPES)[number] = '40';

  @Min(1) @IsInt() @Type(() => Number) DB_POOL_SIZE = 20;
  @IsBoolean() @Transform(flag) RUN_WORKERS = true;
  @Min(1) @IsInt() @Type(() => Number) OUTBOX_REDISPATCH_SECONDS = 120;

  /**
   * The Ed25519 key that signs the audit checkpoints: PKCS#8 PEM, or base64 of its DER or of the 32-byte seed.
   * Unset: embedded mode generates one into DATA_DIR on first start; server mode signs no checkpoint.
   */
  @IsOptional() @IsString() AUDIT_SIGNING_KEY?: string = undefined;
  @Min(60) @IsInt() @Type(() => Number) AUDIT_CHECKPOINT_INTERVAL_SECONDS = 3600;
  /** Client addresses (audit trail, sign-in throttle) are erased once older than this many days. */
  @Min(1) @IsInt() @Type(() => Number) CLIENT_ADDRESS_RETENTION_DAYS = 90;
}
