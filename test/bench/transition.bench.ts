/* The transition scenario of issue 7 on its own, beside reference (b) in the same run:
     createdb -h 127.0.0.1 -U postgres cbm_trans
     npm run -s build:server && npx swc test/bench -d dist --quiet
     taskset -c 1 node dist/test/bench/transition.bench.js
   It starts the API (demo data) and the reference pinned to core 0, files ~100 requests through the
   API (focal point creates and submits, hub officer starts triage) unless enough are in triage, then
   runs reference (b) and the request_info / provide_info cycle back to back, ROUNDS times, and prints
   each pair's ratio, with the CPU the API and its database backends spent per transition (the steadier
   figure on a shared machine). BENCH_DB names the scratch database (never the volume one).
   BENCH_BUILDS=a/main.js,b/main.js compares API builds in the same run, round after round, each on its
   own database (BENCH_DB with the build's position appended: cbm_trans_1, cbm_trans_2; create them
   first), as the issue-11 before → after in docs/benchmarks.md was measured. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { Client } from 'pg';
import { load, measured, MeasuredResult, startProcess, Started } from './harness';

const ROOT = join(__dirname, '../../..');
const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_DB ?? 'cbm_trans';
const BUILDS = (process.env.BENCH_BUILDS ?? join(ROOT, 'dist/apps/api/src/main.js')).split(',');
const label = (build: string) => build.split('/dist/')[0].split('/').pop() ?? build;
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3970);
const REQUESTS = 100;
const PASSWORD = 'demo-password-2026';
const FOCAL: Record<string, string> = {
  KEN: 'focal.kenya@cbm.example.org',
  MEX: 'focal.mexico@cbm.example.org',
  PHL: 'focal.philippines@cbm.example.org',
};
if (DB === 'cbm_volume') throw new Error('the transition bench writes: give it a scratch database');
const dbUrlOf = (db: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${db}`;
  return u.toString();
};
const dbOf = (i: number) => (BUILDS.length > 1 ? `${DB}_${i + 1}` : DB);

async function call<T>(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const login = async (base: string, email: string) =>
  (await call<{ accessToken: string }>(base, null, 'POST', '/api/v1/auth/login', { email, password: PASSWORD }))
    .accessToken;

/** Requests in triage whose country's focal point can log in; files more when there are too few. */
async function setup(base: string, hub: string, focal: Record<string, string>) {
  type Item = { id: string; countryCode: string; status: string };
  const inTriage = async () =>
    (
      await call<{ items: Item[] }>(base, hub, 'GET', '/api/v1/requests?status=in_triage,info_requested&limit=100')
    ).items.filter((r) => focal[r.countryCode]);
  let items = await inTriage();
  const countries = Object.keys(focal);
  for (let i = items.length; i < REQUESTS; i++) {
    const cc = countries[i % countries.length];
    const r = await call<{ id: string }>(base, focal[cc], 'POST', '/api/v1/requests', {
      title: `Benchmark request ${i}`,
      summary: 'Labour migration data for the transition benchmark.',
      expectedResults: 'A measured transition.',
      objectives: [1],
      supportTypes: ['technical_assistance'],
    });
    await call(base, focal[cc], 'POST', `/api/v1/requests/${r.id}/actions/submit`, {});
    await call(base, hub, 'POST', `/api/v1/requests/${r.id}/actions/start_triage`, {});
  }
  items = await inTriage();
  // a previous run may have stopped between the two halves of the cycle
  for (const r of items.filter((x) => x.status === 'info_requested'))
    await call(base, focal[r.countryCode], 'POST', `/api/v1/requests/${r.id}/actions/provide_info`, {
      answer: 'Confirmed by the ministry.',
    });
  return items.slice(0, REQUESTS);
}

/** One API build under test: its process, its database, its users' tokens and its requests' cycle. */
interface Target {
  name: string;
  api: Started;
  mon: Client;
  base: string;
  hub: string;
  focal: Record<string, string>;
  items: { id: string; countryCode: string }[];
  /** Each request's next action, kept across runs (a run may stop between the two halves of a cycle). */
  next: Map<string, 'request_info' | 'provide_info'>;
  k: number;
}

