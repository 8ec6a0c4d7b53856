import { JobScheduler } from '@cbm/jobs';
import { SLA_SCAN_TASK } from '@cbm/hub';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/** Service-level clocks on the request, the triage queue's filters and sort, and the overdue scan. */
describe('hub service levels and triage queue', () => {
  let sys: TestSystem;
  let kenya: TestUser, mexico: TestUser, hub: TestUser, hub2: TestUser;
  const ids: string[] = [];
  const draft = (title: string, objectives: number[]) => ({
    title,
    summary: 'A summary long enough.',
    expectedResults: 'Results.',
    objectives,
    supportTypes: ['policy_advice'],
  });
  const act = (u: TestUser, id: string, action: string, body: Record<string, unknown> = {}) =>
    sys.http().post(`/api/v1/requests/${id}/actions/${action}`).set(bearer(u)).send(body).expect(200);
  const notifications = async (u: TestUser, kind: string) =>
    (await sys.http().get('/api/v1/notifications').set(bearer(u)).expect(200)).body.items.filter(
      (n: { kind: string }) => n.kind === kind,
    );
  const scan = () => sys.app.get(JobScheduler).runNow(SLA_SCAN_TASK);

  beforeAll(async () => {
    sys = await startTestSystem();
    [kenya, mexico, hub, hub2] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('focal_point', { countryCode: 'MEX' }),
      sys.user('hub_officer'),
      sys.user('hub_officer'),
    ]);
    // Monday 2026-03-02: A submitted, B submitted a day later, C submitted and triaged (assessment clock)
    sys.clock.freeze(new Date('2026-03-02T09:00:00Z'));
    for (const [u, title, objectives] of [
      [kenya, 'A: labour migration data', [1]],
      [mexico, 'B: fair recruitment', [6]],
      [kenya, 'C: reintegration', [21]],
    ] as const) {
      const r = await sys
        .http()
        .post('/api/v1/requests')
        .set(bearer(u))
        .send(draft(title, [...objectives]))
        .expect(201);
      ids.push(r.body.id);
    }
    await act(kenya, ids[0], 'submit');
    await act(kenya, ids[2], 'submit');
    await act(hub, ids[2], 'start_triage', { assigneeId: hub2.id });
    sys.clock.freeze(new Date('2026-03-03T09:00:00Z'));
    await act(mexico, ids[1], 'submit');
  });
  afterAll(() => sys?.close());

  it('shows each clock with its due date and state', async () => {
    const a = await sys.http().get(`/api/v1/requests/${ids[0]}`).set(bearer(hub)).expect(200);
    expect(a.body.serviceLevels).toEqual([
      { clock: 'triage', state: 'running', dueAt: '2026-03-09T09:00:00.000Z', endedAt: null },
      { clock: 'information', state: 'not_started', dueAt: null, endedAt: null },
      { clock: 'assessment', state: 'not_started', dueAt: null, endedAt: null },
    ]);
    const c = await sys.http().get(`/api/v1/requests/${ids[2]}`).set(bearer(hub)).expect(200);
    expect(c.body.serviceLevels.map((s: { state: string }) => s.state)).toEqual(['met', 'not_started', 'running']);
    expect(c.body.dueAt).toBe('2026-03-30T09:00:00.000Z');
  });

  it('sorts the triage queue by due date and pages through it', async () => {
    const first = await sys.http().get('/api/v1/requests?sort=due&limit=2').set(bearer(hub)).expect(200);
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0], ids[1]]);
    const second = await sys
      .http()
      .get(`/api/v1/requests?sort=due&limit=2&cursor=${first.body.nextCursor}`)
      .set(bearer(hub))
      .expect(200);
    expect(second.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect(second.body.nextCursor).toBeNull();
    const mine = await sys
      .http()
      .get(`/api/v1/requests?assigneeId=${hub2.id}&objective=21&countryCode=KEN&status=in_triage`)
      .set(bearer(hub))
      .expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
  });

  it('filters overdue requests, flags them once, tells the assignee and escalates after the grace period', async () => {
    sys.clock.freeze(new Date('2026-03-10T09:00:00Z')); // A's triage ran out on the 9th, B's runs out on the 10th at 09:00
    const overdue = await sys.http().get('/api/v1/requests?overdue=true').set(bearer(hub)).expect(200);
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true });
    const onTime = await sys.http().get('/api/v1/requests?overdue=false').set(bearer(hub)).expect(200);
    expect(onTime.body.items.map((r: { id: string }) => r.id).sort()).toEqual([ids[1], ids[2]].sort());

    await scan();
    await scan(); // idempotent
    // A has no assignee yet: every hub officer hears of it, once
    expect(await notifications(hub, 'request.sla.overdue')).toHaveLength(1);
    expect(await notifications(hub, 'request.sla.escalated')).toHaveLength(0);

    sys.clock.freeze(new Date('2026-03-13T10:00:00Z')); // 2 working days after the flag (and B now overdue too)
    await scan();
    await scan();
    expect(await notifications(hub, 'request.sla.escalated')).toHaveLength(1);
    expect(await notifications(hub, 'request.sla.overdue')).toHaveLength(2);
  });

  it('moves the due date when the assessment clock pauses and resumes', async () => {
    sys.clock.freeze(new Date('2026-03-16T09:00:00Z')); // Monday
    await act(hub2, ids[2], 'request_info', { question: 'Which counties?' });
    const paused = await sys.http().get(`/api/v1/requests/${ids[2]}`).set(bearer(hub)).expect(200);
    expect(paused.body.serviceLevels[2].state).toBe('paused');
    expect(paused.body.dueAt).toBe('2026-04-06T09:00:00.000Z'); // the requester's 15 working days
    sys.clock.freeze(new Date('2026-03-23T09:00:00Z')); // a week later
    await act(kenya, ids[2], 'provide_info', { answer: 'Mombasa and Kiambu.' });
    const resumed = await sys.http().get(`/api/v1/requests/${ids[2]}`).set(bearer(hub)).expect(200);
    expect(resumed.body.serviceLevels[2]).toMatchObject({ state: 'running', dueAt: '2026-04-06T09:00:00.000Z' });
    expect(resumed.body.serviceLevels[1]).toMatchObject({ state: 'met' });
  });
});
