import { PartnerMatchingService, SimilarService } from '@cbm/hub';
import { bearer, startTestSystem, TestSystem, TestUser } from '../support/test-system';

/**
 * Hub read paths on a loaded database: GET /requests/{id}, the triage queue, partner
 * matching against every organisation, similar requests. Prints p50/p95 per path; asserts
 * only the brief's budgets for matching and similar (100 ms at p50), loosely, because the
 * machine is shared. BENCH_REQUESTS sets the size (default 20,000).
 */
const N = Number(process.env.BENCH_REQUESTS ?? 20000);
const WORDS = [
  'labour',
  'migration',
  'reintegration',
  'returnees',
  'recruitment',
  'fees',
  'data',
  'survey',
  'remittances',
  'diaspora',
  'border',
  'children',
  'registration',
  'consular',
  'protection',
  'trafficking',
  'smuggling',
  'skills',
  'recognition',
  'climate',
  'displacement',
  'integration',
  'health',
  'women',
  'domestic',
  'workers',
  'seasonal',
  'agriculture',
  'detention',
  'alternatives',
];
const COUNTRIES = [
  'KEN',
  'MEX',
  'PHL',
  'NGA',
  'ETH',
  'GTM',
  'HND',
  'BGD',
  'NPL',
  'IDN',
  'MAR',
  'SEN',
  'GHA',
  'COL',
  'ECU',
  'LKA',
  'PAK',
  'EGY',
  'TUN',
  'UGA',
];
const STATUSES = [
  'submitted',
  'in_triage',
  'in_assessment',
  'matching',
  'setup',
  'in_implementation',
  'completed',
  'closed',
  'declined',
];

async function time(label: string, n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint();
    await fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((a, b) => a - b);
  const r = { p50: t[Math.floor(n * 0.5)], p95: t[Math.floor(n * 0.95)] };
  process.stdout.write(
    `${label.padEnd(48)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms\n`,
  );
  return r;
}

describe(`hub read paths with ${N} requests`, () => {
  let sys: TestSystem;
  let hub: TestUser, kenya: TestUser;
  let target: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    [hub, kenya] = await Promise.all([sys.user('hub_officer'), sys.user('focal_point', { countryCode: 'KEN' })]);
    // fixture rows straight in SQL: the services would take minutes for this many
    await sys.db.dataSource.query(
      `INSERT INTO support_request (id, reference, country_code, status, title, summary, expected_results, objectives, support_types, created_by_id, status_changed_at, version, created_at, updated_at, due_at, triage_due_at)
       SELECT gen_random_uuid(), 'BENCH-' || g, ($1::text[])[1 + g % 20], ($2::text[])[1 + g % 9],
              initcap(w1) || ' and ' || w2 || ' for ' || w3 || ' ' || w4,
              'Support for ' || w2 || ' ' || w3 || ' of ' || w4 || ' in ' || w5 || ' regions; ' || w1 || ' ' || w5 || ' programme.', '',
              ARRAY[1 + g % 23, 1 + (g * 7) % 23], ARRAY['technical_assistance'], $3, now(), 1, now(), now(),
              now() + ((g % 40) - 10) * interval '1 day', now() + ((g % 40) - 10) * interval '1 day'
         FROM generate_series(1, $4::int) g,
              LATERAL (SELECT ($5::text[])[1 + (g * 3) % 30] w1, ($5::text[])[1 + (g * 7) % 30] w2, ($5::text[])[1 + (g * 11) % 30] w3, ($5::text[])[1 + (g * 13) % 30] w4, ($5::text[])[1 + (g * 17) % 30] w5) w`,
      [COUNTRIES, STATUSES, hub.id, N, WORDS],
    );
    await sys.db.dataSource.query(
      `UPDATE support_request SET search_vector = to_tsvector('english', title || ' ' || summary) WHERE search_vector IS NULL`,
    );
    await sys.db.dataSource.query('ANALYZE support_request');
    const r = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(kenya))
      .send({
        title: 'Reintegration of returning domestic workers',
        summary: 'Returnees from the Gulf lack referral to psychosocial and economic reintegration support.',
        expectedResults: 'x',
        objectives: [21, 6],
        supportTypes: ['technical_assistance'],
      })
      .expect(201);
    target = r.body.id;
    await sys.http().post(`/api/v1/requests/${target}/actions/submit`).set(bearer(kenya)).expect(200);
  }, 900000);
  afterAll(() => sys?.close());

  it('measures', async () => {
    const get = (path: string) => () => sys.http().get(`/api/v1${path}`).set(bearer(hub)).expect(200);
    await time('GET /requests/{id}', 200, get(`/requests/${target}`));
    await time('GET /requests?limit=50', 100, get('/requests?limit=50'));
    await time(
      'GET /requests?sort=due&limit=50 (triage queue)',
      100,
      get('/requests?sort=due&limit=50&status=submitted,in_triage'),
    );
    await time('GET /requests?overdue=true&objective=21', 100, get('/requests?overdue=true&objective=21&limit=50'));
    const match = await time('GET /requests/{id}/partner-matches', 100, get(`/requests/${target}/partner-matches`));
    const similar = await time(`GET /requests/{id}/similar (${N} requests)`, 100, get(`/requests/${target}/similar`));
    const actor = { id: hub.id, role: hub.role };
    const svc = await time('PartnerMatchingService.matches (in process)', 100, () =>
      sys.app.get(PartnerMatchingService).matches(actor, target),
    );
    await time('SimilarService.forRequest (in process)', 100, () =>
      sys.app.get(SimilarService).forRequest(actor, target),
    );
    process.stdout.write(
      `organisations ranked: ${(await sys.app.get(PartnerMatchingService).matches(actor, target)).items.length} of those with a profile\n`,
    );
    expect(svc.p50).toBeLessThan(100);
    expect(match.p50).toBeLessThan(100);
    expect(similar.p50).toBeLessThan(100);
  }, 900000);
});
