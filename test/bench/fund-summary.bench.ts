/* The public fund summary over a journal of 1,000,000 lines (server PostgreSQL).
   Seeds a database of its own with batched SQL (bench data only): 300 contributions, 3,000 approved
   allocations over 20 organisations and 30 countries, then 500,000 transfer/expenditure entries;
   the balance table is rebuilt from the lines and reconciled. Measures GET /api/v1/fund/summary
   sequentially, uncached (the in-process cache dropped before each call) and cached.
   Run: npm run -s build:server && npx swc test/bench -d dist --quiet && node dist/test/bench/fund-summary.bench.js
   Env: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_LINES (1000000),
   BENCH_REUSE=1 keeps an already seeded database, BENCH_ITERATIONS (50). */
import { Client } from 'pg';
import { loadConfig } from '@cbm/core';
import { ReferenceSeeder } from '@cbm/reference';
import { LedgerRepository, ReportingService } from '@cbm/fund';
import { startSystem } from '../../apps/api/src/system';
import { benchDatabase } from './harness';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cbm_bench_fund';
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 50);
const ALLOCATIONS = 3000;
const CONTRIBUTIONS = 300;
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const uuid = (prefix: string, n: string) => `'01900000-0000-7000-${prefix}-' || lpad((${n})::text, 12, '0')`;

