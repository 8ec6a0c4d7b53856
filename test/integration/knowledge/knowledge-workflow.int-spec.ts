import { AuditService } from '@cbm/audit';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

describe('knowledge items: versions and the review workflow', () => {
  let sys: TestSystem;
  let author: TestUser;
  let reviewer: TestUser;
  let reviewer2: TestUser;
  let partner: TestUser;
  let otherPartner: TestUser;

  beforeAll(async () => {
    sys = await startTestSystem();
    [author, reviewer, reviewer2, partner, otherPartner] = await Promise.all([
      sys.user('hub_officer'),
      sys.user('hub_officer'),
      sys.user('hub_officer'),
      sys.user('partner_officer', { organisation: 'IOM' }),
      sys.user('partner_officer', { organisation: 'ILO' }),
    ]);
  });
  afterAll(() => sys?.close());

  const draft = {
    kind: 'practice',
    title: 'Portable social protection for seasonal workers',
    summary: 'Bilateral agreement letting seasonal migrant workers keep pension rights.',
    body: '## Context\n\nSeasonal workers lost contributions.\n\n<script>alert(1)</script>\n\n[site](javascript:alert(1)) and [ok](https://example.org)',
    objectives: [6, 22],
    actions: ['22.a'],
    countries: ['ESP', 'MAR'],
    tags: ['social protection'],
    translations: { fr: { title: 'Protection sociale portable pour les travailleurs saisonniers' } },
  };

  it('writes a draft, renders Markdown sanitised, and keeps it out of public reads', async () => {
    const res = await sys.http().post('/api/v1/knowledge/items').set(bearer(author)).send(draft).expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      licence: 'CC-BY-4.0',
      language: 'en',
      allowedActions: expect.arrayContaining(['submit_for_review']),
    });
    expect(res.body.bodyHtml).toContain('<h2>Context</h2>');
    expect(res.body.bodyHtml).not.toMatch(/script|javascript:/);
    expect(res.body.bodyHtml).toContain('href="https://example.org"');
    const id = res.body.id as string;
    await sys.http().get(`/api/v1/open/knowledge/${id}`).expect(404);
    const search = await sys.http().get('/api/v1/open/knowledge').query({ q: 'seasonal' }).expect(200);
    expect(search.body.total).toBe(0);
    await sys.http().get(`/api/v1/knowledge/items/${id}`).set(bearer(otherPartner)).expect(404);
  });

  it('refuses unknown reference values with the fields named', async () => {
    const res = await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(author))
      .send({ ...draft, countries: ['XXX'], actions: ['3.a'] })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['actions', 'countries']);
    await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(author))
      .send({ ...draft, objectives: [24] })
      .expect(400);
    await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(author))
      .send({ ...draft, surprise: 1 })
      .expect(400);
  });

  it('versions every edit; history and diff are readable', async () => {
    const { body: item } = await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(partner))
      .send(draft)
      .expect(201);
    await sys
      .http()
      .patch(`/api/v1/knowledge/items/${item.id}`)
      .set(bearer(partner))
      .send({ body: `${draft.body}\n\nNew paragraph.`, tags: ['pensions'], version: 1 })
      .expect(200);
    await sys
      .http()
      .patch(`/api/v1/knowledge/items/${item.id}`)
      .set(bearer(partner))
      .send({ title: 'Stale', version: 1 })
      .expect(409);
    await sys
      .http()
      .patch(`/api/v1/knowledge/items/${item.id}`)
      .set(bearer(otherPartner))
      .send({ title: 'Not mine' })
      .expect(404);
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${item.id}/actions/submit_for_review`)
      .set(bearer(partner))
      .send({})
      .expect(200);
    expect(
      (
        await sys
          .http()
          .post(`/api/v1/knowledge/items/${item.id}/actions/publish`)
          .set(bearer(partner))
          .send({ conflictOfInterest: false })
          .expect(403)
      ).body.code,
    ).toBe('KNOWLEDGE_FORBIDDEN');
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${item.id}/actions/return_to_draft`)
      .set(bearer(reviewer))
      .send({})
      .expect(200);
    const versions = await sys
      .http()
      .get(`/api/v1/knowledge/items/${item.id}/versions`)
      .set(bearer(partner))
      .expect(200);
    expect(versions.body.items.map((v: { version: number; change: string }) => [v.version, v.change])).toEqual([
      [1, 'created'],
      [2, 'updated'],
      [3, 'submit_for_review'],
      [4, 'return_to_draft'],
    ]);
    const diff = await sys
      .http()
      .get(`/api/v1/knowledge/items/${item.id}/diff`)
      .query({ from: 1, to: 2 })
      .set(bearer(partner))
      .expect(200);
    const fields = Object.fromEntries(diff.body.changes.map((c: { field: string }) => [c.field, c]));
    expect(Object.keys(fields).sort()).toEqual(['body', 'tags']);
    expect(fields.tags).toMatchObject({ added: ['pensions'], removed: ['social protection'] });
    expect(fields.body.lines).toEqual(expect.arrayContaining([{ op: '+', text: 'New paragraph.' }]));
    const v1 = await sys.http().get(`/api/v1/knowledge/items/${item.id}/versions/1`).set(bearer(partner)).expect(200);
    expect(v1.body.snapshot.tags).toEqual(['social protection']);
  });

  it('publishes only by a reviewer who is not the author and has no declared conflict', async () => {
    const { body: item } = await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(author))
      .send({ ...draft, title: 'Circular migration scheme for agriculture' })
      .expect(201);
    const act = (u: TestUser, action: string, body: object = {}) =>
      sys.http().post(`/api/v1/knowledge/items/${item.id}/actions/${action}`).set(bearer(u)).send(body);
    await act(author, 'publish', { conflictOfInterest: false }).expect(409);
    await act(author, 'submit_for_review').expect(200);
    expect((await act(author, 'publish', { conflictOfInterest: false }).expect(409)).body.code).toBe(
      'KNOWLEDGE_PUBLISHER_IS_AUTHOR',
    );
    await act(partner, 'publish', { conflictOfInterest: false }).expect(404); // another's draft is out of a partner's scope
    expect((await act(reviewer, 'publish').expect(422)).body.code).toBe('KNOWLEDGE_DECLARATION_REQUIRED');
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${item.id}/reviews`)
      .set(bearer(reviewer))
      .send({ conflictOfInterest: true, conflictStatement: 'I designed this scheme' })
      .expect(201);
    expect((await act(reviewer, 'publish', { conflictOfInterest: false }).expect(409)).body.code).toBe(
      'KNOWLEDGE_CONFLICT_OF_INTEREST',
    );
    expect((await act(reviewer, 'return_to_draft').expect(409)).body.code).toBe('KNOWLEDGE_CONFLICT_OF_INTEREST');
    const published = await act(reviewer2, 'publish', { conflictOfInterest: false, note: 'clear and sourced' }).expect(
      200,
    );
    expect(published.body).toMatchObject({ status: 'published', publishedById: reviewer2.id });
    await sys
      .http()
      .patch(`/api/v1/knowledge/items/${item.id}`)
      .set(bearer(author))
      .send({ title: 'Edited after publication' })
      .expect(409);

    const open = await sys.http().get(`/api/v1/open/knowledge/${item.id}`).expect(200);
    expect(open.body).toMatchObject({
      id: item.id,
      title: 'Circular migration scheme for agriculture',
      licence: 'CC-BY-4.0',
      regions: expect.arrayContaining(['Africa', 'Europe']),
    });
    expect(open.body.status).toBeUndefined();
    const etag = open.headers.etag as string;
    expect(etag).toBeTruthy();
    expect(open.headers['cache-control']).toContain('public');
    await sys.http().get(`/api/v1/open/knowledge/${item.id}`).set('If-None-Match', etag).expect(304);

    const reviews = await sys.http().get(`/api/v1/knowledge/items/${item.id}/reviews`).set(bearer(author)).expect(200);
    expect(
      reviews.body
        .map((r: { reviewerId: string; conflictOfInterest: boolean }) => [r.reviewerId, r.conflictOfInterest])
        .sort(),
    ).toEqual(
      [
        [reviewer.id, true],
        [reviewer2.id, false],
      ].sort(),
    );

    await act(reviewer, 'archive').expect(200);
    await sys.http().get(`/api/v1/open/knowledge/${item.id}`).expect(404);
    const events = await sys.app
      .get(AuditService)
      .list({ entityType: 'knowledge_item', entityId: item.id }, undefined, 50);
    expect(events.map((e: { action: string }) => e.action).sort()).toEqual(
      [
        'knowledge.item.archive',
        'knowledge.item.created',
        'knowledge.item.publish',
        'knowledge.item.submit_for_review',
        'knowledge.review.declared',
        'knowledge.review.declared',
      ].sort(),
    );
  });

  it('answers 404 for an unknown item and 400 for a bad action', async () => {
    await sys
      .http()
      .get('/api/v1/knowledge/items/0190a6f2-1111-7000-8000-000000000000')
      .set(bearer(author))
      .expect(404);
    await sys
      .http()
      .post('/api/v1/knowledge/items/0190a6f2-1111-7000-8000-000000000000/actions/explode')
      .set(bearer(author))
      .send({})
      .expect(400);
  });
});
