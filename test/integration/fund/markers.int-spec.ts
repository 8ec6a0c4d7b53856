import request from 'supertest';
import { HubPublicService } from '@cbm/hub';
import { BACKFILL_ALLOCATION_MARKERS } from '../../../migrations/1796689976174-assessment-markers-in-fund';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { activityRuleErrors, all, attr, first, parse, policyMarkerErrors, xsdErrors } from '../../support/iati';
import { fund, key, usd } from './fund-fixtures';

/**
 * The assessment's markers used by the fund, through the API: three requests assessed with different gender,
 * human-rights and child-sensitivity markers are funded, transferred to and partly spent; the fund's figures
 * give allocations and expenditure by marker value and narrow to a marker on request (the summary, the projects,
 * the allocation list), the IATI file publishes the three policy markers, and a gender marker claiming a
 * principal objective without a sex-disaggregated indicator is flagged on the allocation and its brief.
 */
type Res = request.Response;
type Money = { amount: string; currency: string };
type MarkerRow = {
  value: number | null;
  projects: number;
  allocations: Money;
  transfers: Money;
  expenditure: Money;
  deliveryRate: string | null;
};
const FLAG = 'GENDER_PRINCIPAL_WITHOUT_SEX_DISAGGREGATED_INDICATOR';

describe('markers in the fund figures, filters, IATI and flags (through the API)', () => {
  let sys: TestSystem;
  let kenya: TestUser, hub: TestUser, fm: TestUser, sc: TestUser, iomOfficer: TestUser;
  let iom: string;
  const allocations: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const requests: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  const act = (u: TestUser, id: string, action: string, body: Record<string, unknown> = {}) =>
    sys.http().post(`/api/v1/requests/${id}/actions/${action}`).set(bearer(u)).send(body);
  const post = (u: TestUser, path: string, body: object, idempotencyKey?: string) => {
    const r = sys.http().post(`/api/v1${path}`).set(bearer(u));
    return (idempotencyKey ? r.set('Idempotency-Key', idempotencyKey) : r).send(body);
  };
  const ok = async (p: Promise<Res> | request.Test, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const get = (path: string, u?: TestUser) => {
    const r = sys.http().get(`/api/v1${path}`);
    return ok(u ? r.set(bearer(u)) : r, 200);
  };
  const putAssessment = async (requestId: string, markers: Record<string, unknown>) => {
    const scores = Object.fromEntries(
      (await get('/reference/assessment-criteria')).map((c: { code: string }) => [c.code, 3]),
    );
    return sys
      .http()
      .put(`/api/v1/requests/${requestId}/assessment`)
      .set(bearer(hub))
      .send({ scores, recommendation: 'proceed', rationale: 'Feasible.', conflictOfInterest: false, ...markers });
  };

  /** A request of Kenya's assessed with these markers, approved, IOM its lead, funded and in implementation. */
  const funded = async (title: string, markers: Record<string, unknown>, amount: number) => {
    const r = await ok(
      post(kenya, '/requests', {
        title,
        summary: 'Returning workers lack referral pathways for psychosocial, economic and legal support.',
        expectedResults: 'A referral mechanism piloted in three counties.',
        objectives: [21],
        supportTypes: ['seed_funding'],
        estimatedBudget: { amount: String(amount), currency: 'USD' },
      }),
    );
    await ok(act(kenya, r.id, 'submit'), 200);
    await ok(act(hub, r.id, 'start_triage'), 200);
    await ok(act(hub, r.id, 'start_assessment'), 200);
    await ok(putAssessment(r.id, markers), 200);
    await ok(act(hub, r.id, 'approve'), 200);
    const inv = await ok(post(hub, `/requests/${r.id}/invitations`, { organisationId: iom, role: 'lead' }));
    await ok(post(iomOfficer, `/invitations/${inv.id}/accept`, {}), 200);
    await ok(act(hub, r.id, 'confirm_partners'), 200);
    const app = await ok(post(hub, '/fund/applications', { requestId: r.id, amount: usd(amount), justification: 'x' }));
    const a = await ok(
      post(fm, '/fund/allocations', {
        applicationId: app.id,
        amount: usd(amount),
        tranches: [{ amount: usd(amount), condition: 'on_approval' }],
      }),
    );
    await ok(post(sc, `/fund/allocations/${a.id}/approve`, { decisionRef: 'SC-2027-07' }), 200);
    await ok(
      sys
        .http()
        .put(`/api/v1/requests/${r.id}/implementation-plan`)
        .set(bearer(hub))
        .send({
          organisations: [{ organisationId: iom, role: 'lead', responsibilities: 'Referral mechanism' }],
          stakeholders: [],
          milestones: [{ code: 'M1', title: 'Protocol adopted', dueDate: '2027-06-30' }],
          currency: 'USD',
          budget: [{ organisationId: iom, amount: String(amount) }],
          funding: [{ source: 'start_up_fund', amount: String(amount), status: 'requested' }],
          reportDueDates: [],
        }),
      200,
    );
    await ok(act(hub, r.id, 'start_implementation'), 200);
    return { requestId: r.id as string, allocationId: a.id as string };
  };
  const transfer = (allocationId: string, amount: number) =>
    ok(post(fm, '/fund/transfers', { allocationId, organisationId: iom, amount: usd(amount) }, key()));
  const spend = (allocationId: string, amount: number) =>
    ok(post(iomOfficer, '/fund/expenditures', { allocationId, periodEnd: '2027-06-30', amount: usd(amount) }, key()));
  const row = (rows: MarkerRow[], value: number | null) => rows.find((r) => r.value === value)!;
  const figures = (r: MarkerRow) => [r.projects, r.allocations.amount, r.transfers.amount, r.expenditure.amount];

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
    await fund(sys, fm, { contributorId: await sys.organisationId('SWE'), amount: 20_000_000 });
    // A: gender principal (3), human rights 2, child 3; B: 2, 1, child not scored; C: 0, 2, child 1
    const a = await funded(
      'Gender-responsive reintegration',
      { genderMarker: 3, humanRightsMarker: 2, childSensitivityMarker: 3 },
      5_000_000,
    );
    const b = await funded('Labour migration data', { genderMarker: 2, humanRightsMarker: 1 }, 3_000_000);
    const c = await funded(
      'Consular protection desk',
      { genderMarker: 0, humanRightsMarker: 2, childSensitivityMarker: 1 },
      2_000_000,
    );
    [requests.a, requests.b, requests.c] = [a.requestId, b.requestId, c.requestId];
    [allocations.a, allocations.b, allocations.c] = [a.allocationId, b.allocationId, c.allocationId];
    await transfer(allocations.a, 4_000_000);
    await spend(allocations.a, 1_500_000);
    await transfer(allocations.b, 1_000_000);
    await spend(allocations.b, 1_000_000);
    await transfer(allocations.c, 2_000_000);
  });
  afterAll(() => sys?.close());

  it('records the child-sensitivity marker on the assessment (optional: null when omitted), 0-3 only', async () => {
    const a = await get(`/requests/${requests.a}/assessment`, hub);
    expect(a.current).toMatchObject({ genderMarker: 3, humanRightsMarker: 2, childSensitivityMarker: 3 });
    const b = await get(`/requests/${requests.b}/assessment`, hub);
    expect(b.current.childSensitivityMarker).toBeNull();
    // the request is past assessment: a bad marker is refused by validation before anything else
    for (const bad of [4, -1, 1.5, '2'])
      expect(
        (await putAssessment(requests.a, { genderMarker: 3, humanRightsMarker: 2, childSensitivityMarker: bad }))
          .status,
      ).toBe(400);
  });

  it('copies the markers onto the allocation and flags a gender principal objective without a sex-disaggregated indicator', async () => {
    const a = await get(`/fund/allocations/${allocations.a}`, fm);
    expect(a.markers).toEqual({ genderMarker: 3, humanRightsMarker: 2, childSensitivityMarker: 3 });
    expect(a.flags.map((f: { code: string }) => f.code)).toEqual([FLAG]);
    const b = await get(`/fund/allocations/${allocations.b}`, fm);
    expect(b.markers).toEqual({ genderMarker: 2, humanRightsMarker: 1, childSensitivityMarker: null });
    expect(b.flags).toEqual([]);
    const brief = await get(`/fund/allocations/${allocations.a}/brief`, sc);
    expect(brief.assessment).toMatchObject({ genderMarker: 3, childSensitivityMarker: 3 });
    expect(brief.flags.map((f: { code: string }) => f.code)).toEqual([FLAG]);
  });

  it("fills existing allocations' markers in the migration as approval copies them", async () => {
    const q = (sql: string) => sys.db.dataSource.query(sql);
    const read = () =>
      q(`SELECT id, gender_marker, human_rights_marker FROM fund_allocation ORDER BY id`) as Promise<object[]>;
    const copied = await read();
    expect(copied).toHaveLength(3);
    await q(`UPDATE fund_allocation SET gender_marker = NULL, human_rights_marker = NULL`);
    await q(BACKFILL_ALLOCATION_MARKERS);
    expect(await read()).toEqual(copied);
  });

  it('drops the flag once the results framework has a sex-disaggregated indicator', async () => {
    const hubPublic = sys.app.get(HubPublicService);
    const original = hubPublic.resultIndicators.bind(hubPublic);
    hubPublic.resultIndicators = async (ids) =>
      new Map(ids.map((id) => [id, [{ code: 'OC1.1', title: 'Women referred', sexDisaggregated: id === requests.a }]]));
    try {
      expect((await get(`/fund/allocations/${allocations.a}`, fm)).flags).toEqual([]);
      expect((await get(`/fund/allocations/${allocations.a}/brief`, sc)).flags).toEqual([]);
      const list = (await get('/fund/allocations?genderMarker=3', fm)).items;
      expect(list.map((x: { id: string; flags: unknown[] }) => [x.id, x.flags])).toEqual([[allocations.a, []]]);
    } finally {
      hubPublic.resultIndicators = original;
    }
  });

  it('gives allocations, transfers and expenditure by each marker value; every value listed, totals add up', async () => {
    const s = await get('/fund/summary');
    expect(s.filter).toEqual({ genderMarker: null, humanRightsMarker: null, childSensitivityMarker: null });
    const g = s.byMarker.gender as MarkerRow[];
    expect(g.map((r) => r.value)).toEqual([0, 1, 2, 3, null]);
    expect(figures(row(g, 3))).toEqual([1, '5000000', '4000000', '1500000']);
    expect(figures(row(g, 2))).toEqual([1, '3000000', '1000000', '1000000']);
    expect(figures(row(g, 0))).toEqual([1, '2000000', '2000000', '0']);
    expect(figures(row(g, 1))).toEqual([0, '0', '0', '0']);
    expect(row(g, 3).deliveryRate).toBe('0.3750');
    const hr = s.byMarker.humanRights as MarkerRow[];
    expect(figures(row(hr, 2))).toEqual([2, '7000000', '6000000', '1500000']);
    const child = s.byMarker.childSensitivity as MarkerRow[];
    expect(figures(row(child, null))).toEqual([1, '3000000', '1000000', '1000000']);
    expect(figures(row(child, 1))).toEqual([1, '2000000', '2000000', '0']);
    for (const rows of [g, hr, child] as MarkerRow[][])
      for (const k of ['allocations', 'transfers', 'expenditure'] as const)
        expect(rows.reduce((t, r) => t + BigInt(r[k].amount), 0n).toString()).toBe(s.totals[k].amount);
  });

  it('narrows the summary, the projects and the allocation list to a marker value', async () => {
    const whole = await get('/fund/summary');
    const s = await get('/fund/summary?genderMarker=3');
    expect(s.filter).toEqual({ genderMarker: 3, humanRightsMarker: null, childSensitivityMarker: null });
    expect([s.projects, s.totals.allocations.amount, s.totals.transfers.amount, s.totals.expenditure.amount]).toEqual([
      1,
      '5000000',
      '4000000',
      '1500000',
    ]);
    expect(s.byOrganisation).toMatchObject([
      { organisationId: iom, transfers: usd(4_000_000), expenditure: usd(1_500_000) },
    ]);
    expect(s.byCountry).toMatchObject([{ countryCode: 'KEN', allocations: usd(5_000_000) }]);
    // the money in is the whole fund's
    for (const k of ['deposits', 'adminFees', 'netFunded', 'unallocated']) expect(s.totals[k]).toEqual(whole.totals[k]);
    const both = await get('/fund/summary?humanRightsMarker=2&childSensitivityMarker=1');
    expect([both.projects, both.totals.allocations.amount]).toEqual([1, '2000000']);
    expect((await get('/fund/summary?genderMarker=1')).projects).toBe(0);

    const projects = (await get('/fund/projects?humanRightsMarker=2&limit=1')).items;
    expect(projects).toHaveLength(1);
    const page2 = await get(
      `/fund/projects?humanRightsMarker=2&limit=1&cursor=${encodeURIComponent(
        (await get('/fund/projects?humanRightsMarker=2&limit=1')).nextCursor,
      )}`,
    );
    const ids = [...projects, ...page2.items].map((p: { allocationId: string }) => p.allocationId).sort();
    expect(ids).toEqual([allocations.a, allocations.c].sort());
    expect(page2.nextCursor).toBeNull();
    expect(projects[0].markers).toEqual(
      projects[0].allocationId === allocations.a
        ? { genderMarker: 3, humanRightsMarker: 2, childSensitivityMarker: 3 }
        : { genderMarker: 0, humanRightsMarker: 2, childSensitivityMarker: 1 },
    );

    const list = (await get('/fund/allocations?childSensitivityMarker=3', fm)).items;
    expect(list.map((x: { id: string }) => x.id)).toEqual([allocations.a]);
    expect(
      (await get('/fund/allocations?genderMarker=2&humanRightsMarker=1', fm)).items.map((x: { id: string }) => x.id),
    ).toEqual([allocations.b]);
  });

  it('refuses a marker filter that is not 0-3 (400 problem+json)', async () => {
    for (const q of [
      'genderMarker=4',
      'genderMarker=abc',
      'genderMarker=',
      'childSensitivityMarker=1.0',
      'humanRightsMarker=-1',
      'genderMarker=1&genderMarker=2',
    ]) {
      for (const path of [`/fund/summary?${q}`, `/fund/projects?${q}`]) {
        const r = await sys.http().get(`/api/v1${path}`);
        expect([path, r.status]).toEqual([path, 400]);
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect((await sys.http().get(`/api/v1/fund/allocations?${q}`).set(bearer(fm))).status).toBe(400);
    }
  });

  it('publishes the three markers as IATI policy markers, valid against the schema and the codelists', async () => {
    const xml = (await sys.http().get('/api/v1/open/iati/activities.xml').expect(200)).text;
    expect(await xsdErrors(xml, 'activities')).toEqual([]);
    const today = sys.clock.now().toISOString().slice(0, 10);
    expect(activityRuleErrors(xml, { reportingOrgRef: sys.config.iatiReportingOrg.ref, today })).toEqual([]);
    const markers = (reference: string) => {
      const act = all(parse(xml), 'iati-activity').find((x) =>
        (first(x, 'iati-identifier').textContent ?? '').endsWith(reference),
      )!;
      return all(act, 'policy-marker').map((m) => [
        attr(m, 'vocabulary'),
        attr(m, 'code'),
        attr(m, 'significance'),
        all(m, 'narrative').length,
      ]);
    };
    const ref = async (id: string) => (await get(`/requests/${id}`, hub)).reference as string;
    // 3 → principal (2), 2 → significant (1), 1 and 0 → not targeted (0); a narrative only in vocabulary 99
    expect(markers(await ref(requests.a))).toEqual([
      ['1', '1', '2', 0],
      ['99', 'HRM', '1', 1],
      ['99', 'CSM', '2', 1],
    ]);
    expect(markers(await ref(requests.b))).toEqual([
      ['1', '1', '1', 0],
      ['99', 'HRM', '0', 1],
    ]);
    expect(markers(await ref(requests.c))).toEqual([
      ['1', '1', '0', 0],
      ['99', 'HRM', '1', 1],
      ['99', 'CSM', '0', 1],
    ]);
    expect(xml).toContain('Child sensitivity');
    // the rules the file passes do catch what they are for
    const bad = `<iati-activity><iati-identifier>X</iati-identifier>
      <policy-marker vocabulary="1" code="1" significance="3"><narrative>n</narrative></policy-marker>
      <policy-marker vocabulary="99" code="CSM" significance="5"/><policy-marker vocabulary="1" code="13"/></iati-activity>`;
    expect(policyMarkerErrors(first(parse(bad), 'iati-activity'))).toEqual([
      'policy-marker 1/1: significance 3 is for the desertification marker only',
      'policy-marker 1/1: a narrative only with vocabulary 99',
      'policy-marker 99/CSM: significance 5 not in PolicySignificance',
      "policy-marker 99/CSM: a marker of the reporting organisation's vocabulary needs a code and a narrative",
      'policy-marker 1/13: code not in PolicyMarker',
      'policy-marker 1/13: significance is required with vocabulary 1',
    ]);
  });
});