async function seed(c: Client) {
  const t = Date.now();
  // bench data only: the deferred balance check per line is switched off while loading, and checked after
  await c.query(`SET session_replication_role = replica`);
  await c.query('BEGIN');
  await c.query(
    `CREATE TEMP TABLE bench_org AS SELECT id, row_number() OVER (ORDER BY acronym) - 1 AS n FROM organisation WHERE type = 'un_entity' ORDER BY acronym LIMIT 20`,
  );
  await c.query(
    `CREATE TEMP TABLE bench_donor AS SELECT id, row_number() OVER (ORDER BY acronym) - 1 AS n FROM organisation WHERE type IN ('member_state', 'foundation', 'ifi') ORDER BY acronym`,
  );
  await c.query(
    `CREATE TEMP TABLE bench_country AS SELECT * FROM unnest(ARRAY['KEN','UGA','ETH','NGA','SEN','MAR','EGY','MEX','GTM','HND','COL','ECU','PHL','IDN','BGD','NPL','LKA','IND','QAT','JOR','LBN','UKR','MDA','TJK','GHA','CIV','ZAF','BRA','PER','VNM']) WITH ORDINALITY AS x(code, n)`,
  );
  const system = `'00000000-0000-0000-0000-000000000000'::uuid`;
  // contributions: pledge + deposit of 10,000,000.00 USD each, 1 % fee
  await c.query(`INSERT INTO fund_contribution (id, contributor_id, contributor_type, pledged_at, pledged_amount, currency, earmark_type, earmark_objectives, earmark_country, reference, created_by_id, created_at)
    SELECT (${uuid('8001', 'g')})::uuid, d.id, 'member_state', '2026-01-01', 1000000000, 'USD', 'none', '{}', NULL, 'BENCH-' || g, ${system}, now()
      FROM generate_series(1, ${CONTRIBUTIONS}) g JOIN bench_donor d ON d.n = g % (SELECT count(*) FROM bench_donor)`);
  await c.query(`INSERT INTO journal_entry (id, kind, reference, memo, subject_id, occurred_at, recorded_at, recorded_by_id)
    SELECT (${uuid('8002', 'g')})::uuid, 'pledge', 'BENCH', '', (${uuid('8001', 'g')})::uuid, now(), now(), ${system} FROM generate_series(1, ${CONTRIBUTIONS}) g
    UNION ALL SELECT (${uuid('8003', 'g')})::uuid, 'deposit', 'BENCH', '', (${uuid('8001', 'g')})::uuid, now(), now(), ${system} FROM generate_series(1, ${CONTRIBUTIONS}) g`);
  await c.query(`INSERT INTO journal_line (id, entry_id, line_no, account_key, kind, contribution_id, amount, currency)
    SELECT gen_random_uuid(), (${uuid('8002', 'g')})::uuid, 1, 'receivable:' || (${uuid('8001', 'g')}), 'receivable', (${uuid('8001', 'g')})::uuid, 1000000000, 'USD' FROM generate_series(1, ${CONTRIBUTIONS}) g
    UNION ALL SELECT gen_random_uuid(), (${uuid('8002', 'g')})::uuid, 2, 'pledged:' || (${uuid('8001', 'g')}), 'pledged', (${uuid('8001', 'g')})::uuid, -1000000000, 'USD' FROM generate_series(1, ${CONTRIBUTIONS}) g
    UNION ALL SELECT gen_random_uuid(), (${uuid('8003', 'g')})::uuid, 1, 'receivable:' || (${uuid('8001', 'g')}), 'receivable', (${uuid('8001', 'g')})::uuid, -1000000000, 'USD' FROM generate_series(1, ${CONTRIBUTIONS}) g
    UNION ALL SELECT gen_random_uuid(), (${uuid('8003', 'g')})::uuid, 2, 'cash_pool', 'cash_pool', NULL, 990000000, 'USD' FROM generate_series(1, ${CONTRIBUTIONS}) g
    UNION ALL SELECT gen_random_uuid(), (${uuid('8003', 'g')})::uuid, 3, 'admin_fee:' || (${uuid('8001', 'g')}), 'admin_fee', (${uuid('8001', 'g')})::uuid, 10000000, 'USD' FROM generate_series(1, ${CONTRIBUTIONS}) g`);
  // applications and approved allocations of 50,000.00 USD
  await c.query(`INSERT INTO fund_application (id, request_id, request_reference, title, request_status, country_code, objectives, lead_organisation_id, organisation_ids, amount, currency, justification, status, created_by_id, created_at)
    SELECT (${uuid('8004', 'g')})::uuid, (${uuid('8005', 'g')})::uuid, 'CBM-2026-' || bc.code || '-' || lpad(g::text, 4, '0'), 'Bench project ' || g, 'in_implementation', bc.code,
           ARRAY[1 + g % 23, 1 + (g * 7) % 23], o.id, ARRAY[o.id], 5000000, 'USD', 'bench', 'approved', ${system}, now()
      FROM generate_series(1, ${ALLOCATIONS}) g JOIN bench_country bc ON bc.n = 1 + g % 30 JOIN bench_org o ON o.n = g % 20`);
  await c.query(`INSERT INTO fund_allocation (id, application_id, request_id, amount, currency, duration_months, status, proposed_by_id, proposed_at, decided_by_id, decided_at, decision_ref, recused_ids, transferred_amount, version)
    SELECT (${uuid('8006', 'g')})::uuid, (${uuid('8004', 'g')})::uuid, (${uuid('8005', 'g')})::uuid, 5000000, 'USD', 18, 'approved', ${system}, now() - interval '200 days', ${system}, now() - interval '200 days', 'SC-BENCH', '{}', 0, 2
      FROM generate_series(1, ${ALLOCATIONS}) g`);
  await c.query(`INSERT INTO journal_entry (id, kind, reference, memo, subject_id, occurred_at, recorded_at, recorded_by_id)
    SELECT (${uuid('8007', 'g')})::uuid, 'allocation', 'SC-BENCH', '', (${uuid('8006', 'g')})::uuid, now(), now(), ${system} FROM generate_series(1, ${ALLOCATIONS}) g`);
  await c.query(`INSERT INTO journal_line (id, entry_id, line_no, account_key, kind, allocation_id, amount, currency)
    SELECT gen_random_uuid(), (${uuid('8007', 'g')})::uuid, 1, 'cash_pool', 'cash_pool', NULL, -5000000, 'USD' FROM generate_series(1, ${ALLOCATIONS}) g
    UNION ALL SELECT gen_random_uuid(), (${uuid('8007', 'g')})::uuid, 2, 'allocation::' || (${uuid('8006', 'g')}), 'allocation', (${uuid('8006', 'g')})::uuid, 5000000, 'USD' FROM generate_series(1, ${ALLOCATIONS}) g`);
  // the bulk: alternating transfers (100.00) and expenditure (50.00), two lines each
  const bulk = Math.max(0, Math.floor((LINES - CONTRIBUTIONS * 5 - ALLOCATIONS * 2) / 2));
  const step = 100_000;
  for (let from = 1; from <= bulk; from += step) {
    const to = Math.min(bulk, from + step - 1);
    await c.query(`INSERT INTO journal_entry (id, kind, reference, memo, subject_id, occurred_at, recorded_at, recorded_by_id)
      SELECT (${uuid('8008', 'g')})::uuid, CASE WHEN g % 2 = 1 THEN 'transfer' ELSE 'expenditure' END, 'SC-BENCH', '', (${uuid('8008', 'g')})::uuid, now(), now(), ${system}
        FROM generate_series(${from}, ${to}) g`);
    await c.query(`INSERT INTO journal_line (id, entry_id, line_no, account_key, kind, allocation_id, organisation_id, amount, currency)
      SELECT gen_random_uuid(), (${uuid('8008', 'g')})::uuid, l.no,
             CASE WHEN g % 2 = 1 AND l.no = 1 THEN 'allocation::' || (${uuid('8006', '1 + (g / 2) % ' + ALLOCATIONS)})
                  WHEN (g % 2 = 1 AND l.no = 2) OR (g % 2 = 0 AND l.no = 1) THEN 'transfer::' || (${uuid('8006', '1 + (g / 2) % ' + ALLOCATIONS)}) || ':' || o.id
                  ELSE 'expenditure::' || (${uuid('8006', '1 + (g / 2) % ' + ALLOCATIONS)}) || ':' || o.id END,
             CASE WHEN g % 2 = 1 AND l.no = 1 THEN 'allocation' WHEN (g % 2 = 1 AND l.no = 2) OR (g % 2 = 0 AND l.no = 1) THEN 'transfer' ELSE 'expenditure' END,
             (${uuid('8006', '1 + (g / 2) % ' + ALLOCATIONS)})::uuid,
             CASE WHEN g % 2 = 1 AND l.no = 1 THEN NULL ELSE o.id END,
             CASE WHEN g % 2 = 1 THEN (CASE WHEN l.no = 1 THEN -10000 ELSE 10000 END) ELSE (CASE WHEN l.no = 1 THEN -5000 ELSE 5000 END) END, 'USD'
        FROM generate_series(${from}, ${to}) g CROSS JOIN (VALUES (1), (2)) l(no) JOIN bench_org o ON o.n = (1 + (g / 2) % ${ALLOCATIONS}) % 20`);
    process.stdout.write(`  ${to * 2} bulk lines\r`);
  }
  await c.query(
    `UPDATE fund_allocation a SET transferred_amount = t.total FROM (SELECT allocation_id, SUM(amount) AS total FROM journal_line WHERE kind IN ('transfer', 'expenditure') GROUP BY allocation_id) t WHERE t.allocation_id = a.id`,
  );
  await c.query(`INSERT INTO fund_balance (account_key, currency, kind, contribution_id, allocation_id, organisation_id, balance, lines)
    SELECT account_key, currency, min(kind), (array_agg(contribution_id))[1], (array_agg(allocation_id))[1], (array_agg(organisation_id))[1], SUM(amount), count(*) FROM journal_line GROUP BY account_key, currency`);
  await c.query('COMMIT');
  await c.query(`SET session_replication_role = origin`);
  await c.query('ANALYZE');
  process.stdout.write(`\nseeded in ${Math.round((Date.now() - t) / 1000)} s\n`);
}

