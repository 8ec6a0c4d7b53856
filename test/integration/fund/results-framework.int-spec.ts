import request from 'supertest';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { allocate, fund, key, usd } from './fund-fixtures';

/**
 * The results framework's rules through the API (issue 12, part 3): a plan's indicators are linked to
 * the request's own objectives; a report's actuals cite the plan's indicators and their sex breakdown
 * adds up (422 otherwise, nothing written); a `progress_report_accepted` tranche releases only on an
 * accepted report of the request, one report for one tranche; the public roll-up counts accepted
 * actuals only and carries no narrative or person.
 */
type Res = request.Response;

describe('results framework (hub and fund, through the API)', () => {
  let sys: TestSystem;
  let kenya: TestUser, hub: TestUser, fm: TestUser, sc: TestUser, iomOfficer: TestUser;
  let iom: string, requestId: string, otherRequestId: string, allocationId: string;

  const V = '/api/v1';
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    sys.db.dataSource.query(sql, params);
  const act = (u: TestUser, id: string, action: string) =>
    sys.http().post(`${V}/requests/${id}/actions/${action}`).set(bearer(u)).send({});
  const post = (u: TestUser, path: string, body: object = {}, idempotencyKey?: string) => {
    const r = sys.http().post(`${V}${path}`).set(bearer(u));
    return (idempotencyKey ? r.set('Idempotency-Key', idempotencyKey) : r).send(body);
  };
  const ok = async (p: Promise<Res> | request.Test, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const refused = async (p: Promise<Res> | request.Test) => {
    const r = await p;
    return [r.status, r.body.code];
  };
  const count = async (table: string) =>
    Number((await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  const indicator = (code: string, o: object = {}) => ({
    code,
    title: `indicator ${code}`,
    unit: 'returnees',
    measure: 'unit',
    baseline: { year: 2026, value: '0' },
    target: { value: '100' },
    meansOfVerification: 'registers',
    sexDisaggregated: false,
    objectives: [21],
    ...o,
  });
  const framework = (...indicators: object[]) => [
    { code: 'OC1', title: 'Returnees reintegrated', indicators, outputs: [] },
  ];
  const plan = (id: string, extra: object = {}) =>
    sys
      .http()
      .put(`${V}/requests/${id}/implementation-plan`)
      .set(bearer(hub))
      .send({
        organisations: [{ organisationId: iom, role: 'lead' }],
        milestones: [{ code: 'M1', title: 'Referral protocol adopted', dueDate: '2027-06-30' }],
        currency: 'USD',
        budget: [{ organisationId: iom, amount: '3000000' }],
        funding: [{ source: 'start_up_fund', amount: '3000000', status: 'requested' }],
        ...extra,
      });
  const report = (period: string, indicatorActuals: object[], extra: object = {}) =>
    post(iomOfficer, `/requests/${requestId}/reports`, {
      kind: 'progress',
      period,
      narrative: `confidential narrative of ${period}`,
      milestoneUpdates: [],
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      indicatorActuals,
      ...extra,
    });
  const release = (seq: number, evidenceRef: string) =>
    post(fm, `/fund/allocations/${allocationId}/tranches/${seq}/release`, { evidenceRef });

  /** A request of Kenya's (objectives 21 and 6) with IOM confirmed as lead: in set-up. */
  const requestInSetup = async (title: string) => {
    const r = await ok(
      post(kenya, '/requests', {
        title,
        summary: 'Returning workers lack referral pathways for psychosocial, economic and legal support.',
        expectedResults: 'A referral mechanism piloted in three counties.',
        objectives: [21, 6],
        supportTypes: ['technical_assistance', 'seed_funding'],
        estimatedBudget: { amount: '3000000', currency: 'USD' },
      }),
    );
    for (const a of ['submit', 'start_triage', 'start_assessment'])
      await ok(act(a === 'submit' ? kenya : hub, r.id, a), 200);
    const scores = Object.fromEntries(
      (await ok(sys.http().get(`${V}/reference/assessment-criteria`), 200)).map((c: { code: string }) => [c.code, 3]),
    );
    await ok(
      sys.http().put(`${V}/requests/${r.id}/assessment`).set(bearer(hub)).send({
        scores,
        genderMarker: 2,
        humanRightsMarker: 1,
        recommendation: 'proceed',
        rationale: 'Feasible with IOM in the lead.',
        conflictOfInterest: false,
      }),
      200,
    );
    await ok(act(hub, r.id, 'approve'), 200);
    const inv = await ok(post(hub, `/requests/${r.id}/invitations`, { organisationId: iom, role: 'lead' }));
    await ok(post(iomOfficer, `/invitations/${inv.id}/accept`), 200);
    await ok(act(hub, r.id, 'confirm_partners'), 200);
    return r.id as string;
  };

  beforeAll(async () => {
    sys = await startTestSystem();
    iom = await sys.organisationId('IOM');
    [kenya, hub, fm, sc, iomOfficer] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('hub_officer'),
      sys.user('fund_manager'),
      sys.user('steering_committee'),
      sys.user('partner_officer', { organisationId: iom }),
    ]);
    await fund(sys, fm, { contributorId: await sys.organisationId('SWE'), amount: 10_000_000 });
    requestId = await requestInSetup('Results rules');
    otherRequestId = await requestInSetup('Another request');
  }, 300_000);
  afterAll(async () => {
    await sys?.close();
  });

  it("refuses indicators linked to objectives that are not the request's, and breakdowns of plain indicators", async () => {
    expect(await refused(plan(requestId, { results: framework(indicator('A', { objectives: [21, 3] })) }))).toEqual([
      422,
      'REQUEST_RESULTS_INVALID',
    ]);
    const plain = indicator('A', { target: { value: '10', female: '5', male: '5' } });
    expect(await refused(plan(requestId, { results: framework(plain) }))).toEqual([422, 'REQUEST_RESULTS_INVALID']);
    expect(await count(`implementation_plan WHERE request_id = '${requestId}'`)).toBe(0);
  });

  it('keeps a plan without results as before, and versions the one with them', async () => {
    const v1 = await ok(plan(requestId), 200);
    expect(v1).toMatchObject({ version: 1, results: [] });
    const results = framework(
      indicator('A', {
        sexDisaggregated: true,
        target: { value: '100', female: '60', male: '40' },
        objectives: [21, 6],
      }),
      indicator('B', { measure: 'percentage', unit: 'desks', target: { value: '80' } }),
    );
    expect(await refused(plan(requestId, { results, version: 7 }))).toEqual([409, 'REQUEST_STALE_VERSION']);
    const v2 = await ok(plan(requestId, { results, version: 1 }), 200);
    expect(v2.version).toBe(2);
    expect(v2.results[0].indicators[0]).toMatchObject({
      code: 'A',
      objectives: [6, 21],
      target: { value: '100', female: '60', male: '40', other: null },
      baseline: { year: 2026, value: '0', female: null, male: null, other: null },
    });
    expect(
      (await ok(sys.http().get(`${V}/requests/${requestId}/implementation-plan`).set(bearer(kenya)), 200)).results,
    ).toEqual(v2.results);
  });

  it('funds the request with two tranches that wait for accepted reports', async () => {
    allocationId = await allocate(sys, { hub, fm, sc }, requestId, 3_000_000, [
      { amount: 1_000_000, condition: 'on_approval' },
      { amount: 1_000_000, condition: 'progress_report_accepted' },
      { amount: 1_000_000, condition: 'progress_report_accepted' },
    ]);
    await ok(act(hub, requestId, 'start_implementation'), 200);
    await ok(post(fm, '/fund/transfers', { allocationId, organisationId: iom, amount: usd(1_000_000) }, key()));
    await ok(
      post(iomOfficer, '/fund/expenditures', { allocationId, periodEnd: '2026-09-30', amount: usd(1_000_000) }, key()),
    );
  });

  it('refuses actuals of an indicator the plan does not have, and breakdowns that do not add up', async () => {
    const before = await count('request_report');
    expect(await refused(report('2026-Q3', [{ code: 'Z', value: '3' }]))).toEqual([422, 'REQUEST_RESULTS_INVALID']);
    expect(await refused(report('2026-Q3', [{ code: 'A', value: '30', female: '20', male: '9' }]))).toEqual([
      422,
      'REQUEST_RESULTS_INVALID',
    ]);
    expect(await refused(report('2026-Q3', [{ code: 'B', value: '30', female: '30' }]))).toEqual([
      422,
      'REQUEST_RESULTS_INVALID',
    ]);
    expect(await refused(report('2026-Q3', [{ code: 'A', value: '3' }], { periodStart: undefined }))).toEqual([
      422,
      'REQUEST_RESULTS_INVALID',
    ]);
    expect(await refused(report('2026-Q3', [], { expenditure: [{ category: 'catering', amount: '100' }] }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await count('request_report')).toBe(before);
  });

  it('releases a tranche only on an accepted report of the request, one report for one tranche', async () => {
    const returned = await ok(report('2026-Q3', [{ code: 'A', value: '30', female: '20', male: '10' }]));
    await ok(post(hub, `/requests/${requestId}/reports/${returned.id}/return`, { reason: 'figures unverified' }), 200);
    expect(await refused(release(2, returned.id))).toEqual([422, 'FUND_REPORT_NOT_ACCEPTED']);
    expect(await refused(release(2, 'site visit of 3 October'))).toEqual([422, 'FUND_REPORT_NOT_ACCEPTED']);

    const accepted = await ok(
      report(
        '2026-Q3',
        [
          { code: 'A', value: '30', female: '20', male: '10' },
          { code: 'B', value: '40' },
        ],
        {
          expenditure: [
            { category: 'staff', amount: '600000' },
            { category: 'travel', amount: '400000' },
          ],
        },
      ),
    );
    expect(accepted).toMatchObject({
      currency: 'USD',
      expenditure: [
        { category: 'staff', amount: '600000' },
        { category: 'travel', amount: '400000' },
      ],
    });
    // a report of another request is no evidence for this one
    await ok(plan(otherRequestId), 200);
    expect(await refused(release(2, accepted.id))).toEqual([422, 'FUND_REPORT_NOT_ACCEPTED']);
    await ok(post(hub, `/requests/${requestId}/reports/${accepted.id}/accept`, { reason: 'verified' }), 200);
    const tranches = async () =>
      (await ok(sys.http().get(`${V}/fund/allocations/${allocationId}`).set(bearer(fm)), 200)).tranches;
    const before = await tranches();
    const done = await ok(release(2, accepted.id.toUpperCase()), 200);
    expect(done.tranches[1]).toMatchObject({ seq: 2, evidenceRef: accepted.id });
    // the same report again, for the third tranche: refused, nothing written
    const again = await release(3, accepted.id);
    expect([again.status, again.body.code, again.body.trancheSeq]).toEqual([422, 'FUND_REPORT_ALREADY_USED', 2]);
    expect((await tranches())[2]).toEqual(before[2]);
    expect(await refused(release(3, returned.id))).toEqual([422, 'FUND_REPORT_NOT_ACCEPTED']);
  });

  it('publishes accepted actuals only, without narrative or person, to anyone', async () => {
    // a second report, submitted and not yet accepted: its figures are not public
    await ok(
      report('2026-Q4', [{ code: 'A', value: '55', female: '30', male: '25' }], {
        periodStart: '2026-10-01',
        periodEnd: '2026-12-31',
      }),
    );
    const r = await sys.http().get(`${V}/fund/results`).query({ by: 'objective', objective: 6 }).expect(200);
    expect(r.text).not.toMatch(/narrative|figures unverified|verified|submittedBy|reviewedBy/);
    for (const u of [iomOfficer, hub]) expect(r.text).not.toContain(u.id);
    expect(r.body.groups.map((g: { key: string }) => g.key)).toEqual(['6']);
    const [project] = r.body.groups[0].items;
    expect(project.indicators).toEqual([
      expect.objectContaining({ code: 'A', latestActual: expect.objectContaining({ value: '30', period: '2026-Q3' }) }),
    ]);
    expect(r.body.groups[0].totals).toEqual([
      { unit: 'returnees', indicators: 1, target: '100', actual: '30', female: '20', male: '10' },
    ]);
    // the request's own view shows the submitted actual too, to those who read the request
    const mine = await ok(sys.http().get(`${V}/requests/${requestId}/results`).set(bearer(kenya)), 200);
    const a = mine.indicators.find((i: { code: string }) => i.code === 'A');
    expect(a.actuals.map((x: { status: string; value: string }) => [x.status, x.value])).toEqual([
      ['accepted', '30'],
      ['submitted', '55'],
    ]);
    expect(a.latestAccepted.value).toBe('30');
    expect((await sys.http().get(`${V}/fund/results`).query({ by: 'everything' })).status).toBe(400);
  });
});
