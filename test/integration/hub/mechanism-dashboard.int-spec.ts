import { AllocationService, ContributionService, FundUnitOfWork, TransferService } from '@cbm/fund';
import {
  AssessmentService,
  ImplementationPlanService,
  InvitationService,
  RequestReportService,
  SupportRequestService,
} from '@cbm/hub';
import { ReferenceService } from '@cbm/reference';
import { actorOf } from '../../authz/authz-world';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/**
 * The mechanism's dashboard over a small world built through the services with a frozen clock, so every
 * count, median and rate is known exactly: three requests filed in 2026-Q1 (two from Kenya, Africa; one from
 * Mexico, Americas) and one in Q2; one approved, funded and reported on by IOM; one declined; one still in triage.
 */
describe("the mechanism's dashboard", () => {
  let sys: TestSystem;
  let fp: TestUser, fpMex: TestUser, hub: TestUser, po: TestUser, fm: TestUser, sc: TestUser;
  let iom: string;
  const usd = (amount: string) => ({ amount, currency: 'USD' });
  const at = (iso: string) => sys.clock.freeze(new Date(iso));

  beforeAll(async () => {
    sys = await startTestSystem();
    [fp, fpMex, hub, po, fm, sc] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('focal_point', { countryCode: 'MEX' }),
      sys.user('hub_officer'),
      sys.user('partner_officer', { organisation: 'IOM' }),
      sys.user('fund_manager'),
      sys.user('steering_committee'),
    ]);
    iom = await sys.organisationId('IOM');
    const app = sys.app;
    const requests = app.get(SupportRequestService);
    const H = actorOf(hub);
    const draft = (u: TestUser, title: string, objectives: number[]) =>
      requests
        .create(actorOf(u), {
          title,
          summary: 'Dashboard fixture.',
          expectedResults: 'None; a fixture.',
          objectives,
          supportTypes: ['technical_assistance'],
        })
        .then((r) => r.id);

    at('2026-01-02T09:00:00Z');
    const sweId = await sys.organisationId('SWE');
    const c = await app.get(ContributionService).pledge(actorOf(fm), {
      contributorId: sweId,
      pledgedAt: '2026-01-02',
      amount: usd('50000000'),
      earmark: { type: 'none' },
      reference: 'DASH-1',
    });
    await app.get(FundUnitOfWork).run((tx) =>
      app.get(ContributionService).deposit(tx, actorOf(fm), c.id, {
        receivedAt: '2026-01-02',
        amount: usd('50000000'),
        usdAmount: usd('50000000'),
        reference: 'DASH-DEP-1',
      }),
    );
    const r1 = await draft(fp, 'R1 reintegration', [21]);
    const r2 = await draft(fpMex, 'R2 fair recruitment', [6, 21]);
    const r3 = await draft(fp, 'R3 data', [1]);
    const r4 = await draft(fp, 'R4 data again', [1]);
    await draft(fp, 'R5 never filed', [2]);

    at('2026-01-05T09:00:00Z');
    await requests.act(actorOf(fp), r1, 'submit', {});
    at('2026-01-06T09:00:00Z');
    await requests.act(actorOf(fpMex), r2, 'submit', {});
    at('2026-01-07T09:00:00Z'); // R1: 2 days to triage
    await requests.act(H, r1, 'start_triage', {});
    await requests.act(H, r1, 'start_assessment', {});
    const criteria = app.get(ReferenceService).assessmentCriteria();
    await app.get(AssessmentService).put(H, r1, {
      scores: Object.fromEntries(criteria.map((x) => [x.code, 3])),
      genderMarker: 2,
      humanRightsMarker: 2,
      recommendation: 'proceed',
      rationale: 'Sound request.',
      conflictOfInterest: false,
    });
    at('2026-01-08T09:00:00Z');
    await requests.act(actorOf(fp), r3, 'submit', {});
    at('2026-01-12T09:00:00Z'); // R2: 6 days to triage (due Tue 13th: met)
    await requests.act(H, r2, 'start_triage', {});
    await requests.act(H, r2, 'start_assessment', {});
    at('2026-01-15T09:00:00Z'); // R1: 10 days to decision
    await requests.act(H, r1, 'approve', {});
    const invitations = app.get(InvitationService);
    await invitations.invite(H, r1, { organisationId: iom, role: 'lead' });
    const inv = (await invitations.forRequest(H, r1)).find((i) => i.status === 'pending')!;
    await invitations.accept(actorOf(po), inv.id);
    await requests.act(H, r1, 'confirm_partners', {});
    at('2026-01-20T09:00:00Z'); // R2: 14 days to decision; R3: 12 days to triage (due Thu 15th: missed)
    await requests.act(H, r2, 'decline', { reason: 'Out of the mechanism’s scope.' });
    await requests.act(H, r3, 'start_triage', {});
    await app.get(ImplementationPlanService).put(H, r1, {
      organisations: [{ organisationId: iom, role: 'lead', responsibilities: 'Overall delivery' }],
      stakeholders: [],
      milestones: [
        { code: 'M1', title: 'Protocol drafted', dueDate: '2026-03-15', organisationId: iom },
        { code: 'M2', title: 'Protocol adopted', dueDate: '2026-04-30' },
        { code: 'M3', title: 'Desks open', dueDate: '2026-09-30', organisationId: iom },
      ],
      currency: 'USD',
      budget: [{ organisationId: iom, amount: '2000000' }],
      funding: [
        { source: 'start_up_fund', amount: '1000000', status: 'confirmed' },
        { source: 'national_budget', amount: '1000000', status: 'confirmed' },
      ],
      reportDueDates: ['2026-03-31', '2026-04-30', '2026-06-30'],
    });
    const allocations = app.get(AllocationService);
    const application = await allocations.apply(H, {
      requestId: r1,
      amount: usd('1000000'),
      justification: 'Seed funding.',
    });
    const proposal = await allocations.propose(actorOf(fm), {
      applicationId: application.id,
      amount: usd('1000000'),
      durationMonths: 12,
      tranches: [
        { amount: usd('600000'), condition: 'on_approval' },
        { amount: usd('400000'), condition: 'progress_report_approved' },
      ],
    });
    await allocations.approve(actorOf(sc), proposal.id, { decisionRef: 'SC-DASH-1', note: 'fixture' });
    at('2026-01-25T09:00:00Z'); // R1: 10 days from approval to first transfer
    for (const amount of ['300000', '100000'])
      await app.get(FundUnitOfWork).run((tx) =>
        app.get(TransferService).transfer(tx, actorOf(fm), {
          allocationId: proposal.id,
          organisationId: iom,
          amount: usd(amount),
        }),
      );
    await requests.act(H, r1, 'start_implementation', {});
    at('2026-03-20T09:00:00Z'); // first report on time; M1 done
    await app.get(RequestReportService).submit(actorOf(po), r1, {
      kind: 'progress',
      period: '2026-Q1',
      narrative: 'Protocol drafted.',
      milestoneUpdates: [{ code: 'M1', status: 'done', note: '' }],
    });
    at('2026-04-01T09:00:00Z');
    await requests.act(actorOf(fp), r4, 'submit', {});
    at('2026-05-05T09:00:00Z'); // second report late (due 30 April)
    await app.get(RequestReportService).submit(actorOf(po), r1, {
      kind: 'progress',
      period: '2026-Q2a',
      narrative: 'Late.',
      milestoneUpdates: [],
    });
    at('2026-05-15T09:00:00Z');
  }, 180_000);
  afterAll(() => sys?.close());

  it('counts, medians, service levels and partner delivery, exactly', async () => {
    const res = await sys.http().get('/api/v1/dashboard/mechanism').set(bearer(hub)).expect(200);
    const d = res.body;
    expect(d.generatedAt).toBe('2026-05-15T09:00:00.000Z');
    expect(d.targets).toEqual({ triageDays: 5, infoDays: 15, assessmentDays: 20 });
    expect(d.requests).toEqual([
      { quarter: '2026-Q1', status: 'declined', region: 'Americas', objective: null, count: 1 },
      { quarter: '2026-Q1', status: 'declined', region: 'Americas', objective: 6, count: 1 },
      { quarter: '2026-Q1', status: 'declined', region: 'Americas', objective: 21, count: 1 },
      { quarter: '2026-Q1', status: 'in_implementation', region: 'Africa', objective: null, count: 1 },
      { quarter: '2026-Q1', status: 'in_implementation', region: 'Africa', objective: 21, count: 1 },
      { quarter: '2026-Q1', status: 'in_triage', region: 'Africa', objective: null, count: 1 },
      { quarter: '2026-Q1', status: 'in_triage', region: 'Africa', objective: 1, count: 1 },
      { quarter: '2026-Q2', status: 'submitted', region: 'Africa', objective: null, count: 1 },
      { quarter: '2026-Q2', status: 'submitted', region: 'Africa', objective: 1, count: 1 },
    ]);
    expect(d.durations).toEqual([
      { quarter: '2026-Q1', region: null, step: 'decision', count: 2, medianDays: 12 },
      { quarter: '2026-Q1', region: 'Africa', step: 'decision', count: 1, medianDays: 10 },
      { quarter: '2026-Q1', region: 'Americas', step: 'decision', count: 1, medianDays: 14 },
      { quarter: '2026-Q1', region: null, step: 'first_transfer', count: 1, medianDays: 10 },
      { quarter: '2026-Q1', region: 'Africa', step: 'first_transfer', count: 1, medianDays: 10 },
      { quarter: '2026-Q1', region: null, step: 'triage', count: 3, medianDays: 6 },
      { quarter: '2026-Q1', region: 'Africa', step: 'triage', count: 2, medianDays: 7 },
      { quarter: '2026-Q1', region: 'Americas', step: 'triage', count: 1, medianDays: 6 },
    ]);
    expect(d.serviceLevels).toEqual([
      { quarter: '2026-Q1', step: 'triage', done: 3, withinLevel: 2, share: 0.667 },
      { quarter: '2026-Q1', step: 'assessment', done: 2, withinLevel: 2, share: 1 },
    ]);
    expect(d.partners).toEqual([
      {
        organisationId: iom,
        name: expect.any(String),
        acronym: 'IOM',
        reportsDue: 2,
        reportsOnTime: 1,
        reportRate: 0.5,
        milestonesDue: 2,
        milestonesDone: 1,
        milestoneRate: 0.5,
        transferred: '400000',
        spent: '0',
        expenditureRate: 0,
      },
    ]);
    expect(JSON.stringify(d)).not.toMatch(/R1 reintegration|@/);
  });

  it('publishes the same figures as open data, JSON and CSV, cacheable, listed in the catalogue', async () => {
    const json = await sys.http().get('/api/v1/open/mechanism.json').expect(200);
    expect(json.headers['cache-control']).toBe('public, max-age=300');
    expect(json.body.durations).toHaveLength(8);
    const csv = await sys.http().get('/api/v1/open/mechanism.csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('table,quarter,status,region,objective,step,organisation,measure,value');
    expect(lines).toContain('durations,2026-Q1,,Africa,,triage,,median_days,7');
    expect(lines).toContain('partners,,,,,,IOM,report_rate,0.5');
    const catalog = await sys.http().get('/api/v1/open/catalog.jsonld').expect(200);
    const ids = catalog.body['dcat:dataset'].map((x: { '@id': string }) => x['@id']);
    expect(ids.some((id: string) => id.endsWith('/api/v1/open/mechanism.json'))).toBe(true);
  });

  it('is for hub management, the committee and fund staff only', async () => {
    await sys.http().get('/api/v1/dashboard/mechanism').expect(401);
    await sys.http().get('/api/v1/dashboard/mechanism').set(bearer(fp)).expect(403);
    await sys.http().get('/api/v1/dashboard/mechanism').set(bearer(po)).expect(403);
    await sys.http().get('/api/v1/dashboard/mechanism').set(bearer(sc)).expect(200);
    await sys.http().get('/api/v1/dashboard/mechanism').set(bearer(fm)).expect(200);
  });
});
