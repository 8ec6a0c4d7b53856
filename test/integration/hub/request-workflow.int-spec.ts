import { EventBus } from '@cbm/jobs';
import { HubPublicService } from '@cbm/hub';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/**
 * A request from draft to closed over HTTP: the info loop, assessments with a conflict of
 * interest, ranked matches, an invitation declined and another accepted, a lead replaced,
 * a plan, reports, completion; every refused step says why; the audit chain verifies.
 */
describe('support request workflow (hub)', () => {
  let sys: TestSystem;
  let kenya: TestUser,
    mexico: TestUser,
    hub: TestUser,
    hub2: TestUser,
    iom: TestUser,
    ilo: TestUser,
    unhcr: TestUser,
    admin: TestUser;
  let ids: Record<string, string>;
  let requestId: string;
  const completedEvents: unknown[] = [];

  const act = (u: TestUser, id: string, action: string, body: Record<string, unknown> = {}) =>
    sys.http().post(`/api/v1/requests/${id}/actions/${action}`).set(bearer(u)).send(body);
  const draft = {
    title: 'Reintegration support for returning migrant workers',
    summary:
      'Returning domestic workers lack referral pathways for psychosocial, economic and legal support in their counties.',
    expectedResults: 'A referral mechanism piloted in three counties; 600 returnees supported.',
    objectives: [21, 6],
    supportTypes: ['technical_assistance', 'seed_funding'],
    estimatedBudget: { amount: '45000000', currency: 'USD' },
  };
  const scores = {
    gcm_alignment: 4,
    national_ownership: 3,
    feasibility: 3,
    sustainability: 2,
    human_rights_based: 3,
    gender_responsive: 4,
    child_sensitive: 2,
    whole_of_government_society: 3,
  };
  const assessment = (recommendation: string, conflictOfInterest = false) => ({
    scores,
    genderMarker: 2,
    humanRightsMarker: 2,
    recommendation,
    rationale: 'Strong ownership; feasible with IOM in the lead.',
    conflictOfInterest,
  });

  beforeAll(async () => {
    sys = await startTestSystem();
    [kenya, mexico, hub, hub2, iom, ilo, unhcr, admin] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('focal_point', { countryCode: 'MEX' }),
      sys.user('hub_officer'),
      sys.user('hub_officer'),
      sys.user('partner_officer', { organisation: 'IOM' }),
      sys.user('partner_officer', { organisation: 'ILO' }),
      sys.user('partner_officer', { organisation: 'UNHCR' }),
      sys.user('admin'),
    ]);
    ids = {
      IOM: await sys.organisationId('IOM'),
      ILO: await sys.organisationId('ILO'),
      UNHCR: await sys.organisationId('UNHCR'),
    };
    sys.app.get(EventBus).subscribe('request.completed', 'workflow-test', async (p) => {
      completedEvents.push(p);
    });
  });
  afterAll(() => sys?.close());

  it('files and submits; another country sees a 404; the triage clock runs', async () => {
    const created = await sys.http().post('/api/v1/requests').set(bearer(kenya)).send(draft).expect(201);
    requestId = created.body.id;
    expect(created.body.reference).toMatch(/^CBM-\d{4}-KEN-\d{4}$/);
    await sys.http().get(`/api/v1/requests/${requestId}`).set(bearer(mexico)).expect(404);
    const submitted = await act(kenya, requestId, 'submit').expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', allowedActions: ['withdraw'], overdue: false });
    expect(submitted.body.serviceLevels.find((c: { clock: string }) => c.clock === 'triage')).toMatchObject({
      state: 'running',
    });
    expect(submitted.body.dueAt).toBe(submitted.body.serviceLevels[0].dueAt);
  });

  it('refuses wrong roles with 403 and illegal actions with 409 listing the allowed ones', async () => {
    const forbidden = await act(kenya, requestId, 'start_triage').expect(403);
    expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
    const illegal = await act(hub, requestId, 'approve').expect(409);
    expect(illegal.body.allowedActions).toEqual(['start_triage']);
    await act(hub, requestId, 'start_triage', { assigneeId: kenya.id }).expect(422);
    const stale = await sys
      .http()
      .post(`/api/v1/requests/${requestId}/actions/start_triage`)
      .set({ ...bearer(hub), 'If-Match': '"1"' })
      .send({})
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'REQUEST_STALE_VERSION', currentVersion: 2 });
    const triage = await act(hub, requestId, 'start_triage', { assigneeId: hub.id, version: 2 }).expect(200);
    expect(triage.body).toMatchObject({ status: 'in_triage', assigneeId: hub.id });
  });

  it('runs the info loop: question required, assessment clock paused while waiting', async () => {
    const noQuestion = await act(hub, requestId, 'request_info').expect(422);
    expect(noQuestion.body.detail).toMatch(/question/);
    const asked = await act(hub, requestId, 'request_info', { question: 'Which counties would pilot?' }).expect(200);
    expect(asked.body.status).toBe('info_requested');
    expect(asked.body.serviceLevels.find((c: { clock: string }) => c.clock === 'assessment').state).toBe('paused');
    await act(kenya, requestId, 'provide_info').expect(422);
    const answered = await act(kenya, requestId, 'provide_info', { answer: 'Kiambu, Mombasa and Kakamega.' }).expect(
      200,
    );
    expect(answered.body.status).toBe('in_triage');
    await act(hub, requestId, 'start_assessment').expect(200);
  });

  it('versions assessments, blocks a conflicted assessor from assessing and approving, and approves on proceed only', async () => {
    const noAssessment = await act(hub, requestId, 'approve').expect(422);
    expect(noAssessment.body.detail).toMatch(/assessment/);
    const bad = await sys
      .http()
      .put(`/api/v1/requests/${requestId}/assessment`)
      .set(bearer(hub))
      .send({ ...assessment('proceed'), scores: { ...scores, feasibility: 5, extra: 1 } })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'scores.extra',
      'scores.feasibility',
    ]);
    await sys
      .http()
      .put(`/api/v1/requests/${requestId}/assessment`)
      .set(bearer(kenya))
      .send(assessment('proceed'))
      .expect(403);
    const conflicted = await sys
      .http()
      .put(`/api/v1/requests/${requestId}/assessment`)
      .set(bearer(hub2))
      .send(assessment('proceed', true))
      .expect(200);
    expect(conflicted.body).toMatchObject({ version: 1, counts: false });
    await sys
      .http()
      .put(`/api/v1/requests/${requestId}/assessment`)
      .set(bearer(hub2))
      .send(assessment('proceed'))
      .expect(422);
    await sys
      .http()
      .put(`/api/v1/requests/${requestId}/assessment`)
      .set(bearer(hub))
      .send(assessment('needs_information'))
      .expect(200);
    const notProceed = await act(hub, requestId, 'approve').expect(422);
    expect(notProceed.body.detail).toMatch(/needs_information/);
    const v3 = await sys
      .http()
      .put(`/api/v1/requests/${requestId}/assessment`)
      .set(bearer(hub))
      .send(assessment('proceed'))
      .expect(200);
    // 4×20 + 3×15 + 3×15 + 2×10 + 3×10 + 4×10 + 2×10 + 3×10 = 310 → 3.1 on the 0-4 scale
    expect(v3.body).toMatchObject({ version: 3, counts: true, weightedTotal: 3.1 });
    const all = await sys.http().get(`/api/v1/requests/${requestId}/assessment`).set(bearer(hub)).expect(200);
    expect(all.body.items).toHaveLength(3);
    expect(all.body.current.version).toBe(3);
    await act(hub2, requestId, 'approve').expect(422);
    const approved = await act(hub, requestId, 'approve').expect(200);
    expect(approved.body.status).toBe('matching');
    expect(approved.body.dueAt).toBeNull();
  });

  it('hides assessments and internal notes from the focal point', async () => {
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/comments`)
      .set(bearer(hub))
      .send({ body: 'Internal: check IOM capacity in Mombasa', internal: true })
      .expect(201);
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/comments`)
      .set(bearer(kenya))
      .send({ body: 'Thank you', internal: true })
      .expect(403);
    await sys.http().get(`/api/v1/requests/${requestId}/assessment`).set(bearer(kenya)).expect(403);
    const focal = await sys.http().get(`/api/v1/requests/${requestId}/timeline`).set(bearer(kenya)).expect(200);
    const staff = await sys.http().get(`/api/v1/requests/${requestId}/timeline`).set(bearer(hub)).expect(200);
    expect(
      focal.body.items.some((e: { internal: boolean; kind: string }) => e.internal || e.kind === 'assessment'),
    ).toBe(false);
    expect(staff.body.items.filter((e: { kind: string }) => e.kind === 'assessment')).toHaveLength(3);
    expect(staff.body.items.some((e: { kind: string }) => e.kind === 'note')).toBe(true);
  });

  it('ranks partners: IOM first for return and reintegration (21), ILO near the top for fair recruitment (6)', async () => {
    await sys.http().get(`/api/v1/requests/${requestId}/partner-matches`).set(bearer(kenya)).expect(403);
    const started = Date.now();
    const res = await sys.http().get(`/api/v1/requests/${requestId}/partner-matches`).set(bearer(hub)).expect(200);
    const elapsed = Date.now() - started;
    expect(res.body.items[0]).toMatchObject({ acronym: 'IOM', suggestedRole: 'lead' });
    expect(Object.keys(res.body.items[0].components).sort()).toEqual([
      'capacity',
      'objectiveFit',
      'presence',
      'trackRecord',
    ]);
    expect(res.body.items[0].reasons.length).toBeGreaterThan(0);
    const again = await sys.http().get(`/api/v1/requests/${requestId}/partner-matches`).set(bearer(hub)).expect(200);
    expect(again.body.items).toEqual(res.body.items);
    process.stdout.write(`partner-matches over HTTP: ${elapsed} ms\n`);

    const fair = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(mexico))
      .send({ ...draft, title: 'Fair recruitment corridor for seasonal workers', objectives: [6] })
      .expect(201);
    await act(mexico, fair.body.id, 'submit').expect(200);
    const six = await sys.http().get(`/api/v1/requests/${fair.body.id}/partner-matches`).set(bearer(hub)).expect(200);
    expect(six.body.items.slice(0, 3).map((m: { acronym: string }) => m.acronym)).toContain('ILO');
  });

  it('invites: partners see only their own invitations; a decline needs a reason; a lead can be replaced', async () => {
    await sys.http().get(`/api/v1/requests/${requestId}`).set(bearer(ilo)).expect(404);
    const iomInv = await sys
      .http()
      .post(`/api/v1/requests/${requestId}/invitations`)
      .set(bearer(hub))
      .send({ organisationId: ids.IOM, role: 'lead' })
      .expect(201);
    const iloInv = await sys
      .http()
      .post(`/api/v1/requests/${requestId}/invitations`)
      .set(bearer(hub))
      .send({ organisationId: ids.ILO, role: 'participating' })
      .expect(201);
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/invitations`)
      .set(bearer(hub))
      .send({ organisationId: ids.ILO, role: 'participating' })
      .expect(422);
    await sys.http().get(`/api/v1/requests/${requestId}`).set(bearer(ilo)).expect(200);
    const pending = await sys.http().get('/api/v1/invitations?status=pending').set(bearer(ilo)).expect(200);
    expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([iloInv.body.id]);
    await sys.http().post(`/api/v1/invitations/${iloInv.body.id}/accept`).set(bearer(unhcr)).expect(404);
    await sys.http().post(`/api/v1/invitations/${iloInv.body.id}/decline`).set(bearer(ilo)).send({}).expect(400);
    const declined = await sys
      .http()
      .post(`/api/v1/invitations/${iloInv.body.id}/decline`)
      .set(bearer(ilo))
      .send({ reason: 'No staff in Kenya this year' })
      .expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'No staff in Kenya this year' });
    await sys.http().get(`/api/v1/requests/${requestId}`).set(bearer(ilo)).expect(404);

    const noneAccepted = await act(hub, requestId, 'confirm_partners').expect(422);
    expect(noneAccepted.body.detail).toMatch(/at least one/);
    // replace the lead, then put IOM back in the lead
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/invitations`)
      .set(bearer(hub))
      .send({ organisationId: ids.UNHCR, role: 'lead' })
      .expect(201);
    const partners = await sys.http().get(`/api/v1/requests/${requestId}/partners`).set(bearer(hub)).expect(200);
    expect(partners.body.find((p: { id: string }) => p.id === iomInv.body.id).status).toBe('withdrawn');
    const seenByCountry = await sys.http().get(`/api/v1/requests/${requestId}/partners`).set(bearer(kenya)).expect(200);
    expect(seenByCountry.body).toEqual([]);
    await sys.http().post(`/api/v1/invitations/${iomInv.body.id}/accept`).set(bearer(iom)).expect(409);
    const iomAgain = await sys
      .http()
      .post(`/api/v1/requests/${requestId}/invitations`)
      .set(bearer(hub))
      .send({ organisationId: ids.IOM, role: 'lead' })
      .expect(201);
    await sys.http().post(`/api/v1/invitations/${iomAgain.body.id}/accept`).set(bearer(iom)).expect(200);
    const accepted = await sys.http().get('/api/v1/invitations?status=accepted').set(bearer(iom)).expect(200);
    expect(accepted.body.items.map((i: { id: string }) => i.id)).toEqual([iomAgain.body.id]);
    const confirmed = await act(hub, requestId, 'confirm_partners').expect(200);
    expect(confirmed.body.status).toBe('setup');
    const told = await sys.http().get('/api/v1/notifications').set(bearer(iom)).expect(200);
    expect(told.body.items.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['request.invitation', 'request.confirm_partners']),
    );
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/invitations`)
      .set(bearer(hub))
      .send({ organisationId: ids.UNHCR, role: 'lead' })
      .expect(409);
  });

  it('starts implementation only with milestones and covered funding, or an override recorded', async () => {
    const noPlan = await act(hub, requestId, 'start_implementation').expect(422);
    expect(noPlan.body.detail).toMatch(/implementation plan/);
    const plan = {
      organisations: [
        { organisationId: ids.IOM, role: 'lead', responsibilities: 'Referral mechanism and case management' },
      ],
      stakeholders: [
        { type: 'civil_society', name: 'Kenya Domestic Workers Union', role: 'outreach' },
        { type: 'local_authority', name: 'Mombasa County', role: 'referral desk' },
      ],
      milestones: [
        { code: 'M1', title: 'Referral protocol adopted', dueDate: '2027-06-30', organisationId: ids.IOM },
        { code: 'M2', title: '600 returnees supported', dueDate: '2028-03-31' },
      ],
      currency: 'USD',
      budget: [{ organisationId: ids.IOM, amount: '45000000' }],
      funding: [
        { source: 'national_budget', amount: '10000000', status: 'confirmed' },
        { source: 'start_up_fund', amount: '35000000', status: 'requested' },
      ],
      reportDueDates: ['2027-06-30'],
    };
    await sys
      .http()
      .put(`/api/v1/requests/${requestId}/implementation-plan`)
      .set(bearer(hub))
      .send({ ...plan, budget: [{ organisationId: ids.ILO, amount: '1' }] })
      .expect(422);
    const put = await sys
      .http()
      .put(`/api/v1/requests/${requestId}/implementation-plan`)
      .set(bearer(hub))
      .send(plan)
      .expect(200);
    expect(put.body.version).toBe(1);
    const uncovered = await act(hub, requestId, 'start_implementation').expect(422);
    expect(uncovered.body).toMatchObject({
      budget: { amount: '45000000', currency: 'USD' },
      covered: { amount: '10000000', currency: 'USD' },
    });
    const started = await act(hub, requestId, 'start_implementation', {
      override: 'Start-up fund allocation expected next month',
    }).expect(200);
    expect(started.body.status).toBe('in_implementation');
    const timeline = await sys.http().get(`/api/v1/requests/${requestId}/timeline`).set(bearer(kenya)).expect(200);
    expect(timeline.body.items.find((e: { action: string }) => e.action === 'start_implementation').body).toMatch(
      /Start-up fund allocation expected/,
    );
    await act(kenya, requestId, 'withdraw', { reason: 'changed priorities' }).expect(409);
  });

  it('takes reports from partners only, completes with a final report, publishes the event, closes', async () => {
    const noFinal = await act(hub, requestId, 'complete').expect(422);
    expect(noFinal.body.detail).toMatch(/final report/);
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/reports`)
      .set(bearer(unhcr))
      .send({ kind: 'progress', period: '2027-Q2', narrative: 'x', milestoneUpdates: [] })
      .expect(404);
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/reports`)
      .set(bearer(iom))
      .send({
        kind: 'progress',
        period: '2027-Q2',
        narrative: 'Protocol drafted',
        milestoneUpdates: [{ code: 'M9', status: 'done' }],
      })
      .expect(400);
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/reports`)
      .set(bearer(iom))
      .send({
        kind: 'progress',
        period: '2027-Q2',
        narrative: 'Protocol adopted by three counties',
        milestoneUpdates: [{ code: 'M1', status: 'done' }],
      })
      .expect(201);
    const plan = await sys
      .http()
      .get(`/api/v1/requests/${requestId}/implementation-plan`)
      .set(bearer(kenya))
      .expect(200);
    expect(plan.body.milestones.map((m: { status: string }) => m.status)).toEqual(['done', 'planned']);
    await sys
      .http()
      .post(`/api/v1/requests/${requestId}/reports`)
      .set(bearer(iom))
      .send({ kind: 'final', period: '2027-2028', narrative: 'All done', milestoneUpdates: [] })
      .expect(400);
    const final = await sys
      .http()
      .post(`/api/v1/requests/${requestId}/reports`)
      .set(bearer(iom))
      .send({
        kind: 'final',
        period: '2027-2028',
        narrative: '640 returnees supported',
        milestoneUpdates: [{ code: 'M2', status: 'done' }],
        lessonsLearned: 'County referral desks need a budget line of their own.',
      })
      .expect(201);
    const completed = await act(iom, requestId, 'complete').expect(200);
    expect(completed.body.status).toBe('completed');
    const rows: { payload: Record<string, unknown> }[] = await sys.db.dataSource.query(
      `SELECT payload FROM outbox WHERE job_name = 'event-request-completed-workflow-test'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({
      event: 'request.completed',
      id: requestId,
      leadOrganisationId: ids.IOM,
      finalReportId: final.body.id,
      lessonsLearned: 'County referral desks need a budget line of their own.',
    });
    const closed = await act(hub, requestId, 'close').expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', allowedActions: [] });
    const facts = await sys.app.get(HubPublicService).requestFacts(requestId);
    expect(facts).toMatchObject({ status: 'closed', leadOrganisationId: ids.IOM, organisationIds: [ids.IOM] });
    expect(await sys.app.get(HubPublicService).requestFacts('not-a-uuid')).toBeNull();
  });

  it('declines with a reason (the focal point is told) and withdraws with a reason', async () => {
    const r = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(mexico))
      .send({ ...draft, title: 'Consular protection network' })
      .expect(201);
    await act(mexico, r.body.id, 'submit').expect(200);
    await act(hub, r.body.id, 'start_triage').expect(200);
    await act(hub, r.body.id, 'decline').expect(422);
    await act(hub, r.body.id, 'decline', { reason: 'Outside the mechanism' }).expect(200);
    const notes = await sys.http().get('/api/v1/notifications').set(bearer(mexico)).expect(200);
    expect(
      notes.body.items.some(
        (n: { kind: string; entityId: string }) => n.kind === 'request.decline' && n.entityId === r.body.id,
      ),
    ).toBe(true);
    const w = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(mexico))
      .send({ ...draft, title: 'Pre-departure orientation' })
      .expect(201);
    await act(mexico, w.body.id, 'withdraw').expect(422);
    const withdrawn = await act(mexico, w.body.id, 'withdraw', { reason: 'Merged with another request' }).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', allowedActions: [] });
  });

  it('lets open invitations lapse when the country withdraws during matching', async () => {
    const r = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(kenya))
      .send({ ...draft, title: 'Diaspora skills transfer' })
      .expect(201);
    await act(kenya, r.body.id, 'submit').expect(200);
    await act(hub, r.body.id, 'start_triage').expect(200);
    await act(hub, r.body.id, 'start_assessment').expect(200);
    await sys
      .http()
      .put(`/api/v1/requests/${r.body.id}/assessment`)
      .set(bearer(hub))
      .send(assessment('proceed'))
      .expect(200);
    await act(hub, r.body.id, 'approve').expect(200);
    const inv = await sys
      .http()
      .post(`/api/v1/requests/${r.body.id}/invitations`)
      .set(bearer(hub))
      .send({ organisationId: ids.ILO, role: 'lead' })
      .expect(201);
    await act(kenya, r.body.id, 'withdraw', { reason: 'A bilateral programme covers it now' }).expect(200);
    const told = await sys.http().get('/api/v1/notifications').set(bearer(ilo)).expect(200);
    expect(
      told.body.items.some(
        (n: { kind: string; entityId: string }) => n.kind === 'request.withdraw' && n.entityId === r.body.id,
      ),
    ).toBe(true);
    const pending = await sys.http().get('/api/v1/invitations?status=pending').set(bearer(ilo)).expect(200);
    expect(pending.body.items.map((i: { id: string }) => i.id)).not.toContain(inv.body.id);
    await sys.http().get(`/api/v1/requests/${r.body.id}`).set(bearer(ilo)).expect(404);
  });

  it('leaves an audit chain that verifies', async () => {
    const res = await sys.http().get('/api/v1/audit/verify').set(bearer(admin)).expect(200);
    if (!res.body.ok) process.stdout.write(JSON.stringify(res.body) + '\n');
    expect(res.body).toMatchObject({ ok: true });
    expect(res.body.checked).toBeGreaterThan(40);
  });

  it('lists similar earlier requests with reasons', async () => {
    const fair = await sys.http().get('/api/v1/requests?status=submitted').set(bearer(hub)).expect(200);
    const target = fair.body.items.find((r: { title: string }) => r.title.startsWith('Fair recruitment'));
    const res = await sys.http().get(`/api/v1/requests/${target.id}/similar`).set(bearer(hub)).expect(200);
    const kenyan = res.body.items.find((i: { id: string }) => i.id === requestId);
    expect(kenyan).toMatchObject({ source: 'request' });
    expect(kenyan.reasons).toContain('shares objective 6');
    expect(res.body.items.some((i: { id: string }) => i.id === target.id)).toBe(false);
    // another country's request is out of a focal point's scope, here too
    const asMexico = await sys.http().get(`/api/v1/requests/${target.id}/similar`).set(bearer(mexico)).expect(200);
    expect(asMexico.body.items.some((i: { countryCode?: string }) => i.countryCode === 'KEN')).toBe(false);
  });

  it('links a solution ("replicated from") and opens a peer exchange between two countries', async () => {
    const list = await sys.http().get('/api/v1/requests?status=submitted').set(bearer(hub)).expect(200);
    const fair = list.body.items.find((r: { title: string }) => r.title.startsWith('Fair recruitment'));
    await sys
      .http()
      .post(`/api/v1/requests/${fair.id}/links`)
      .set(bearer(mexico))
      .send({ targetType: 'request', targetId: requestId, relation: 'replicated_from' })
      .expect(403);
    await sys
      .http()
      .post(`/api/v1/requests/${fair.id}/links`)
      .set(bearer(hub))
      .send({ targetType: 'request', targetId: requestId, relation: 'replicated_from', note: 'Same corridor' })
      .expect(201);
    await sys
      .http()
      .post(`/api/v1/requests/${fair.id}/links`)
      .set(bearer(hub))
      .send({ targetType: 'request', targetId: requestId, relation: 'related' })
      .expect(422);
    const links = await sys.http().get(`/api/v1/requests/${fair.id}/links`).set(bearer(mexico)).expect(200);
    expect(links.body).toEqual([expect.objectContaining({ targetId: requestId, relation: 'replicated_from' })]);

    await sys
      .http()
      .post(`/api/v1/requests/${fair.id}/peer-exchanges`)
      .set(bearer(hub))
      .send({ peerCountryCode: 'MEX', topic: 'x', plannedActivities: 'y' })
      .expect(400);
    const ex = await sys
      .http()
      .post(`/api/v1/requests/${fair.id}/peer-exchanges`)
      .set(bearer(hub))
      .send({
        peerCountryCode: 'KEN',
        peerRequestId: requestId,
        topic: 'Regulating recruitment agencies',
        plannedActivities: 'Study visit to Nairobi; joint webinar with the National Employment Authority',
      })
      .expect(201);
    const told = await sys.http().get('/api/v1/notifications').set(bearer(kenya)).expect(200);
    expect(told.body.items.some((n: { kind: string }) => n.kind === 'request.peer_exchange')).toBe(true);
    await sys
      .http()
      .patch(`/api/v1/requests/${fair.id}/peer-exchanges/${ex.body.id}`)
      .set(bearer(hub))
      .send({ status: 'held' })
      .expect(400);
    const held = await sys
      .http()
      .patch(`/api/v1/requests/${fair.id}/peer-exchanges/${ex.body.id}`)
      .set(bearer(hub))
      .send({ status: 'held', outcome: 'Mexico drafts a recruiter registry on the Kenyan model', version: 1 })
      .expect(200);
    expect(held.body).toMatchObject({ status: 'held', version: 2 });
    const seen = await sys.http().get(`/api/v1/requests/${fair.id}/peer-exchanges`).set(bearer(mexico)).expect(200);
    expect(seen.body).toEqual([expect.objectContaining({ peerCountryCode: 'KEN', status: 'held' })]);
  });
});