function transitionLoad(t: Target, measure = true): Promise<MeasuredResult> {
  const { base, hub, focal, items, next } = t;
  for (const r of items) if (!next.has(r.id)) next.set(r.id, 'request_info');
  const o: autocannon.Options = {
    url: base,
    duration: DURATION,
    connections: Math.min(50, Math.floor(items.length / 2)),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const r = items[t.k++ % items.length];
          const action = next.get(r.id)!;
          next.set(r.id, action === 'request_info' ? 'provide_info' : 'request_info');
          const body =
            action === 'request_info'
              ? { question: 'Please confirm the co-funding.' }
              : { answer: 'Confirmed by the ministry.' };
          return {
            ...req,
            path: `/api/v1/requests/${r.id}/actions/${action}`,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${action === 'request_info' ? hub : focal[r.countryCode]}`,
            },
            body: JSON.stringify(body),
          };
        },
      },
    ],
  };
  return measure ? measured(o, t.api.proc.pid!, t.mon) : load(o).then((r) => ({ ...r, nodeUs: 0, pgUs: 0 }));
}

async function main() {
  const env = {
    ...process.env,
    REDIS_URL: REDIS,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret',
    LOGIN_MAX_ATTEMPTS: '1000',
  };
  const targets: Target[] = [];
  let ref: Started | undefined;
  try {
    for (const [i, build] of BUILDS.entries()) {
      const port = PORT + 2 + i;
      const dbUrl = dbUrlOf(dbOf(i));
      const apiArgs = [
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        build,
      ];
      const api = await startProcess(
        process.execPath,
        apiArgs,
        // each build its own Redis database: builds sharing one would take each other's jobs
        { ...env, DATABASE_URL: dbUrl, REDIS_URL: BUILDS.length > 1 ? `${REDIS}/${i + 1}` : REDIS, PORT: String(port) },
        { cpu: '0', readyUrl: `http://127.0.0.1:${port}/health/ready` },
      );
      const mon = new Client({ connectionString: dbUrl });
      await mon.connect();
      const base = `http://127.0.0.1:${port}`;
      const t: Target = { name: label(build), api, mon, base, hub: '', focal: {}, items: [], next: new Map(), k: 0 };
      targets.push(t);
      t.hub = await login(base, 'hub.officer@cbm.example.org');
      for (const [cc, email] of Object.entries(FOCAL)) t.focal[cc] = await login(base, email);
      t.items = await setup(base, t.hub, t.focal);
      process.stdout.write(`${t.name}: ${t.items.length} requests in triage\n`);
    }
    // the reference's tables (after the API migrated the schema they read from), in the first database
    const first = dbUrlOf(dbOf(0));
    const c = new Client({ connectionString: first });
    await c.connect();
    await c.query(readFileSync(join(ROOT, 'test/bench/reference/schema.sql'), 'utf8'));
    await c.end();
    ref = await startProcess(
      process.execPath,
      [join(ROOT, 'test/bench/reference/select-server.js')],
      { ...process.env, DATABASE_URL: first, PORT: String(PORT + 1) },
      { cpu: '0', readyLine: /reference ready/ },
    );
    const refLoad = { ...REF_LOAD, url: `http://127.0.0.1:${PORT + 1}/ref` };
    // warm-up: the JIT, the pool
    await load({ ...refLoad, duration: 2 });
    for (const t of targets) await transitionLoad(t, false).then(() => new Promise((r) => setTimeout(r, 500)));
    process.stdout.write(
      `| round | build | transition req/s | p50 ms | p99 ms | non-2xx | CPU/transition µs (API + PostgreSQL) | reference (b) req/s | ratio | load avg |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n`,
    );
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of targets) {
        const refB = await load({ ...refLoad, duration: DURATION });
        const r = await transitionLoad(t);
        const loadAvg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
        process.stdout.write(
          `| ${round} | ${t.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} | ${r.nodeUs} + ${r.pgUs} = ${r.nodeUs + r.pgUs} | ${refB.rps} | ${(r.rps / refB.rps).toFixed(2)} | ${loadAvg} |\n`,
        );
        await new Promise((res) => setTimeout(res, 1000));
      }
    }
  } finally {
    for (const t of targets) {
      await t.mon.end();
      await t.api.stop();
    }
    await ref?.stop();
  }
}

const REF_LOAD = {
  duration: DURATION,
  method: 'POST' as const,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'x', body: 'x'.repeat(200) }),
};

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
