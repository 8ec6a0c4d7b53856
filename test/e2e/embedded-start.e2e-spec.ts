import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@cbm/core';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const CLI = join(ROOT, 'dist/apps/api/src/cli.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

jest.setTimeout(240_000);

/** The zero-configuration start: no DATABASE_URL, no REDIS_URL, as a newcomer runs it. */
describe('embedded mode, as a child process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cbm-embedded-'));
  const env = {
    ...process.env,
    DATABASE_URL: '',
    REDIS_URL: '',
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  };
  let child: ChildProcess;
  let out = '';
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with demo data, signs in, stops cleanly on SIGTERM, and the audit chain verifies', async () => {
    const port = await freePort();
    const started = Date.now();
    child = spawn(process.execPath, [MAIN], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      if (Date.now() - started > 150_000) throw new Error(`not ready in 150 s:\n${out}`);
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${out}`);
      const ok = await fetch(`${base}/health/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(out).toContain('demo accounts');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@cbm.example.org', password: 'demo-password-2026' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const requests = await fetch(`${base}/api/v1/requests`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await requests.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const verify = spawnSync(process.execPath, [CLI, 'audit:verify'], { env, encoding: 'utf8', timeout: 90_000 });
    expect(verify.stdout).toContain('audit chain intact');
    expect(verify.status).toBe(0);
  });

  it('audit:verify exits 1 and names a tampered event', async () => {
    const pg = await startEmbeddedPostgres(join(dataDir, 'pg'));
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    const { rows } = await client.query('SELECT id FROM audit_event e ORDER BY e.seq OFFSET 3 LIMIT 1');
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`UPDATE audit_event SET action = 'forged' WHERE id = $1`, [rows[0].id]);
    await client.query('COMMIT');
    await client.end();
    await pg.stop();
    const verify = spawnSync(process.execPath, [CLI, 'audit:verify'], { env, encoding: 'utf8', timeout: 90_000 });
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(rows[0].id);
  });
});