async function main() {
  const reuse = await benchDatabase(SERVER, dbUrl);
  const config = {
    ...loadConfig({ ...process.env, NODE_ENV: 'test', DEMO_DATA: 'false', LOG_LEVEL: 'error', DATABASE_URL: dbUrl }),
    port: 0,
    host: '127.0.0.1',
  };
  const sys = await startSystem(config, { listen: true, seed: false, runWorkers: false });
  try {
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    if (!reuse) {
      // the organisations come from the reference seed
      await sys.app.get(ReferenceSeeder).seed();
      await seed(c);
    }
    const [{ lines, entries, accounts }] = (
      await c.query(
        `SELECT (SELECT count(*) FROM journal_line) AS lines, (SELECT count(*) FROM journal_entry) AS entries, (SELECT count(*) FROM fund_balance) AS accounts`,
      )
    ).rows;
    await c.end();
    const ledger = sys.app.get(LedgerRepository);
    let t = performance.now();
    const unbalanced = await ledger.unbalancedEntries();
    const recon = await ledger.reconcile();
    const checkMs = Math.round(performance.now() - t);
    const reporting = sys.app.get(ReportingService);
    const times = async (drop: boolean) => {
      const xs: number[] = [];
      for (let i = 0; i < ITER; i++) {
        if (drop) (reporting as unknown as { cache?: unknown }).cache = undefined;
        t = performance.now();
        const res = await fetch(`${sys.url}/api/v1/fund/summary`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`summary ${res.status}`);
        xs.push(performance.now() - t);
      }
      xs.sort((a, b) => a - b);
      const at = (q: number) => Math.round(xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] * 10) / 10;
      return { p50: at(0.5), p95: at(0.95), max: at(1) };
    };
    const uncached = await times(true);
    const cached = await times(false);
    const body = (await (await fetch(`${sys.url}/api/v1/fund/summary`)).json()) as {
      totals: unknown;
      projects: number;
    };
    console.log(
      JSON.stringify(
        {
          lines: Number(lines),
          entries: Number(entries),
          accounts: Number(accounts),
          projects: body.projects,
          unbalancedEntries: unbalanced.length,
          reconcileMismatches: recon.mismatches.length,
          reconcileMs: checkMs,
          uncachedMs: uncached,
          cachedMs: cached,
          totals: body.totals,
        },
        null,
        2,
      ),
    );
    if (uncached.p50 >= 200) process.exitCode = 1;
  } finally {
    await sys.close();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
