import { generateKeyPairSync, randomBytes } from 'node:crypto';
import request from 'supertest';
import { AppConfig, Clock, loadConfig, Role, SYSTEM_ACTOR } from '@cbm/core';
import { UserService } from '@cbm/auth';
import { OrganisationService } from '@cbm/reference';
import { cloneTestDatabase } from '@cbm/testing';
import { ALL_MIGRATIONS } from '@cbm/migrations';
import { openDatabase } from '@cbm/composition';
import { RunningSystem, startSystem } from '../../apps/api/src/system';

export const TEST_PASSWORD = 'test-password-2026';

/** The audit checkpoints' key in tests (both modes; embedded tests so write no key file). */
export const TEST_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  countryCode?: string | null;
  organisationId?: string | null;
}

export interface TestSystem extends RunningSystem {
  config: AppConfig;
  clock: Clock;
  /** This file's own prefix of the Redis keys (BullMQ queues, open-data rate limit). */
  queuePrefix: string;
  http: () => ReturnType<typeof request>;
  /** Creates a user through the service and signs them in over HTTP. */
  user(role: Role, scope?: { countryCode?: string; organisation?: string; organisationId?: string }): Promise<TestUser>;
  login(email: string, password?: string): Promise<{ accessToken: string; refreshToken: string }>;
  organisationId(acronym: string): Promise<string>;
}

/**
 * The composed API for a test file: with DATABASE_URL a fresh database cloned from the
 * migrated template, else in-memory PGlite; with REDIS_URL a queue prefix of its own.
 */
export async function startTestSystem(
  overrides: Partial<AppConfig> = {},
  o: { seed?: boolean } = {},
): Promise<TestSystem> {
  const base = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  });
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseUrl = base.databaseUrl;
  if (base.databaseUrl) {
    const cloned = await cloneTestDatabase(
      base.databaseUrl,
      ALL_MIGRATIONS.map((m) => m.name),
      async (url) => {
        const db = await openDatabase({ ...base, databaseUrl: url });
        await db.close();
      },
    );
    databaseUrl = cloned.url;
    dropDatabase = cloned.drop;
  }
  const config: AppConfig = {
    ...base,
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    loginMaxAttempts: 50,
    auditSigningKey: base.auditSigningKey ?? TEST_SIGNING_KEY,
    ...overrides,
  };
  const clock = new Clock();
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  const system = await startSystem(config, {
    clock,
    queuePrefix,
    listen: false,
    embeddedInMemory: true,
    seed: o.seed,
  });
  await system.app.getHttpAdapter().getInstance().ready();
  const server = system.app.getHttpServer();
  const http = () => request(server);
  let n = 0;
  const login = async (email: string, password = TEST_PASSWORD) => {
    const res = await http().post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { accessToken: string; refreshToken: string };
  };
  const organisationId = async (acronym: string) => {
    const id = await system.app.get(OrganisationService).idByAcronym(acronym);
    if (!id) throw new Error(`no organisation ${acronym}`);
    return id;
  };
  return {
    ...system,
    config,
    clock,
    queuePrefix,
    http,
    login,
    organisationId,
    async user(role, scope = {}) {
      const email = `${role}.${++n}.${randomBytes(3).toString('hex')}@test.example.org`;
      const orgId = scope.organisationId ?? (scope.organisation ? await organisationId(scope.organisation) : null);
      const countryCode = role === 'focal_point' ? (scope.countryCode ?? 'KEN') : null;
      const u = await system.app.get(UserService).create(SYSTEM_ACTOR, {
        email,
        name: `${role} ${n}`,
        password: TEST_PASSWORD,
        role,
        countryCode,
        organisationId: orgId,
      });
      const { accessToken } = await login(email);
      return { id: u.id, email, role, token: accessToken, countryCode, organisationId: orgId };
    },
    async close() {
      await system.close();
      await dropDatabase?.();
    },
  };
}

export const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
