/* The two hot hub reads of issue 7, beside reference (a), several rounds back to back (a fixed
   number of requests each, BENCH_AMOUNT, after a warm-up), with the CPU each costs:
   `npm run -s build:server && swc test/bench -d dist --quiet && taskset -c 1 node dist/test/bench/request-reads.js`.
   BENCH_DB names a database that has requests (default cbm_volume); like run.ts it creates and
   fills bench_reference there, and only reads the rest. BENCH_EMAIL is a hub officer in it.
   BENCH_BUILDS=a.js,b.js compares API builds (e.g. a copy of main's dist and this one) in the same run, round after round, so both see the same machine load. */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { load, measured, MeasuredResult, startProcess } from './harness';

const ROOT = join(__dirname, '../../..');
const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_DB ?? 'cbm_volume';
const EMAIL = process.env.BENCH_EMAIL ?? 'volume.hub1@cbm.example.org';
// counts, not durations: a warm-up by time is too short for the JIT when the machine is busy
const AMOUNT = Number(process.env.BENCH_AMOUNT ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUILDS = (process.env.BENCH_BUILDS ?? join(ROOT, 'dist/apps/api/src/main.js')).split(',');
const label = (build: string) => build.split('/dist/')[0].split('/').pop() ?? build;
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
  await c.query(
    `CREATE TABLE IF NOT EXISTS bench_reference (id uuid PRIMARY KEY, reference text NOT NULL, country_code char(3) NOT NULL, status text NOT NULL, title text NOT NULL, summary text NOT NULL, objectives int[] NOT NULL, version int NOT NULL, created_at timestamptz NOT NULL)`,
  );
  await c.query(
    `INSERT INTO bench_reference SELECT id, reference, country_code, status, title, summary, objectives, version, created_at FROM support_request ON CONFLICT (id) DO NOTHING`,
  );
  const ids = (
    await c.query<{ id: string }>(`SELECT id FROM support_request WHERE status <> 'draft' ORDER BY id DESC LIMIT 200`)
  ).rows.map((r) => r.id);
  const env = {
    ...process.env,
    DATABASE_URL: dbUrl,
    PORT: '3962',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret',
    LOGIN_MAX_ATTEMPTS: '1000',
    OPEN_DATA_RATE_LIMIT: '100000000',
  };
  const base = 'http://127.0.0.1:3962';
  const out: string[] = [];
  const line = (name: string, r: MeasuredResult, ref?: MeasuredResult) =>
    out.push(
      `${name.padEnd(36)} ${String(r.rps).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms  CPU/req node ${String(r.nodeUs).padStart(5)} µs + pg ${String(r.pgUs).padStart(4)} µs` +
        `${ref ? `  ratio ${(r.rps / ref.rps).toFixed(2)} (by CPU ${((ref.nodeUs + ref.pgUs) / (r.nodeUs + r.pgUs)).toFixed(2)})` : ''}${r.errors || r.non2xx ? `  ${r.errors} errors ${r.non2xx} non-2xx` : ''}`,
    );
  for (let round = 1; round <= ROUNDS; round++) {
    out.push(
      `round ${round}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const ref = await startProcess(
      process.execPath,
      [join(ROOT, 'test/bench/reference/select-server.js')],
      { ...process.env, DATABASE_URL: dbUrl, PORT: '3961' },
      { cpu: '0', readyLine: /reference ready/ },
    );
    let i = 0;
    await load({
      url: 'http://127.0.0.1:3961',
      amount: AMOUNT / 3,
      requests: [{ setupRequest: (r) => ({ ...r, path: `/ref/${ids[i++ % ids.length]}` }) }],
    });
    const refA = await measured(
      {
        url: 'http://127.0.0.1:3961',
        amount: AMOUNT,
        requests: [{ setupRequest: (r) => ({ ...r, path: `/ref/${ids[i++ % ids.length]}` }) }],
      },
      ref.proc.pid!,
      c,
    );
    await ref.stop();
    line('reference (a)', refA);
    for (const build of BUILDS) {
      const api = await startProcess(process.execPath, [build], env, { cpu: '0', readyUrl: `${base}/health/ready` });
      try {
        const res = await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: EMAIL, password: 'demo-password-2026' }),
        });
        const headers = { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
        // warm-up: JIT and the active-user cache
        await load({
          url: base,
          amount: AMOUNT / 3,
          headers,
          requests: [{ setupRequest: (r) => ({ ...r, path: `/api/v1/requests/${ids[i++ % ids.length]}` }) }],
        });
        const one = await measured(
          {
            url: base,
            amount: AMOUNT,
            headers,
            requests: [{ setupRequest: (r) => ({ ...r, path: `/api/v1/requests/${ids[i++ % ids.length]}` }) }],
          },
          api.proc.pid!,
          c,
        );
        line(`GET /requests/{id} ${BUILDS.length > 1 ? label(build) : ''}`, one, refA);
        await load({ url: base, amount: AMOUNT / 10, headers, requests: [{ path: LIST }] });
        const list = await measured(
          { url: base, amount: AMOUNT / 5, headers, requests: [{ path: LIST }] },
          api.proc.pid!,
          c,
        );
        line(`GET /requests?…&limit=50 ${BUILDS.length > 1 ? label(build) : ''}`, list);
      } finally {
        await api.stop();
      }
    }
    process.stdout.write(out.splice(0).join('\n') + '\n');
  }
  await c.end();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
