import { createHash } from 'node:crypto';
import request from 'supertest';
import {
  activityRuleErrors,
  all,
  attr,
  first,
  organisationRuleErrors,
  parse,
  sumMinor,
  xsdErrors,
} from '../../support/iati';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { fund, key, usd } from './fund-fixtures';

/**
 * Issue 12's "done when", as one journey through the API: a request of Kenya's is funded from a pooled
 * and an earmarked contribution by a committee decision taken at a meeting (the decision cites the
 * pack's SHA-256), the donor's statement is taken as of just after approval, a no-cost extension is
 * approved, money is transferred, two progress reports are accepted, part of it is spent, the partner
 * returns part of the unspent balance (idempotently) and then the rest, the final report is accepted,
 * the project is closed operationally and financially, and the request closed. Then the books
 * reconcile to the cent, the sources got back exactly what was not spent, the early statement is the
 * same byte for byte, the pack's bytes still match the decision, and both IATI files validate against
 * the 2.03 schemas. The numbers of each check are collected in `results` and printed at the end.
 */
type Res = request.Response;

describe('a fund journey: application to financial closure (issue 12, done when)', () => {
  let sys: TestSystem;
  let kenya: TestUser, hub: TestUser, fm: TestUser, sc: TestUser, iomOfficer: TestUser, donor: TestUser;
  let iom: string, swe: string, earmarked: string, requestId: string, allocationId: string;
  let packSha256: string, meetingId: string;
  let early: { asOf: string; text: string; sha256: string };
  const today = new Date().toISOString().slice(0, 10);
  const results: Record<string, unknown> = {};

  const V = '/api/v1';
  const get = (u: TestUser, path: string) => sys.http().get(`${V}${path}`).set(bearer(u));
  const post = (u: TestUser, path: string, body: object = {}, idempotencyKey?: string) => {
    const r = sys.http().post(`${V}${path}`).set(bearer(u));
    return (idempotencyKey ? r.set('Idempotency-Key', idempotencyKey) : r).send(body);
  };
  const act = (u: TestUser, action: string) => post(u, `/requests/${requestId}/actions/${action}`);
  const ok = async (p: Promise<Res> | request.Test, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const pdf = (u: TestUser, path: string) =>
    get(u, path)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
  /** Balance of one account, in cents (read back to check what the API did). */
  const balance = async (accountKey: string) =>
    BigInt(
      (
        await sys.db.dataSource.query(
          `SELECT balance::text AS b FROM fund_balance WHERE account_key = $1 AND currency = 'USD'`,
          [accountKey],
        )
      )[0]?.b ?? '0',
    );
  const earmark = () => balance(`cash_earmarked:${earmarked}`);
  const pool = () => balance('cash_pool');
  const statement = (asOf?: string) => {
    const r = get(donor, `/fund/statements/donors/${swe}`);
    return asOf ? r.query({ asOf }) : r;
  };
  const report = (kind: 'progress' | 'final', period: string, extra: object = {}) =>
    ok(
      post(iomOfficer, `/requests/${requestId}/reports`, {
        kind,
        period,
        narrative: `${kind} report for ${period}`,
        milestoneUpdates: [{ code: 'M1', status: kind === 'final' ? 'done' : 'in_progress' }],
        ...(kind === 'final' ? { lessonsLearned: 'County desks need their own budget line.' } : {}),
        ...extra,
      }),
    );
  // the plan's results framework: an outcome (sex-disaggregated count) and an output (a percentage)
  const indicator = (code: string, o: object) => ({
    code,
    title: `indicator ${code}`,
    unit: 'returnees',
    measure: 'unit',
    baseline: { year: 2026, value: '0' },
    target: { value: '400' },
    meansOfVerification: 'county referral registers',
    sexDisaggregated: false,
    objectives: [21],
    ...o,
  });
  const framework = [
    {
      code: 'OC1',
      title: 'Returning migrant workers are reintegrated sustainably',
      indicators: [
        indicator('OC1.1', {
          title: 'Returnees with an income twelve months after return',
          sexDisaggregated: true,
          baseline: { year: 2026, value: '0', female: '0', male: '0' },
          target: { value: '400', female: '200', male: '200' },
        }),
      ],
      outputs: [
        {
          code: 'OP1.1',
          title: 'County referral desks operate',
          indicators: [
            indicator('OP1.1a', {
              title: 'County desks referring returnees',
              unit: 'county desks',
              measure: 'percentage',
              target: { value: '80' },
              objectives: [6, 21],
            }),
          ],
        },
      ],
    },
  ];
  // cumulative actuals of the two progress reports, with their periods
  const actuals = {
    '2026-Q3': {
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      indicatorActuals: [
        { code: 'OC1.1', value: '60', female: '35', male: '25' },
        { code: 'OP1.1a', value: '25' },
      ],
      expenditure: [
        { category: 'staff', amount: '700000' },
        { category: 'travel', amount: '500000' },
      ],
    },
    '2026-Q4': {
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      indicatorActuals: [
        { code: 'OC1.1', value: '150', female: '80', male: '70' },
        { code: 'OP1.1a', value: '50' },
      ],
      expenditure: [
        { category: 'staff', amount: '500000' },
        { category: 'transfers_and_grants', amount: '300000' },
      ],
    },
  };
  const accept = async (reportId: string) =>
    ok(post(hub, `/requests/${requestId}/reports/${reportId}/accept`, { reason: 'Complete and verified' }), 200);

  beforeAll(async () => {
    sys = await startTestSystem({
      iatiReportingOrg: { ref: 'XM-DAC-41114', name: 'United Nations Development Programme', type: '40' },
    });
    [iom, swe] = await Promise.all([sys.organisationId('IOM'), sys.organisationId('SWE')]);
    [kenya, hub, fm, sc, iomOfficer, donor] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('hub_officer'),
      sys.user('fund_manager'),
      sys.user('steering_committee'),
      sys.user('partner_officer', { organisationId: iom }),
      sys.user('donor', { organisation: 'SWE' }),
    ]);
  }, 300_000);
  afterAll(async () => {
    console.log(`fund journey results:\n${JSON.stringify(results, null, 2)}`);
    await sys?.close();
  });

  it('1. funds the request by a committee decision whose pack hash matches the PDF', async () => {
    // 30,000.00 earmarked for objective 21 and 100,000.00 pooled; 1 % fee each: 29,700.00 and 99,000.00 in cash
    earmarked = await fund(sys, fm, {
      contributorId: swe,
      amount: 3_000_000,
      earmark: { type: 'objectives', objectives: [21] },
    });
    await fund(sys, fm, { contributorId: swe, amount: 10_000_000 });
    expect([await earmark(), await pool()]).toEqual([2_970_000n, 9_900_000n]);

    // the request: filed, assessed, approved by the hub, IOM confirmed as lead (set-up)
    const r = await ok(
      post(kenya, '/requests', {
        title: 'Reintegration support for returning migrant workers',
        summary: 'Returning workers lack referral pathways for psychosocial, economic and legal support.',
        expectedResults: 'A referral mechanism piloted in three counties.',
        objectives: [21, 6],
        supportTypes: ['technical_assistance', 'seed_funding'],
        estimatedBudget: { amount: '5000000', currency: 'USD' },
      }),
    );
    requestId = r.id;
    await ok(act(kenya, 'submit'), 200);
    await ok(act(hub, 'start_triage'), 200);
    await ok(act(hub, 'start_assessment'), 200);
    const criteria: { code: string }[] = await ok(sys.http().get(`${V}/reference/assessment-criteria`), 200);
    await ok(
      sys
        .http()
        .put(`${V}/requests/${requestId}/assessment`)
        .set(bearer(hub))
        .send({
          scores: Object.fromEntries(criteria.map((c) => [c.code, 3])),
          genderMarker: 2,
          humanRightsMarker: 2,
          recommendation: 'proceed',
          rationale: 'Feasible with IOM in the lead.',
          conflictOfInterest: false,
        }),
      200,
    );
    await ok(act(hub, 'approve'), 200);
    const inv = await ok(post(hub, `/requests/${requestId}/invitations`, { organisationId: iom, role: 'lead' }));
    await ok(post(iomOfficer, `/invitations/${inv.id}/accept`), 200);
    await ok(act(hub, 'confirm_partners'), 200);

    // the funding application and the fund manager's proposal
    const app = await ok(
      post(hub, '/fund/applications', { requestId, amount: usd(5_000_000), justification: 'seed funding' }),
    );
    const proposal = await ok(
      post(fm, '/fund/allocations', {
        applicationId: app.id,
        amount: usd(5_000_000),
        durationMonths: 12,
        tranches: [
          { amount: usd(2_000_000), condition: 'on_approval' },
          { amount: usd(3_000_000), condition: 'progress_report_accepted' },
        ],
      }),
    );
    allocationId = proposal.id;

    // a meeting with the proposal on its agenda, and its decision pack
    const meeting = await ok(
      post(fm, '/fund/meetings', { title: 'SC meeting 14', date: today, allocationIds: [allocationId] }),
    );
    meetingId = meeting.id;
    const brief = await ok(get(sc, `/fund/allocations/${allocationId}/brief`), 200);
    expect(brief.conflicts.caller).toMatchObject({ isProposer: false, mayDecide: true });
    const pack = await ok(post(fm, `/fund/meetings/${meetingId}/pack`));
    expect(pack).toMatchObject({ version: 1, allocationIds: [allocationId] });
    packSha256 = pack.sha256;

    // the proposer may not decide; a committee member does
    expect((await post(fm, `/fund/allocations/${allocationId}/approve`, { decisionRef: 'SC-14-01' })).status).toBe(403);
    await ok(post(sc, `/fund/allocations/${allocationId}/approve`, { decisionRef: 'SC-14-01' }), 200);
    const decisions = (await ok(get(fm, '/fund/decisions?limit=100'), 200)).items;
    const approval = decisions.find(
      (d: { allocationId: string; kind: string }) => d.allocationId === allocationId && d.kind === 'approved',
    );
    expect(approval).toMatchObject({ meetingId, packSha256 });
    // the approval drew the earmark first (29,700.00), then the pool (20,300.00)
    expect([await earmark(), await pool()]).toEqual([0n, 9_900_000n - 2_030_000n]);
    results.pack = { sha256: packSha256, decisionPackSha256: approval.packSha256, pages: pack.pages };
  });

  it('2. takes the donor statement as of just after approval, with its hash', async () => {
    const s = await statement();
    expect(s.status).toBe(200);
    expect(s.headers['x-content-sha256']).toBe(s.body.sha256);
    expect(s.body.reached.map((p: { requestId: string }) => p.requestId)).toContain(requestId);
    early = { asOf: s.body.asOf, text: s.text, sha256: s.body.sha256 };
    results.earlyStatement = { asOf: early.asOf, sha256: early.sha256, bytes: Buffer.byteLength(early.text) };
  });

  it('3. approves a no-cost extension: the end date moves six months, no money moves', async () => {
    const before = await ok(get(fm, `/fund/allocations/${allocationId}`), 200);
    const end = new Date(`${before.endsOn}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + 6);
    const newEnd = end.toISOString().slice(0, 10);
    const cash = [await earmark(), await pool()];
    const ext = await ok(
      post(fm, `/fund/allocations/${allocationId}/revisions`, {
        reason: 'elections delayed the pilot',
        endsOn: newEnd,
      }),
    );
    expect(ext).toMatchObject({ kind: 'no_cost_extension', status: 'proposed', topUp: usd(0) });
    expect(
      (await post(fm, `/fund/allocations/${allocationId}/revisions/${ext.seq}/approve`, { decisionRef: 'SC-14-02' }))
        .status,
    ).toBe(403);
    const approved = await ok(
      post(sc, `/fund/allocations/${allocationId}/revisions/${ext.seq}/approve`, { decisionRef: 'SC-14-02' }),
      200,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      before: { endsOn: before.endsOn },
      after: { endsOn: newEnd },
    });
    const after = await ok(get(fm, `/fund/allocations/${allocationId}`), 200);
    expect(after).toMatchObject({ endsOn: newEnd, durationMonths: before.durationMonths + 6, amount: usd(5_000_000) });
    expect([await earmark(), await pool()]).toEqual(cash);
    results.extension = { from: before.endsOn, to: newEnd };
  });

  it('4. transfers, two progress reports with indicator actuals accepted, the first releasing the second tranche, part of the money spent', async () => {
    await ok(
      sys
        .http()
        .put(`${V}/requests/${requestId}/implementation-plan`)
        .set(bearer(hub))
        .send({
          organisations: [{ organisationId: iom, role: 'lead', responsibilities: 'Referral mechanism' }],
          stakeholders: [],
          milestones: [{ code: 'M1', title: 'Referral protocol adopted', dueDate: '2027-06-30' }],
          currency: 'USD',
          budget: [{ organisationId: iom, amount: '5000000' }],
          funding: [{ source: 'start_up_fund', amount: '5000000', status: 'requested' }],
          reportDueDates: [],
          results: framework,
        }),
      200,
    );
    await ok(act(hub, 'start_implementation'), 200);
    const transfer = (amount: number) =>
      ok(post(fm, '/fund/transfers', { allocationId, organisationId: iom, amount: usd(amount) }, key()));
    const spend = (amount: number) =>
      ok(
        post(
          iomOfficer,
          '/fund/expenditures',
          { allocationId, periodStart: today, periodEnd: today, amount: usd(amount) },
          key(),
        ),
      );
    const releaseSecond = (evidenceRef: string) =>
      post(fm, `/fund/allocations/${allocationId}/tranches/2/release`, { evidenceRef });
    // the first tranche (on approval) is transferred and spent; the second waits for an accepted report
    await transfer(2_000_000);
    await spend(1_200_000);
    await spend(800_000);
    const q3 = await report('progress', '2026-Q3', actuals['2026-Q3']);
    expect(q3).toMatchObject({
      status: 'submitted',
      currency: 'USD',
      indicatorActuals: [
        { code: 'OC1.1', value: '60', female: '35', male: '25', other: null },
        { code: 'OP1.1a', value: '25', female: null, male: null, other: null },
      ],
    });
    const submitted = await releaseSecond(q3.id);
    expect([submitted.status, submitted.body.code]).toEqual([422, 'FUND_REPORT_NOT_ACCEPTED']);
    expect(await accept(q3.id)).toMatchObject({ status: 'accepted' });
    const released = await ok(releaseSecond(q3.id), 200);
    expect(released.tranches[1]).toMatchObject({ seq: 2, evidenceRef: q3.id });
    expect(released.tranches[1].releasedAt).toBeTruthy();
    await transfer(1_000_000);
    const q4 = await report('progress', '2026-Q4', actuals['2026-Q4']);
    expect(await accept(q4.id)).toMatchObject({ status: 'accepted' });
    results.tranche = { seq: 2, evidenceRef: q3.id, amount: released.tranches[1].amount.amount };

    // the request's results: each indicator with its actuals over the two periods
    const mine = await ok(get(hub, `/requests/${requestId}/results`), 200);
    const oc = mine.indicators.find((i: { code: string }) => i.code === 'OC1.1');
    expect(oc.actuals.map((a: { value: string; period: string }) => [a.period, a.value])).toEqual([
      ['2026-Q3', '60'],
      ['2026-Q4', '150'],
    ]);
    expect(oc.latestAccepted).toMatchObject({ reportId: q4.id, value: '150', female: '80', male: '70' });
    expect(await balance(`transfer::${allocationId}:${iom}`)).toBe(1_000_000n);
    expect(await balance(`expenditure::${allocationId}:${iom}`)).toBe(2_000_000n);
    expect(await balance(`allocation::${allocationId}`)).toBe(2_000_000n);
  });

  it('4b. the public results roll-up counts the latest accepted actuals, without narrative', async () => {
    const anonymous = await sys.http().get(`${V}/fund/results`).query({ by: 'objective' }).expect(200);
    expect(anonymous.text).not.toContain('report for 2026');
    const g21 = anonymous.body.groups.find((g: { key: string }) => g.key === '21');
    const project = g21.items.find((p: { requestId: string }) => p.requestId === requestId);
    expect(project.indicators.map((i: { code: string }) => i.code)).toEqual(['OC1.1', 'OP1.1a']);
    expect(project.indicators[0]).toMatchObject({
      target: { value: '400' },
      latestActual: { value: '150', female: '80', male: '70', period: '2026-Q4', periodEnd: '2026-12-31' },
      achievement: '0.3750',
    });
    expect(g21.totals).toContainEqual({
      unit: 'returnees',
      indicators: 1,
      target: '400',
      actual: '150',
      female: '80',
      male: '70',
    });
    // objective 6: only the output's indicator is linked to it
    const g6 = anonymous.body.groups.find((g: { key: string }) => g.key === '6');
    expect(g6.items.find((p: { requestId: string }) => p.requestId === requestId).indicators).toHaveLength(1);
    const byCountry = await ok(get(donor, '/fund/results?by=country&countryCode=KEN'), 200);
    expect(byCountry.groups.map((g: { key: string }) => g.key)).toEqual(['KEN']);
    const byOrg = await ok(get(donor, `/fund/results?by=organisation&organisationId=${iom}`), 200);
    expect(byOrg.groups.map((g: { key: string }) => g.key)).toEqual([iom]);
    results.results = {
      groupsByObjective: anonymous.body.groups.length,
      oc11: project.indicators[0].latestActual.value,
      achievement: project.indicators[0].achievement,
    };
  });

  it('5. returns unspent money (idempotently), accepts the final report, closes operationally then financially', async () => {
    const giveBack = (amount: number, k: string) =>
      post(
        fm,
        `/fund/allocations/${allocationId}/returns`,
        { organisationId: iom, amount: usd(amount), reason: 'unspent balance', receivedAt: today },
        k,
      );
    const k = key();
    const first = await ok(giveBack(400_000, k));
    const replay = await ok(giveBack(400_000, k));
    expect(replay.id).toBe(first.id);
    expect(await balance(`transfer::${allocationId}:${iom}`)).toBe(600_000n);

    // the final report covers the whole year: its figures replace the last quarter's in IATI's last period
    const final = await report('final', '2026', {
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      indicatorActuals: [
        { code: 'OC1.1', value: '210', female: '110', male: '100' },
        { code: 'OP1.1a', value: '75' },
      ],
    });
    await accept(final.id);
    await ok(act(iomOfficer, 'complete'), 200);
    await ok(
      post(fm, `/fund/allocations/${allocationId}/operational-closure`, { reason: 'final report accepted' }),
      200,
    );
    expect((await act(hub, 'close')).body.missing).toBe('financialClosure');

    await ok(
      post(iomOfficer, `/fund/allocations/${allocationId}/financial-statements`, {
        spent: usd(2_000_000),
        costCategories: [
          { category: 'staff', amount: usd(1_200_000) },
          { category: 'training', amount: usd(800_000) },
        ],
      }),
    );
    // the partner still holds 600,000 neither spent nor returned: closure names it and waits
    const held = await post(fm, `/fund/allocations/${allocationId}/financial-closure`, { reason: 'certified' });
    expect([held.status, held.body.code]).toEqual([422, 'FUND_NOT_RECONCILED']);
    await ok(giveBack(600_000, key()));
    const closed = await ok(
      post(fm, `/fund/allocations/${allocationId}/financial-closure`, { reason: 'statement certified' }),
      200,
    );
    expect(closed).toMatchObject({
      stage: 'closed',
      allocationBalance: usd(0),
      releasedToSource: usd(3_000_000),
      organisations: [
        {
          organisationId: iom,
          transferred: usd(3_000_000),
          spent: usd(2_000_000),
          returned: usd(1_000_000),
          unspent: usd(0),
          reconciled: true,
        },
      ],
    });
    results.closure = {
      transferred: closed.organisations[0].transferred.amount,
      spent: closed.organisations[0].spent.amount,
      returned: closed.organisations[0].returned.amount,
      releasedToSource: closed.releasedToSource.amount,
    };
  });

  it('6a. the books reconcile to the cent and the sources got back exactly what was not spent', async () => {
    const recon = await ok(get(fm, '/fund/ledger/reconciliation'), 200);
    expect(recon).toMatchObject({ ok: true, mismatches: [], unbalancedEntries: [] });
    const [e, p] = [await earmark(), await pool()];
    // 3,000,000 not spent goes back as the approval drew it: 29,700 / 50,000 to the earmark, the rest to the pool
    expect([e, p]).toEqual([1_782_000n, 9_088_000n]);
    expect(e + p).toBe(2_970_000n + 9_900_000n - 2_000_000n);
    expect([await balance(`allocation::${allocationId}`), await balance(`transfer::${allocationId}:${iom}`)]).toEqual([
      0n,
      0n,
    ]);
    results.reconciliation = {
      ok: recon.ok,
      mismatches: recon.mismatches.length,
      unbalancedEntries: recon.unbalancedEntries.length,
    };
    results.balances = {
      earmarkBefore: '2970000',
      earmarkAfter: String(e),
      poolBefore: '9900000',
      poolAfter: String(p),
      spent: '2000000',
      sourcesShort: String(2_970_000n + 9_900_000n - (e + p)),
    };
  });

  it('6b. the statement as of just after approval is the same, byte for byte', async () => {
    const again = await statement(early.asOf);
    expect(again.status).toBe(200);
    expect(again.text).toBe(early.text);
    expect(again.body.sha256).toBe(early.sha256);
    expect(again.headers['x-content-sha256']).toBe(early.sha256);
    const now = await statement();
    expect(now.body.sha256).not.toBe(early.sha256); // the present did change
    results.statementAsOf = {
      asOf: early.asOf,
      sha256Then: early.sha256,
      sha256Again: again.body.sha256,
      identicalBytes: again.text === early.text,
      sha256Now: now.body.sha256,
    };
  });

  it("6c. the meeting's pack still downloads with the hash the decision cites", async () => {
    const d = await pdf(sc, `/fund/meetings/${meetingId}/pack.pdf?version=1`);
    expect(d.status).toBe(200);
    const bytes = d.body as Buffer;
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(sha256(bytes)).toBe(packSha256);
    (results.pack as Record<string, unknown>).downloadedSha256 = sha256(bytes);
    (results.pack as Record<string, unknown>).bytes = bytes.length;
  });

  it('6d. the hub officer closes the request', async () => {
    expect((await act(kenya, 'close')).status).toBe(403);
    const closed = await ok(act(hub, 'close'), 200);
    expect(closed.status).toBe('closed');
    const register = (await ok(get(fm, '/fund/decisions?limit=100'), 200)).items
      .filter((d: { allocationId: string }) => d.allocationId === allocationId)
      .map((d: { kind: string }) => d.kind)
      .sort();
    results.request = { status: closed.status, register };
    expect(register).toEqual(expect.arrayContaining(['approved', 'financially_closed', 'operationally_closed']));
  });

  it('6e. once closed, the IATI activity and organisation files validate against the 2.03 schemas', async () => {
    const o = { reportingOrgRef: 'XM-DAC-41114', today };
    // the fund's copy of the request's status follows the hub's events (the outbox): wait for "closed"
    let activities = await sys.http().get(`${V}/open/iati/activities.xml`).expect(200);
    for (let i = 0; i < 100 && !activities.text.includes('<activity-status code="4"/>'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      activities = await sys.http().get(`${V}/open/iati/activities.xml`).expect(200);
    }
    const organisation = await sys.http().get(`${V}/open/iati/organisation.xml`).expect(200);
    const counts = {
      activityXsdErrors: await xsdErrors(activities.text, 'activities'),
      activityRuleErrors: activityRuleErrors(activities.text, o),
      organisationXsdErrors: await xsdErrors(organisation.text, 'organisations'),
      organisationRuleErrors: organisationRuleErrors(organisation.text, o),
    };
    results.iati = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.length]));
    expect(counts).toEqual({
      activityXsdErrors: [],
      activityRuleErrors: [],
      organisationXsdErrors: [],
      organisationRuleErrors: [],
    });
    // the activity as closed, its money net of what came back: disbursed = committed = budgeted = spent
    const [activity] = all(parse(activities.text), 'iati-activity');
    expect(first(activity, 'iati-identifier').textContent).toMatch(/^XM-DAC-41114-CBM-/);
    expect(attr(first(activity, 'activity-status'), 'code')).toBe('4');
    // planned end as extended (the day before the new end date), actual end the day of the financial closure
    const dates = Object.fromEntries(all(activity, 'activity-date').map((d) => [attr(d, 'type'), attr(d, 'iso-date')]));
    const extendedEnd = new Date(`${(results.extension as { to: string }).to}T00:00:00Z`);
    extendedEnd.setUTCDate(extendedEnd.getUTCDate() - 1);
    expect([dates['3'], dates['4']]).toEqual([extendedEnd.toISOString().slice(0, 10), today]);
    const tx = (type: string) =>
      all(activity, 'transaction')
        .filter((t) => attr(first(t, 'transaction-type'), 'code') === type)
        .map((t) => first(t, 'value').textContent);
    expect({ commitment: tx('2'), disbursements: tx('3'), expenditure: tx('4') }).toEqual({
      commitment: ['20000.00'],
      disbursements: ['20000.00', '10000.00', '-4000.00', '-6000.00'],
      expenditure: ['12000.00', '8000.00'],
    });
    expect(sumMinor(activity, 'budget')).toBe(2_000_000n);
    const disbursed = tx('3').reduce((sum, v) => sum + Math.round(Number(v) * 100), 0);
    results.iati = {
      ...(results.iati as object),
      activityStatus: '4',
      plannedEnd: dates['3'],
      actualEnd: dates['4'],
      disbursedNet: disbursed,
      budget: '2000000',
    };
    expect(disbursed).toBe(2_000_000);

    // the results framework: the outcome (type 2) and the output (type 1), periods with the accepted actuals
    const published = all(activity, 'result').map((r) => ({
      type: attr(r, 'type'),
      indicators: all(r, 'indicator').map((i) => ({
        measure: attr(i, 'measure'),
        baseline: all(i, 'baseline').map((b) => attr(b, 'value')),
        periods: all(i, 'period').map((p) => ({
          start: attr(first(p, 'period-start'), 'iso-date'),
          target: all(p, 'target').map((t) => attr(t, 'value')),
          actual: all(p, 'actual').map((t) => attr(t, 'value')),
        })),
      })),
    }));
    expect(published).toEqual([
      {
        type: '2',
        indicators: [
          {
            measure: '1',
            baseline: ['0', '0', '0'],
            periods: [
              { start: '2026-07-01', target: ['400', '200', '200'], actual: ['60', '35', '25'] },
              { start: '2026-10-01', target: ['400', '200', '200'], actual: ['210', '110', '100'] },
            ],
          },
        ],
      },
      {
        type: '1',
        indicators: [
          {
            measure: '2',
            baseline: ['0'],
            periods: [
              { start: '2026-07-01', target: ['80'], actual: ['25'] },
              { start: '2026-10-01', target: ['80'], actual: ['75'] },
            ],
          },
        ],
      },
    ]);
    results.iati = { ...(results.iati as object), results: published.length };
  });
});
