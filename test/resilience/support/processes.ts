/* Processes a resilience suite owns: a PostgreSQL cluster, a Redis server, the API and the
   worker as child processes. Never the machine's shared servers. */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export const SHORT = process.env.RESILIENCE_SHORT === '1';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`,
      );
    await sleep(everyMs);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** initdb and pg_ctl refuse root: run them as the postgres user then. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

export interface OwnPostgres {
  url: string;
  port: number;
  start(): Promise<void>;
  /** pg_ctl stop -m fast: open connections are terminated. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
  client(): Promise<Client>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function startPostgres(): Promise<OwnPostgres> {
  if (!existsSync(join(PG_BIN, 'initdb'))) throw new Error(`PostgreSQL binaries not found in ${PG_BIN}`);
  const dir = mkdtempSync(join(tmpdir(), 'cbm-resilience-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await run(
    ...asPostgres(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']),
  );
  // client_connection_check_interval: a backend whose client was killed notices within 0.5 s
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=on -c full_page_writes=off -c max_connections=100 -c client_connection_check_interval=500`;
  const pgCtl = (args: string[]) => run(...asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, ...args]));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const pg: OwnPostgres = {
    url,
    port,
    async start() {
      await pgCtl(['-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    },
    async stop() {
      await pgCtl(['-m', 'fast', '-w', '-t', '60', 'stop']);
    },
    async destroy() {
      await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
    async client() {
      const c = new Client({ connectionString: url });
      c.on('error', () => undefined);
      await c.connect();
      return c;
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const c = await pg.client();
      try {
        return (await c.query(sql, params)).rows as T[];
      } finally {
        await c.end();
      }
    },
  };
  await pg.start();
  return pg;
}

export interface OwnRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGKILL: nothing is saved (no RDB, no AOF), every queued job is gone. */
  kill(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const redis: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      const p = proc;
      await waitFor(
        'redis to accept connections',
        async () => {
          if (p.exitCode !== null) throw new Error(`redis-server exited with ${p.exitCode}`);
          const { stdout } = await run('redis-cli', ['-p', String(port), 'ping']);
          return stdout.trim() === 'PONG';
        },
        10_000,
        100,
      );
    },
    async kill() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await exited;
    },
    async destroy() {
      await redis.kill();
    },
  };
  await redis.start();
  return redis;
}

export interface Child {
  proc: ChildProcess;
  /** Everything written to stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

export function startNode(script: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', NODE_ENV: 'test', LOG_LEVEL: 'info', DEMO_DATA: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => chunks.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => chunks.push(d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    proc,
    output: () => chunks.join(''),
    exited,
    kill: (signal) => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    },
  };
}

export const ADMIN = { email: 'resilience.admin@test.example.org', password: 'resilience-admin-password' };

export interface ApiOptions {
  databaseUrl: string;
  redisUrl?: string;
  env?: Record<string, string>;
}

export interface Api extends Child {
  url: string;
}

export async function startApi(o: ApiOptions): Promise<Api> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: o.databaseUrl,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_MAX_ATTEMPTS: '50',
    DB_POOL_SIZE: '10',
    ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
    ...o.env,
  };
  const child = startNode('dist/apps/api/src/main.js', env);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the API to listen',
    async () => {
      if (child.proc.exitCode !== null)
        throw new Error(`the API exited with ${child.proc.exitCode}:\n${child.output().slice(-3000)}`);
      const res = await fetch(`${url}/health/live`).catch(() => undefined);
      return res?.status === 200;
    },
    60_000,
    250,
  ).catch((err: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${err.message}\n${child.output().slice(-3000)}`);
  });
  return { ...child, url };
}

export function startWorker(o: ApiOptions): Child {
  return startNode('dist/apps/worker/src/main.js', {
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl ?? '',
    DB_POOL_SIZE: '10',
    ...o.env,
  });
}

/** Counts lines of the pino log whose msg matches. */
export function logLines(output: string, msg: RegExp): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry.msg === 'string' && msg.test(entry.msg)) found.push(entry);
    } catch {
      /* not a log line */
    }
  }
  return found;
}

/** The API's error-level log lines (pino level >= 50), for a failure message. */
export function errorLines(output: string, max = 20): string {
  return output
    .split('\n')
    .filter((l) => /"level":(5|6)\d/.test(l))
    .slice(0, max)
    .join('\n');
}

/**
 * A test-side trigger that records every committed change of notification.emailed_at:
 * a job whose effect happened twice leaves two rows (a rolled-back attempt leaves none).
 */
export async function installEffectLog(pg: OwnPostgres): Promise<void> {
  await pg.query(`
    CREATE TABLE resilience_effect (notification_id uuid NOT NULL, emailed_at timestamptz NOT NULL, logged_at timestamptz NOT NULL DEFAULT clock_timestamp());
    CREATE FUNCTION resilience_log_email() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.emailed_at IS NOT NULL AND NEW.emailed_at IS DISTINCT FROM OLD.emailed_at THEN
        INSERT INTO resilience_effect (notification_id, emailed_at) VALUES (NEW.id, NEW.emailed_at);
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER resilience_log_email AFTER UPDATE ON notification FOR EACH ROW EXECUTE FUNCTION resilience_log_email();`);
}

export interface DeliveryReport {
  outbox: Record<string, number>;
  notifications: number;
  notEmailed: number;
  /** notifications whose e-mail effect was committed more than once */
  doubled: number;
  /** notifications without a committed effect */
  missing: number;
}

export async function deliveryReport(pg: OwnPostgres): Promise<DeliveryReport> {
  const outboxRows = await pg.query<{ status: string; n: string }>(
    'SELECT status, count(*)::text AS n FROM outbox GROUP BY status',
  );
  const [n] = await pg.query<{ total: string; not_emailed: string; doubled: string; missing: string }>(`
    SELECT count(*)::text AS total,
           count(*) FILTER (WHERE n.emailed_at IS NULL)::text AS not_emailed,
           count(*) FILTER (WHERE e.k > 1)::text AS doubled,
           count(*) FILTER (WHERE e.k IS NULL)::text AS missing
      FROM notification n
      LEFT JOIN (SELECT notification_id, count(*) AS k FROM resilience_effect GROUP BY notification_id) e ON e.notification_id = n.id`);
  return {
    outbox: Object.fromEntries(outboxRows.map((r) => [r.status, Number(r.n)])),
    notifications: Number(n.total),
    notEmailed: Number(n.not_emailed),
    doubled: Number(n.doubled),
    missing: Number(n.missing),
  };
}

/** Waits until no outbox row is pending, then reports. */
export async function waitForDelivery(pg: OwnPostgres, timeoutMs: number): Promise<DeliveryReport> {
  await waitFor(
    'every outbox row to leave pending',
    async () => {
      const [r] = await pg.query<{ n: string }>(`SELECT count(*)::text AS n FROM outbox WHERE status = 'pending'`);
      return r.n === '0';
    },
    timeoutMs,
    500,
  );
  return deliveryReport(pg);
}

export const MAIL_LOGGED = /^e-mail \(no SMTP_URL/;
