/* Audit chain verification at volume: `AuditService.verify` and `npm run audit:verify` over
   1,000,000 events (server PostgreSQL). Seeds a database of its own once, through the real append
   path (`AuditService.in(t).record`, batches of 10,000, each under its request context): 70 % sign-ins
   without payload (the volume generator's filler), 30 % changes with before/after objects (strings,
   numbers, booleans, nulls, dates as ISO strings, nested objects and arrays, keys in any order).
   Then times verify in-process and the CLI, several runs each, and prints events/s with the load average.
   Run: npm run -s build:server && npx swc test/bench -d dist --quiet && node dist/test/bench/audit-verify.bench.js
   The CLI runs with the node flags of `npm run audit:verify` (BENCH_CLI_NODE_FLAGS to change them).
   Env: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_EVENTS (1000000),
   BENCH_REUSE=1 keeps an already seeded database, BENCH_ITERATIONS (3), BENCH_CLI_ITERATIONS (2). */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { AuditRecord, AuditService } from '@cbm/audit';
import { Actor, Database, loadConfig, runWithRequestContext } from '@cbm/core';
import { startContext } from '@cbm/composition';
import { benchDatabase } from './harness';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cbm_bench_audit';
const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 3);
const CLI_ITER = Number(process.env.BENCH_CLI_ITERATIONS ?? 2);
const CLI_FLAGS = (process.env.BENCH_CLI_NODE_FLAGS ?? '--max-semi-space-size=32').split(' ').filter(Boolean);
const BATCH = 10_000;
const CLI = join(__dirname, '../../apps/api/src/cli.js');
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const ROLES: Actor['role'][] = ['admin', 'hub_officer', 'focal_point', 'partner_officer', 'fund_manager', 'system'];
const ACTORS = Array.from({ length: 200 }, (_, i) => ({
  id: `01900000-0000-7000-9000-${String(i).padStart(12, '0')}`,
  role: pick(ROLES),
}));
const STATUSES = ['draft', 'submitted', 'under_review', 'approved', 'in_implementation', 'closed'];
const COUNTRIES = ['KEN', 'UGA', 'ETH', 'NGA', 'SEN', 'MEX', 'GTM', 'PHL', 'IDN', 'BGD', 'JOR', 'UKR'];

function payload(i: number): Record<string, unknown> {
  const p: Record<string, unknown> = {
    status: pick(STATUSES),
    updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    version: 1 + (i % 17),
  };
  if (rand() < 0.5) p.title = `Support to ${pick(COUNTRIES)} on labour migration governance, phase ${i % 9}`;
  if (rand() < 0.4) p.amount = { value: String(Math.floor(rand() * 1e9)), currency: 'USD' };
  if (rand() < 0.4) p.countries = [pick(COUNTRIES), pick(COUNTRIES)];
  if (rand() < 0.3) p.objectives = [1 + (i % 23), 1 + ((i * 7) % 23)];
  if (rand() < 0.2) p.note = null;
  if (rand() < 0.2) p.active = rand() < 0.5;
  if (rand() < 0.1) p.ratio = Math.round(rand() * 1e6) / 1e3;
  if (rand() < 0.1) p['Größe'] = 'é ü 中文 "quoted" \\ tab\t';
  return p;
}

function record(i: number): AuditRecord {
  const actor = pick(ACTORS);
  if (rand() < 0.7) return { actor, action: 'auth.login', entityType: 'user', entityId: actor.id };
  const after = payload(i);
  const before = rand() < 0.3 ? null : Object.fromEntries(Object.entries(payload(i + 1)).reverse());
  return {
    actor,
    action: pick(['request.updated', 'allocation.proposed', 'plan.updated', 'user.updated']),
    entityType: pick(['support_request', 'fund_allocation', 'implementation_plan', 'user']),
    entityId: `e-${i % 50_000}`,
    before,
    after,
  };
}

async function seedChain(db: Database, audit: AuditService) {
  const t = Date.now();
  for (let done = 0; done < N; done += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, N - done) }, (_, k) => record(done + k));
    const ctx =
      done % (BATCH * 3) === 0
        ? { requestId: `bench-${done}`, clientAddress: '10.0.0.1' }
        : { requestId: `bench-${done}` };
    await runWithRequestContext(ctx, () => db.transaction(async (t) => records.forEach((r) => audit.in(t).record(r))));
    process.stdout.write(`  ${done + records.length} events\r`);
  }
  process.stdout.write(`\nseeded in ${Math.round((Date.now() - t) / 1000)} s\n`);
}

const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

async function main() {
  const reuse = await benchDatabase(SERVER, dbUrl);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'error',
    DATABASE_URL: dbUrl,
    REDIS_URL: '',
  });
  const { ctx, close } = await startContext(config, { runWorkers: false, runRelay: false });
  const runs: { eventsPerSecond: number; seconds: number; load: number[] }[] = [];
  const cliRuns: { eventsPerSecond: number; seconds: number; load: number[]; line: string }[] = [];
  let checked = 0;
  try {
    const db = ctx.get(Database);
    const audit = ctx.get(AuditService);
    if (!reuse) {
      await seedChain(db, audit);
      await db.query('VACUUM ANALYZE audit_event');
    }
    for (let i = 0; i < ITER; i++) {
      const t = performance.now();
      const r = await audit.verify();
      const seconds = (performance.now() - t) / 1000;
      if (!r.ok) throw new Error(`the bench chain does not verify: ${JSON.stringify(r.firstInvalid)}`);
      checked = r.checked;
      runs.push({
        eventsPerSecond: Math.round(r.checked / seconds),
        seconds: Math.round(seconds * 100) / 100,
        load: load(),
      });
      process.stdout.write(`  verify ${i + 1}: ${runs[i].eventsPerSecond} events/s\n`);
    }
  } finally {
    await close();
  }
  for (let i = 0; i < CLI_ITER; i++) {
    const t = performance.now();
    const cli = spawnSync(process.execPath, [...CLI_FLAGS, CLI, 'audit:verify'], {
      env: { ...process.env, DATABASE_URL: dbUrl, REDIS_URL: '', LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    const seconds = (performance.now() - t) / 1000;
    if (cli.status !== 0) throw new Error(`audit:verify exited ${cli.status}: ${cli.stdout}${cli.stderr}`);
    const m = /\((\d+) events\/s\)/.exec(cli.stdout);
    cliRuns.push({
      eventsPerSecond: m ? Number(m[1]) : 0,
      seconds: Math.round(seconds * 100) / 100,
      load: load(),
      line: cli.stdout.trim(),
    });
    process.stdout.write(`  cli ${i + 1}: ${cli.stdout.trim()} (process ${cliRuns[i].seconds} s)\n`);
  }
  const rates = runs.map((r) => r.eventsPerSecond).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      events: checked,
      medianEventsPerSecond: rates[Math.floor(rates.length / 2)],
      verify: runs,
      cli: cliRuns.map(({ line: _line, ...r }) => r),
    }),
  );
  if (rates[Math.floor(rates.length / 2)] < 50_000) process.exitCode = 1;
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
