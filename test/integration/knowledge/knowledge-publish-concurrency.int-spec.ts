import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/**
 * 20 eligible reviewers publish the same item at the same moment: the status write is guarded in
 * SQL (`WHERE status = 'in_review' AND version = :v`), so one wins and the others get a 409 with
 * nothing written: one publication, one version row, one projection row, one audit event.
 * Meaningful on a real PostgreSQL server (DATABASE_URL); embedded it runs serially anyway.
 */
describe('knowledge publish under concurrency', () => {
  let sys: TestSystem;
  let author: TestUser;
  let reviewers: TestUser[];

  beforeAll(async () => {
    sys = await startTestSystem({ dbPoolSize: 25 });
    author = await sys.user('partner_officer', { organisation: 'IOM' });
    reviewers = [];
    for (let i = 0; i < 20; i++) reviewers.push(await sys.user(i % 5 === 4 ? 'admin' : 'hub_officer'));
  }, 180_000);
  afterAll(() => sys?.close());

  const inReview = async (title: string): Promise<string> => {
    const { body } = await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(author))
      .send({
        kind: 'practice',
        title,
        summary: 'Pension rights that follow seasonal workers home.',
        objectives: [22],
        countries: ['ESP'],
      })
      .expect(201);
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${body.id}/actions/submit_for_review`)
      .set(bearer(author))
      .send({})
      .expect(200);
    return body.id as string;
  };

  const publishAll = (id: string, body: object) =>
    Promise.all(
      reviewers.map((r) => sys.http().post(`/api/v1/knowledge/items/${id}/actions/publish`).set(bearer(r)).send(body)),
    );

  /**
   * The losers are refused by the workflow: the status they read is gone (409 stale, from the SQL
   * guard, when they read before the winner committed) or was never theirs to leave (409 invalid
   * transition, when they read after); never by a unique index at COMMIT after their effects ran.
   */
  const expectRefusedByTheWorkflow = (results: { status: number; body: { code?: string } }[]) => {
    const codes = new Set(results.filter((x) => x.status !== 200).map((x) => x.body.code));
    for (const code of codes) expect(['KNOWLEDGE_STALE_VERSION', 'KNOWLEDGE_INVALID_TRANSITION']).toContain(code);
  };

  const count = async (sql: string, id: string): Promise<number> =>
    Number((await sys.db.dataSource.query(sql, [id]))[0].n);

  const rowsOf = async (id: string) => ({
    published: await count(
      `SELECT count(*) AS n FROM knowledge_item WHERE id = $1 AND status = 'published' AND version = 3`,
      id,
    ),
    publishVersions: await count(
      `SELECT count(*) AS n FROM knowledge_item_version WHERE item_id = $1 AND change = 'publish'`,
      id,
    ),
    versions: await count(`SELECT count(*) AS n FROM knowledge_item_version WHERE item_id = $1`, id),
    projection: await count(`SELECT count(*) AS n FROM knowledge_search WHERE item_id = $1`, id),
    publishEvents: await count(
      `SELECT count(*) AS n FROM audit_event WHERE entity_id = $1 AND action = 'knowledge.item.publish'`,
      id,
    ),
    authorNotices: await count(
      `SELECT count(*) AS n FROM notification WHERE entity_id = $1 AND kind = 'knowledge.item.publish'`,
      id,
    ),
  });

  it('publishes once when every reviewer has declared beforehand', async () => {
    const id = await inReview('Portable pensions for seasonal workers');
    for (const r of reviewers)
      await sys
        .http()
        .post(`/api/v1/knowledge/items/${id}/reviews`)
        .set(bearer(r))
        .send({ conflictOfInterest: false })
        .expect(201);
    const eventsBefore = await count(`SELECT count(*) AS n FROM audit_event WHERE entity_id = $1`, id);

    const results = await publishAll(id, {});
    const statuses = results.map((x) => x.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    expectRefusedByTheWorkflow(results);
    const winner = reviewers[statuses.indexOf(200)];
    expect(results[statuses.indexOf(200)].body).toMatchObject({ status: 'published', publishedById: winner.id });

    expect(await rowsOf(id)).toEqual({
      published: 1,
      publishVersions: 1,
      versions: 3, // created, submit_for_review, publish
      projection: 1,
      publishEvents: 1,
      authorNotices: 1,
    });
    // the race added one audit event in all: the winner's publish
    expect(await count(`SELECT count(*) AS n FROM audit_event WHERE entity_id = $1`, id)).toBe(eventsBefore + 1);
    const open = await sys.http().get(`/api/v1/open/knowledge/${id}`).expect(200);
    expect(open.body.version).toBe(3);
  });

  it('publishes once when each reviewer declares with the publish, and keeps only the winner’s declaration', async () => {
    const id = await inReview('Skills recognition for returning nurses');
    const results = await publishAll(id, { conflictOfInterest: false });
    const statuses = results.map((x) => x.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    expectRefusedByTheWorkflow(results);
    const winner = reviewers[statuses.indexOf(200)];

    expect(await rowsOf(id)).toEqual({
      published: 1,
      publishVersions: 1,
      versions: 3,
      projection: 1,
      publishEvents: 1,
      authorNotices: 1,
    });
    // a loser's declaration went with its refused publish
    const declarations = await sys.db.dataSource.query(`SELECT reviewer_id FROM knowledge_review WHERE item_id = $1`, [
      id,
    ]);
    expect(declarations).toEqual([{ reviewer_id: winner.id }]);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_event WHERE entity_id = $1 AND action = 'knowledge.review.declared'`,
        id,
      ),
    ).toBe(1);
  });
});
