/* `npm run bench`: every scenario of issue 7 against the server mode on the volume data set,
   each beside the reference measured in the same run; writes docs/benchmarks.generated.md.
   Run it pinned to the second core (the npm script does): the servers get core 0. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { load, LoadResult, peakRss, sequentialLatency, startProcess } from './harness';

const ROOT = join(__dirname, '../../..');
const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_DB ?? 'cbm_volume';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const PASSWORD = 'demo-password-2026';

interface Row {
  scenario: string;
  target: string;
  rps?: number;
  p50: number;
  p99: number;
  reference?: string;
  ratio?: number;
  rssMb?: number;
  met: boolean;
  note?: string;
}
const rows: Row[] = [];

async function ensureVolume() {
  const c = new Client({ connectionString: SERVER });
  await c.connect();
  const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB])).rowCount;
  await c.end();
  if (!exists) {
    process.stdout.write(`no ${DB} database: running the volume generator first\n`);
    execFileSync(
      process.execPath,
      [join(ROOT, 'dist/apps/api/src/cli.js'), 'seed:volume', '--scale', process.env.BENCH_SCALE ?? '1'],
      { env: { ...process.env, DATABASE_URL: dbUrl, REDIS_URL: '' }, stdio: 'inherit' },
    );
  }
  const v = new Client({ connectionString: dbUrl });
  await v.connect();
  await v.query(readFileSync(join(ROOT, 'test/bench/reference/schema.sql'), 'utf8'));
  const counts = (
    await v.query(
      `SELECT (SELECT count(*) FROM support_request) AS requests, (SELECT count(*) FROM audit_event) AS audit_events`,
    )
  ).rows[0];
  await v.end();
  return counts as Record<string, string>;
}

async function token(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const fmt = (n: number | undefined, d = 0) => (n === undefined ? '' : n.toFixed(d));

async function main() {
  const counts = await ensureVolume();
  process.stdout.write(`volume: ${JSON.stringify(counts)}\n`);
  const env = {
    ...process.env,
    DATABASE_URL: dbUrl,
    REDIS_URL: REDIS,
    PORT: '3900',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret',
    LOGIN_MAX_ATTEMPTS: '1000',
    OPEN_DATA_RATE_LIMIT: '100000000',
  };
  const api = await startProcess(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], env, {
    cpu: '0',
    readyUrl: 'http://127.0.0.1:3900/health/ready',
  });
  const ref = await startProcess(
    process.execPath,
    [join(ROOT, 'test/bench/reference/select-server.js')],
    { ...process.env, DATABASE_URL: dbUrl, PORT: '3901' },
    { cpu: '0', readyLine: /reference ready/ },
  );
  const base = 'http://127.0.0.1:3900';
  try {
    const hub = await token(base, 'hub.officer@cbm.example.org');
    const auth = { authorization: `Bearer ${hub}` };
    const list = (await (await fetch(`${base}/api/v1/requests?limit=100`, { headers: auth })).json()) as {
      items: { id: string; countryCode: string; status: string }[];
    };
    const ids = list.items.map((r) => r.id);
    let i = 0;

    const pid = api.proc.pid!;
    const measured = async (o: Parameters<typeof load>[0]) => {
      const r = await peakRss(pid, () => load(o));
      return { ...r.result, rssMb: Math.round(r.peakMb) };
    };
    // 1. GET /requests/{id} against reference (a)
    const refA = await load({
      url: 'http://127.0.0.1:3901',
      duration: DURATION,
      requests: [{ setupRequest: (r) => ({ ...r, path: `/ref/${ids[i++ % ids.length]}` }) }],
    });
    const getOne = await measured({
      url: base,
      duration: DURATION,
      headers: auth,
      requests: [{ setupRequest: (r) => ({ ...r, path: `/api/v1/requests/${ids[i++ % ids.length]}` }) }],
    });
    rows.push(
      row(
        'GET /requests/{id} (token, scope, row, allowed actions), 50 connections',
        '≥ 0.6 of (a), p99 < 40 ms',
        getOne,
        refA,
        'a',
        (r, x) => r.rps / x.rps >= 0.6 && r.p99 < 40,
      ),
    );

    // 2. GET /requests scoped, filtered, 50 per page
    const listRes = await measured({
      url: base,
      duration: DURATION,
      headers: auth,
      requests: [{ path: '/api/v1/requests?status=in_triage,in_assessment,matching&limit=50' }],
    });
    rows.push(
      row(
        'GET /requests (scoped, filtered, 50 per page), 50 connections',
        'p99 < 50 ms',
        listRes,
        undefined,
        undefined,
        (r) => r.p99 < 50,
      ),
    );
    const listOne = await sequentialLatency(200, () =>
      fetch(`${base}/api/v1/requests?status=in_triage,in_assessment,matching&limit=50`, { headers: auth }),
    );
    rows.push({
      scenario: 'GET /requests (scoped, filtered, 50 per page), one client',
      target: 'p99 < 50 ms',
      p50: listOne.p50,
      p99: listOne.p99,
      met: listOne.p99 < 50 && listOne.failures === 0,
    });

    await scenariosAfterHub(base, auth, ids, rows, api.proc.pid!);

    // transition vs reference (b)
    const refB = await load({
      url: 'http://127.0.0.1:3901/ref',
      duration: DURATION,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'reference write', body: 'x'.repeat(200) }),
    });
    const transition = await transitionLoad(base, hub, pid);
    if (transition)
      rows.push(
        row(
          'POST /requests/{id}/actions/… (state, timeline, audit, outbox in one transaction)',
          '≥ 0.4 of (b)',
          transition,
          refB,
          'b',
          (r, x) => r.rps / x.rps >= 0.4,
        ),
      );

    // audit:verify over the whole chain
    const verify = spawnSync(
      process.execPath,
      ['--max-semi-space-size=32', join(ROOT, 'dist/apps/api/src/cli.js'), 'audit:verify'],
      { env: { ...env, REDIS_URL: '' }, encoding: 'utf8' },
    );
    const m = /(\d+) events verified in ([\d.]+) s \((\d+) events\/s\)/.exec(verify.stdout);
    if (m)
      rows.push({
        scenario: `npm run audit:verify over ${m[1]} events`,
        target: '≥ 50,000 events/s',
        rps: Number(m[3]),
        p50: 0,
        p99: 0,
        met: Number(m[3]) >= 50_000,
        note: `${m[2]} s`,
      });
    else
      rows.push({
        scenario: 'npm run audit:verify',
        target: '≥ 50,000 events/s',
        p50: 0,
        p99: 0,
        met: false,
        note: verify.stdout + verify.stderr,
      });
  } finally {
    await api.stop();
    await ref.stop();
  }
  write(counts);
}

function row(
  scenario: string,
  target: string,
  r: LoadResult & { rssMb?: number },
  refRes: LoadResult | undefined,
  refName: string | undefined,
  ok: (r: LoadResult, x: LoadResult) => boolean,
): Row {
  return {
    scenario,
    target,
    rps: r.rps,
    p50: r.p50,
    p99: r.p99,
    reference: refRes ? `(${refName}) ${refRes.rps} req/s, p99 ${refRes.p99} ms` : undefined,
    ratio: refRes ? Math.round((r.rps / refRes.rps) * 100) / 100 : undefined,
    rssMb: r.rssMb,
    met: ok(r, refRes ?? r) && r.errors === 0 && r.non2xx === 0,
    note: r.errors || r.non2xx ? `${r.errors} errors, ${r.non2xx} non-2xx of ${r.total}` : undefined,
  };
}

/** request_info / provide_info cycling over requests in triage: a real transition each time. */
async function transitionLoad(
  base: string,
  hubToken: string,
  pid: number,
): Promise<(LoadResult & { rssMb: number }) | undefined> {
  const res = await fetch(`${base}/api/v1/requests?status=in_triage&limit=100`, {
    headers: { authorization: `Bearer ${hubToken}` },
  });
  const items = ((await res.json()) as { items: { id: string; countryCode: string }[] }).items;
  if (items.length < 60) return undefined;
  const focal: Record<string, string> = {};
  for (const r of items) {
    const email = `volume.focal.${r.countryCode.toLowerCase()}@cbm.example.org`;
    if (!focal[r.countryCode]) focal[r.countryCode] = await token(base, email).catch(() => '');
  }
  const usable = items.filter((r) => focal[r.countryCode]);
  const next = new Map<string, 'request_info' | 'provide_info'>(usable.map((r) => [r.id, 'request_info']));
  let k = 0;
  const measured = await peakRss(pid, () =>
    load({
      url: base,
      duration: DURATION,
      connections: Math.min(50, Math.floor(usable.length / 2)),
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const r = usable[k++ % usable.length];
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
                authorization: `Bearer ${action === 'request_info' ? hubToken : focal[r.countryCode]}`,
              },
              body: JSON.stringify(body),
            };
          },
        },
      ],
    }),
  );
  return { ...measured.result, rssMb: Math.round(measured.peakMb) };
}

