import { Database } from '@cbm/core';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/**
 * The same step taken by many at once: the workflow's check in code passes for all of them (each
 * read the request before any wrote), so only the SQL guard (`WHERE status = :from AND version = :v`)
 * can keep the second effect out. Meaningful on a real PostgreSQL server (DATABASE_URL); embedded,
 * requests run one after another and the same answers must come out.
 */
describe('support request steps under concurrency', () => {
  let sys: TestSystem;
  let db: Database;
  let focal: TestUser;
  let officers: TestUser[];

  beforeAll(async () => {
    sys = await startTestSystem({ dbPoolSize: 25 });
    db = sys.app.get(Database);
    focal = await sys.user('focal_point', { countryCode: 'KEN' });
    officers = await Promise.all(Array.from({ length: 20 }, () => sys.user('hub_officer')));
  }, 180_000);
  afterAll(() => sys?.close());

  const submitted = async (title: string) => {
    const created = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(focal))
      .send({
        title,
        summary: 'Labour migration data for the race test.',
        expectedResults: 'One effect per step.',
        objectives: [1],
        supportTypes: ['technical_assistance'],
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await sys.http().post(`/api/v1/requests/${id}/actions/submit`).set(bearer(focal)).send({})).status).toBe(
      200,
    );
    return id;
  };

  const count = async (sql: string, ...params: string[]) => Number((await db.query<{ n: string }>(sql, params))[0].n);

  it.each([1, 2, 3])(
    '20 officers starting triage at once: one takes it, one entry, one event (round %i)',
    async (round) => {
      const id = await submitted(`Race for triage ${round}`);
      const answers = await Promise.all(
        officers.map((o) =>
          sys.http().post(`/api/v1/requests/${id}/actions/start_triage`).set(bearer(o)).send({ assigneeId: o.id }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
      const winner = officers[statuses.indexOf(200)];

      const r = await sys.http().get(`/api/v1/requests/${id}`).set(bearer(winner));
      expect(r.body).toMatchObject({ status: 'in_triage', assigneeId: winner.id, version: 3 });
      expect(
        await count(
          `SELECT count(*) AS n FROM request_timeline_entry WHERE request_id = $1 AND action = 'start_triage'`,
          id,
        ),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*) AS n FROM audit_event WHERE entity_id = $1 AND action = 'request.start_triage'`,
          id,
        ),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*) AS n FROM outbox WHERE payload->>'id' = $1 AND payload->>'action' = 'start_triage'`,
          id,
        ),
      ).toBe(1); // one subscriber (the fund) of request.transitioned
      // the focal point is told once, by the one step that happened
      expect(
        await count(
          `SELECT count(*) AS n FROM notification WHERE entity_id = $1 AND kind = 'request.start_triage' AND user_id = $2`,
          id,
          focal.id,
        ),
      ).toBe(1);
    },
  );

  it('20 edits of the same version: one lands, the others are told the request changed', async () => {
    const created = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(focal))
      .send({ title: 'Race for an edit', objectives: [2], supportTypes: ['policy_advice'] });
    const id = created.body.id as string;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sys
          .http()
          .patch(`/api/v1/requests/${id}`)
          .set(bearer(focal))
          .set('If-Match', '1')
          .send({ summary: `Edit number ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    const landed = answers[statuses.indexOf(200)].body.summary as string;
    const r = await sys.http().get(`/api/v1/requests/${id}`).set(bearer(focal));
    expect(r.body).toMatchObject({ summary: landed, version: 2 });
    expect(
      await count(`SELECT count(*) AS n FROM audit_event WHERE entity_id = $1 AND action = 'request.updated'`, id),
    ).toBe(1);
  });

  it('asking for information racing a decline: exactly one of them happens', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await submitted(`Ask or decline ${round}`);
      const [hub, hub2] = officers;
      expect(
        (await sys.http().post(`/api/v1/requests/${id}/actions/start_triage`).set(bearer(hub)).send({})).status,
      ).toBe(200);
      const [ask, decline] = await Promise.all([
        sys.http().post(`/api/v1/requests/${id}/actions/request_info`).set(bearer(hub)).send({ question: 'Budget?' }),
        sys.http().post(`/api/v1/requests/${id}/actions/decline`).set(bearer(hub2)).send({ reason: 'Out of scope' }),
      ]);
      expect([ask.status, decline.status].sort()).toEqual([200, 409]);
      const r = await sys.http().get(`/api/v1/requests/${id}`).set(bearer(focal));
      expect(r.body.status).toBe(ask.status === 200 ? 'info_requested' : 'declined');
      expect(
        await count(
          `SELECT count(*) AS n FROM request_timeline_entry WHERE request_id = $1 AND action IN ('request_info', 'decline')`,
          id,
        ),
      ).toBe(1);
    }
  });
});
