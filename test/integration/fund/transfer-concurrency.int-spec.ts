import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { allocate, fund, key, stubRequests, usd } from './fund-fixtures';

/**
 * 20 simultaneous transfers that together ask for more than the allocation: the row lock on the
 * allocation queues them, so exactly the allocation is transferred and the rest are refused.
 * Meaningful on a real PostgreSQL server (DATABASE_URL); embedded it runs serially anyway.
 */
describe('transfers under concurrency', () => {
  let sys: TestSystem;
  let fm: TestUser;

  beforeAll(async () => {
    sys = await startTestSystem({ dbPoolSize: 25 });
    fm = await sys.user('fund_manager');
  }, 180_000);
  afterAll(() => sys?.close());

  it('leaves the allocation exactly used, never over', async () => {
    const requests = stubRequests(sys);
    const [swe, iom] = await Promise.all([sys.organisationId('SWE'), sys.organisationId('IOM')]);
    const hub = await sys.user('hub_officer');
    const sc = await sys.user('steering_committee');
    await fund(sys, fm, { contributorId: swe, amount: 50_000_000 });
    const r = requests.add({ organisationIds: [iom], leadOrganisationId: iom });
    const allocationId = await allocate(sys, { hub, fm, sc }, r.id, 1_000_000);

    // 20 × 70,000 = 1,400,000 asked for against 1,000,000: 14 fit exactly
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        sys
          .http()
          .post('/api/v1/fund/transfers')
          .set(bearer(fm))
          .set('Idempotency-Key', key())
          .send({ allocationId, organisationId: iom, amount: usd(70_000) }),
      ),
    );
    const statuses = results.map((x) => x.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(14);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 422)).toBe(true);
    // the last 20,000 still fits; one more cent does not
    expect(
      (
        await sys
          .http()
          .post('/api/v1/fund/transfers')
          .set(bearer(fm))
          .set('Idempotency-Key', key())
          .send({ allocationId, organisationId: iom, amount: usd(20_001) })
      ).status,
    ).toBe(422);
    expect(
      (
        await sys
          .http()
          .post('/api/v1/fund/transfers')
          .set(bearer(fm))
          .set('Idempotency-Key', key())
          .send({ allocationId, organisationId: iom, amount: usd(20_000) })
      ).status,
    ).toBe(201);

    const a = await sys.http().get(`/api/v1/fund/allocations/${allocationId}`).set(bearer(fm));
    expect(a.body.transferred).toEqual(usd(1_000_000));
    const [{ sum }] = await sys.db.dataSource.query(
      `SELECT SUM("amount")::text AS "sum" FROM "journal_line" WHERE "kind" = 'transfer' AND "allocation_id" = $1`,
      [allocationId],
    );
    expect(sum).toBe('1000000');
  }, 180_000);

  it('answers a concurrent duplicate with one effect', async () => {
    const swe = await sys.organisationId('SWE');
    const c = await sys
      .http()
      .post('/api/v1/fund/contributions')
      .set(bearer(fm))
      .send({ contributorId: swe, pledgedAt: '2026-01-10', amount: usd(500), earmark: { type: 'none' } });
    const k = key();
    const body = { receivedAt: '2026-02-01', amount: usd(500), usdAmount: usd(500) };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        sys
          .http()
          .post(`/api/v1/fund/contributions/${c.body.id}/deposits`)
          .set(bearer(fm))
          .set('Idempotency-Key', k)
          .send(body),
      ),
    );
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(results.some((r) => r.status === 201)).toBe(true);
    const got = await sys.http().get(`/api/v1/fund/contributions/${c.body.id}`).set(bearer(fm));
    expect(got.body.deposits).toHaveLength(1);
    expect(got.body.deposited).toEqual(usd(500));
  });
});
