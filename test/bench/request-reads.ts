/* The two hot hub reads of issue 7, beside reference (a), several rounds back to back:
   `npm run -s build:server && swc test/bench -d dist --quiet && taskset -c 1 node dist/test/bench/request-reads.js`.
   BENCH_DB names a database that has requests (read only; default cbm_volume), BENCH_EMAIL a hub
   officer in it. BENCH_BUILDS=a.js,b.js compares API builds (e.g. a copy of main's dist and this
   one) in the same run, round after round, so both see the same machine load. */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { load, LoadResult, startProcess } from './harness';

const ROOT = join(__dirname, '../../..');
const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_DB ?? 'cbm_volume';
const EMAIL = process.env.BENCH_EMAIL ?? 'volume.hub1@cbm.example.org';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUILDS = (process.env.BENCH_BUILDS ?? join(ROOT, 'dist/apps/api/src/main.js')).split(',');
const LIST = '/api/v1/requests?status=in_triage,in_assessment,matching&limit=50';
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();

async function main() {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  // the reference table only; the requests are read, never written
  await c.query(`CREATE TABLE IF NOT EXISTS bench_reference (id uuid PRIMARY KEY, reference text NOT NULL, country_code char(3) NOT NULL, status text NOT NULL, title text NOT NULL, summary text NOT NULL, objectives int[] NOT NULL, version int NOT NULL, created_at timestamptz NOT NULL)`);
  await c.query(`INSERT INTO bench_reference SELECT id, reference, country_code, status, title, summary, objectives, version, created_at FROM support_request ON CONFLICT (id) DO NOTHING`);
  const ids = (await c.query<{ id: string }>(`SELECT id FROM support_request WHERE status <> 'draft' ORDER BY id DESC LIMIT 200`)).rows.map((r) => r.id);
  await c.end();
  const env = { ...process.env, DATABASE_URL: dbUrl, PORT: '3962', DEMO_DATA: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production', JWT_SECRET: 'bench-secret-bench-secret', LOGIN_MAX_ATTEMPTS: '1000', OPEN_DATA_RATE_LIMIT: '100000000' };
  const base = 'http://127.0.0.1:3962';
  const out: string[] = [];
  const line = (name: string, r: LoadResult, ref?: LoadResult) =>
    out.push(`${name.padEnd(40)} ${String(r.rps).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms${ref ? `  ratio ${(r.rps / ref.rps).toFixed(2)}` : ''}${r.errors || r.non2xx ? `  ${r.errors} errors ${r.non2xx} non-2xx` : ''}`);
  for (let round = 1; round <= ROUNDS; round++) {
    out.push(`round ${round}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const ref = await startProcess(process.execPath, [join(ROOT, 'test/bench/reference/select-server.js')], { ...process.env, DATABASE_URL: dbUrl, PORT: '3961' }, { cpu: '0', readyLine: /reference ready/ });
    let i = 0;
    const refA = await load({ url: 'http://127.0.0.1:3961', duration: DURATION, requests: [{ setupRequest: (r) => ({ ...r, path: `/ref/${ids[i++ % ids.length]}` }) }] });
    await ref.stop();
    line('reference (a)', refA);
    for (const build of BUILDS) {
      const api = await startProcess(process.execPath, [build], env, { cpu: '0', readyUrl: `${base}/health/ready` });
      try {
        const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: 'demo-password-2026' }) });
        const headers = { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
        // warm-up: JIT and the active-user cache
        await load({ url: base, duration: 2, headers, requests: [{ setupRequest: (r) => ({ ...r, path: `/api/v1/requests/${ids[i++ % ids.length]}` }) }] });
        const one = await load({ url: base, duration: DURATION, headers, requests: [{ setupRequest: (r) => ({ ...r, path: `/api/v1/requests/${ids[i++ % ids.length]}` }) }] });
        line(`GET /requests/{id} ${BUILDS.length > 1 ? build : ''}`, one, refA);
        const list = await load({ url: base, duration: DURATION, headers, requests: [{ path: LIST }] });
        line(`GET /requests?status=…&limit=50 ${BUILDS.length > 1 ? build : ''}`, list);
      } finally {
        await api.stop();
      }
    }
    process.stdout.write(out.splice(0).join('\n') + '\n');
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
