import { OutboxRelay } from '@cbm/jobs';
import { bearer, startTestSystem, TestSystem, TestUser } from '../support/test-system';

/** The "done when": admin creates two focal points; Kenya files and submits; Mexico cannot see it. */
describe('walking skeleton of a support request', () => {
  let sys: TestSystem;
  let admin: TestUser;
  let hub: TestUser;

  const draft = {
    title: 'Labour migration data for county planning',
    summary: 'County planners lack data on out-migration.',
    expectedResults: 'A survey module and trained staff.',
    objectives: [1, 6],
    actions: ['1.c'],
    principles: ['people_centred'],
    supportTypes: ['data_and_research'],
    estimatedBudget: { amount: '2500000', currency: 'USD' },
  };

  beforeAll(async () => {
    sys = await startTestSystem({ adminEmail: 'first.admin@test.example.org', adminPassword: 'first-admin-password' });
    const { accessToken } = await sys.login('first.admin@test.example.org', 'first-admin-password');
    admin = { id: '', email: 'first.admin@test.example.org', role: 'admin', token: accessToken };
    hub = await sys.user('hub_officer');
  });
  afterAll(() => sys?.close());

  async function focalPoint(countryCode: string) {
    const email = `fp.${countryCode.toLowerCase()}@test.example.org`;
    const res = await sys
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({
        email,
        name: `Focal ${countryCode}`,
        password: 'focal-point-password',
        role: 'focal_point',
        countryCode,
      });
    expect(res.status).toBe(201);
    const { accessToken } = await sys.login(email, 'focal-point-password');
    return { id: res.body.id, token: accessToken };
  }

  it('files and submits as Kenya; Mexico gets 404; hub officers are notified', async () => {
    const kenya = await focalPoint('KEN');
    const mexico = await focalPoint('MEX');

    const created = await sys.http().post('/api/v1/requests').set(bearer(kenya)).send(draft);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      countryCode: 'KEN',
      version: 1,
      allowedActions: expect.arrayContaining(['submit', 'withdraw']),
    });
    expect(created.body.reference).toMatch(/^CBM-\d{4}-KEN-\d{4}$/);
    const id = created.body.id;

    const submitted = await sys.http().post(`/api/v1/requests/${id}/actions/submit`).set(bearer(kenya)).send({});
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2, allowedActions: ['withdraw'] });

    expect((await sys.http().get(`/api/v1/requests/${id}`).set(bearer(mexico))).status).toBe(404);
    expect(
      (await sys.http().post(`/api/v1/requests/${id}/actions/withdraw`).set(bearer(mexico)).send({ reason: 'x' }))
        .status,
    ).toBe(404);
    const mexicoList = await sys.http().get('/api/v1/requests').set(bearer(mexico));
    expect(mexicoList.body.items).toEqual([]);

    const seenByHub = await sys.http().get(`/api/v1/requests/${id}`).set(bearer(hub));
    expect(seenByHub.body).toMatchObject({ status: 'submitted', allowedActions: ['start_triage'] });

    await sys.app.get(OutboxRelay).drain();
    const notes = await sys.http().get('/api/v1/notifications').set(bearer(hub));
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('request.submit');
  });

  it('refuses unknown fields, wrong roles, illegal and stale transitions', async () => {
    const kenya = await focalPoint('KEN'.replace('KEN', 'UGA'));
    const unknown = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(kenya))
      .send({ ...draft, secretField: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.fields).toContainEqual(expect.objectContaining({ field: 'secretField' }));

    const { body: r } = await sys.http().post('/api/v1/requests').set(bearer(kenya)).send(draft);
    const illegal = await sys.http().post(`/api/v1/requests/${r.id}/actions/approve`).set(bearer(hub)).send({});
    expect(illegal.status).toBe(404); // a draft is not visible to the hub yet

    const wrongRole = await sys
      .http()
      .post(`/api/v1/requests/${r.id}/actions/start_triage`)
      .set(bearer(kenya))
      .send({});
    expect(wrongRole.status).toBe(403);

    const stale = await sys
      .http()
      .patch(`/api/v1/requests/${r.id}`)
      .set(bearer(kenya))
      .set('If-Match', '"7"')
      .send({ title: 'A new title' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('REQUEST_STALE_VERSION');

    const edited = await sys
      .http()
      .patch(`/api/v1/requests/${r.id}`)
      .set(bearer(kenya))
      .set('If-Match', '"1"')
      .send({ title: 'A new title' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'A new title', version: 2 });

    await sys.http().post(`/api/v1/requests/${r.id}/actions/submit`).set(bearer(kenya)).send({}).expect(200);
    const again = await sys.http().post(`/api/v1/requests/${r.id}/actions/submit`).set(bearer(kenya)).send({});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'REQUEST_INVALID_TRANSITION', allowedActions: ['withdraw'] });

    const notEditable = await sys
      .http()
      .patch(`/api/v1/requests/${r.id}`)
      .set(bearer(kenya))
      .send({ title: 'Too late' });
    expect(notEditable.status).toBe(409);
  });

  it('refuses to submit an incomplete request, naming the fields', async () => {
    const fp = await focalPoint('TZA');
    const { body: r } = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(fp))
      .send({ title: 'Only a title', objectives: [2], supportTypes: ['policy_advice'] });
    const res = await sys.http().post(`/api/v1/requests/${r.id}/actions/submit`).set(bearer(fp)).send({});
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['expectedResults', 'summary']);
  });

  it('starts triage with an assignee, one winner under concurrency, and keeps the timeline', async () => {
    const fp = await focalPoint('ETH');
    const { body: r } = await sys.http().post('/api/v1/requests').set(bearer(fp)).send(draft);
    await sys.http().post(`/api/v1/requests/${r.id}/actions/submit`).set(bearer(fp)).send({}).expect(200);
    const hub2 = await sys.user('hub_officer');
    const results = await Promise.all(
      [hub, hub2].map((h) => sys.http().post(`/api/v1/requests/${r.id}/actions/start_triage`).set(bearer(h)).send({})),
    );
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
    const winner = results.find((x) => x.status === 200)!;
    expect(winner.body.status).toBe('in_triage');
    expect([hub.id, hub2.id]).toContain(winner.body.assigneeId);

    const timeline = await sys.http().get(`/api/v1/requests/${r.id}/timeline`).set(bearer(fp));
    expect(timeline.body.items.map((e: { kind: string; toStatus: string }) => `${e.kind}:${e.toStatus}`)).toEqual([
      'created:draft',
      'transition:submitted',
      'transition:in_triage',
    ]);
    // who acted, by name (hub officers made by sys.user are named "<role> <n>"), and nothing else of the user
    const triage = timeline.body.items[2] as Record<string, unknown>;
    expect(triage.actorName).toMatch(/^hub_officer \d+$/);
    expect(triage).not.toHaveProperty('actor');
    expect(timeline.body.items[0].actorName).toBe('Focal ETH');

    const noteRes = await sys
      .http()
      .post(`/api/v1/requests/${r.id}/comments`)
      .set(bearer(hub))
      .send({ body: 'internal: check budget', internal: true });
    expect(noteRes.status).toBe(201);
    const fpView = await sys.http().get(`/api/v1/requests/${r.id}/timeline`).set(bearer(fp));
    expect(fpView.body.items.some((e: { internal: boolean }) => e.internal)).toBe(false);
    const hubView = await sys.http().get(`/api/v1/requests/${r.id}/timeline`).set(bearer(hub));
    expect(hubView.body.items.some((e: { internal: boolean }) => e.internal)).toBe(true);

    const audit = await sys.http().get(`/api/v1/audit?entityType=request&entityId=${r.id}`).set(bearer(admin));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'request.note_added',
      'request.start_triage',
      'request.submit',
      'request.created',
    ]);
  });
});