/** Fund, knowledge, matching and similarity scenarios. */
async function scenariosAfterHub(
  base: string,
  auth: Record<string, string>,
  ids: string[],
  out: Row[],
  apiPid: number,
) {
  const seq = async (
    name: string,
    target: string,
    limitMs: number,
    n: number,
    url: (i: number) => string,
    headers: Record<string, string> = {},
  ) => {
    const r = await sequentialLatency(n, (i) => fetch(url(i), { headers }));
    out.push({
      scenario: name,
      target,
      p50: r.p50,
      p99: r.p99,
      met: r.p99 < limitMs && r.failures === 0,
      note: r.failures ? `${r.failures} failures` : undefined,
    });
  };
  await seq(
    'GET /requests/{id}/partner-matches (one request)',
    '< 100 ms',
    100,
    200,
    (i) => `${base}/api/v1/requests/${ids[i % ids.length]}/partner-matches`,
    auth,
  );
  await seq(
    'GET /requests/{id}/similar over the knowledge items',
    'p99 < 100 ms',
    100,
    200,
    (i) => `${base}/api/v1/requests/${ids[i % ids.length]}/similar`,
    auth,
  );
  await seq('GET /fund/summary over the journal', '< 200 ms', 200, 200, () => `${base}/api/v1/fund/summary`);
  const queries = [
    'migration',
    'labour migration',
    'reintegration of returning workers',
    'remitances',
    'data',
    'trafficking children border',
    'migrants',
  ];
  for (const q of queries) {
    await seq(
      `GET /open/knowledge?q=${q} (facets, total)`,
      'p99 < 50 ms',
      50,
      200,
      () => `${base}/api/v1/open/knowledge?q=${encodeURIComponent(q)}`,
    );
  }
  await seq(
    'GET /open/knowledge?kind=practice&objective=6 (filters, no text)',
    'p99 < 50 ms',
    50,
    200,
    () => `${base}/api/v1/open/knowledge?kind=practice&objective=6`,
  );
  const csv = await peakRss(apiPid, async () => {
    const res = await fetch(`${base}/api/v1/open/knowledge.csv`);
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return bytes;
  });
  const extra = Math.round(csv.peakMb - csv.beforeMb);
  out.push({
    scenario: `GET /open/knowledge.csv (${(csv.result / 1e6).toFixed(1)} MB streamed; RSS ${Math.round(csv.beforeMb)} → ${Math.round(csv.peakMb)} MB, +${extra} MB)`,
    target: '< 100 MB extra memory',
    p50: 0,
    p99: 0,
    rssMb: Math.round(csv.peakMb),
    met: extra < 100 && csv.result > 0,
  });
}

function write(counts: Record<string, string>) {
  const lines = [
    '| scenario | target | req/s | p50 ms | p99 ms | reference (same run) | ratio | API peak RSS MB | met |',
    '|---|---|---:|---:|---:|---|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.target} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.reference ?? ''} | ${fmt(r.ratio, 2)} | ${fmt(r.rssMb)} | ${r.met ? 'yes' : `**no**${r.note ? ` (${r.note})` : ''}`} |`,
    ),
  ];
  const text = `# Benchmark run ${new Date().toISOString()}\n\nData: ${JSON.stringify(counts)}; ${DURATION} s per load run, 50 connections unless stated; API and reference pinned to core 0, load generator on core 1.\n\n${lines.join('\n')}\n`;
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(join(ROOT, 'docs/benchmarks.generated.md'), text);
  process.stdout.write(text);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
