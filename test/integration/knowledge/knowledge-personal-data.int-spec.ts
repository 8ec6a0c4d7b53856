import { AuditService } from '@cbm/audit';
import { PrivacyService } from '@cbm/privacy';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

interface Finding {
  id: string;
  field: string;
  kind: string;
  start: number;
  end: number;
  excerpt: string;
  status: string;
  override: { reason: string; byId: string } | null;
}

describe('knowledge items: personal data blocks publishing until redacted or overridden', () => {
  let sys: TestSystem;
  let author: TestUser;
  let reviewer: TestUser;
  let partner: TestUser;
  let otherPartner: TestUser;
  let focal: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    sys = await startTestSystem();
    [author, reviewer, partner, otherPartner, focal, admin] = await Promise.all([
      sys.user('hub_officer'),
      sys.user('hub_officer'),
      sys.user('partner_officer', { organisation: 'IOM' }),
      sys.user('partner_officer', { organisation: 'ILO' }),
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('admin'),
    ]);
  });
  afterAll(() => sys?.close());

  const passportBody =
    '## Case\n\nThe returnee, Ahmed Yusuf Hassan, passport no. P4829173, was assisted at the Moyale border post.';

  async function itemInReview(by: TestUser, body = passportBody, extra: Record<string, unknown> = {}) {
    const { body: item } = await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(by))
      .send({
        kind: 'practice',
        title: 'Border reception of returnees',
        summary: 'How returnees are received at the Moyale border post.',
        body,
        objectives: [21],
        ...extra,
      })
      .expect(201);
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${item.id}/actions/submit_for_review`)
      .set(bearer(by))
      .send({})
      .expect(200);
    return item.id as string;
  }

  const findings = async (id: string, as: TestUser = reviewer): Promise<Finding[]> =>
    (await sys.http().get(`/api/v1/knowledge/items/${id}/personal-data`).set(bearer(as)).expect(200)).body;
  const publish = (id: string, as: TestUser = reviewer) =>
    sys
      .http()
      .post(`/api/v1/knowledge/items/${id}/actions/publish`)
      .set(bearer(as))
      .send({ conflictOfInterest: false });
  const override = (id: string, findingId: string, as: TestUser, reason = 'Public figure named in a press release') =>
    sys
      .http()
      .post(`/api/v1/knowledge/items/${id}/personal-data/${findingId}/override`)
      .set(bearer(as))
      .send({ reason });

  it('shows each finding with its place and masked excerpt, and refuses to publish with 422 PERSONAL_DATA_FOUND', async () => {
    const id = await itemInReview(author);
    const found = await findings(id);
    expect(found.map((f) => [f.field, f.kind, f.status]).sort()).toEqual([
      ['body', 'name_with_identifier', 'open'],
      ['body', 'passport', 'open'],
    ]);
    const passport = found.find((f) => f.kind === 'passport');
    expect(passportBody.slice(passport?.start, passport?.end)).toBe('P4829173');
    expect(JSON.stringify(found)).not.toContain('P4829173');
    expect(JSON.stringify(found)).not.toContain('Hassan');

    const refused = await publish(id).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('PERSONAL_DATA_FOUND');
    expect(refused.body.findings.map((f: Finding) => f.id).sort()).toEqual(found.map((f) => f.id).sort());
    expect(JSON.stringify(refused.body)).not.toContain('P4829173');
    await sys.http().get(`/api/v1/open/knowledge/${id}`).expect(404);
    const item = await sys.http().get(`/api/v1/knowledge/items/${id}`).set(bearer(reviewer)).expect(200);
    expect(item.body.status).toBe('in_review');
  });

  it('publishes once the text is edited so the findings disappear (redacted)', async () => {
    const id = await itemInReview(author);
    const { body: current } = await sys.http().get(`/api/v1/knowledge/items/${id}`).set(bearer(author)).expect(200);
    await sys
      .http()
      .patch(`/api/v1/knowledge/items/${id}`)
      .set(bearer(author))
      .send({
        version: current.version,
        body: '## Case\n\nA returnee holding a valid passport was assisted at the Moyale border post.',
      })
      .expect(200);
    const after = await findings(id);
    expect(after.map((f) => f.status)).toEqual(['redacted', 'redacted']);
    await publish(id).expect(200);
    await sys.http().get(`/api/v1/open/knowledge/${id}`).expect(200);
  });

  it('publishes once a reviewer overrides each finding with a reason, audited with who and why', async () => {
    const id = await itemInReview(author, 'Contact for the toolkit: Mr Kwame Mensah, the ministry spokesperson.');
    const [finding] = await findings(id);
    expect(finding).toMatchObject({ kind: 'name_with_identifier', status: 'open' });
    await publish(id).expect(422);

    const res = await override(
      id,
      finding.id,
      reviewer,
      'The spokesperson is named in the ministry press release',
    ).expect(200);
    expect(res.body).toMatchObject({
      id: finding.id,
      status: 'overridden',
      override: { reason: 'The spokesperson is named in the ministry press release', byId: reviewer.id },
    });
    await override(id, finding.id, reviewer).expect(409); // not open any more
    await publish(id).expect(200);
    await sys.http().get(`/api/v1/open/knowledge/${id}`).expect(200);

    const events = await sys.app.get(AuditService).list({ entityType: 'knowledge_item', entityId: id }, undefined, 50);
    const audited = events.find((e: { action: string }) => e.action === 'knowledge.item.personal_data_overridden');
    expect(audited).toMatchObject({
      actorId: reviewer.id,
      after: { findingId: finding.id, reason: 'The spokesperson is named in the ministry press release' },
    });
  });

  it('an override holds while the same data stays in the text; new personal data blocks again', async () => {
    const id = await itemInReview(author, 'Contact: Mr Kwame Mensah, the ministry spokesperson.');
    const [finding] = await findings(id);
    await override(id, finding.id, reviewer).expect(200);
    const { body: current } = await sys.http().get(`/api/v1/knowledge/items/${id}`).set(bearer(author)).expect(200);
    await sys
      .http()
      .patch(`/api/v1/knowledge/items/${id}`)
      .set(bearer(author))
      .send({
        version: current.version,
        body: 'Contact: Mr Kwame Mensah, the ministry spokesperson. His mobile is +254 712 345 678.',
      })
      .expect(200);
    const now = await findings(id);
    expect(now.find((f) => f.id === finding.id)?.status).toBe('overridden');
    expect(now.filter((f) => f.status === 'open').map((f) => f.kind)).toEqual(['phone']);
    const refused = await publish(id).expect(422);
    expect(refused.body.findings.map((f: Finding) => f.kind)).toEqual(['phone']);
  });

  it("counts the findings of the item's documents (their extracted text, recorded with scanText) as the item's", async () => {
    const id = await itemInReview(author, 'The curriculum is attached.');
    expect(await findings(id)).toEqual([]);
    const documentId = '0190a6f2-3333-7000-8000-000000000001';
    await sys.app
      .get(PrivacyService)
      .scanText('document', documentId, 'text', 'Trainee list: passport number EK0418823.', {
        parent: { type: 'knowledge_item', id },
      });
    const [inDocument] = await findings(id);
    expect(inDocument).toMatchObject({
      subjectType: 'document',
      subjectId: documentId,
      field: 'text',
      kind: 'passport',
    });
    const refused = await publish(id).expect(422);
    expect(refused.body.findings.map((f: Finding) => f.id)).toEqual([inDocument.id]);
    await override(id, inDocument.id, reviewer, 'A specimen number from the training handbook').expect(200);
    await publish(id).expect(200);
  });

  it('scans translations too', async () => {
    const id = await itemInReview(author, 'No personal data here: 1,250,000 USD for objective 21.', {
      translations: { fr: { title: 'Accueil des rapatriés', summary: 'Contact : aicha.konate91@gmail.com' } },
    });
    const found = await findings(id);
    expect(found.map((f) => [f.field, f.kind])).toEqual([['translations.fr.summary', 'email']]);
    await publish(id).expect(422);
  });

  it('lets only reviewers other than the author override; others get 403, outsiders 404', async () => {
    const id = await itemInReview(partner);
    const [finding] = await findings(id);
    await override(id, finding.id, partner).expect(403); // partner officers do not review
    await override(id, finding.id, focal).expect(403);
    await sys.http().get(`/api/v1/knowledge/items/${id}/personal-data`).set(bearer(focal)).expect(403);
    await sys.http().get(`/api/v1/knowledge/items/${id}/personal-data`).set(bearer(otherPartner)).expect(404);
    await sys.http().get(`/api/v1/knowledge/items/${id}/personal-data`).set(bearer(partner)).expect(200);
    await override(id, '0190a6f2-1111-7000-8000-000000000000', reviewer).expect(404);
    await override(id, finding.id, reviewer, '  ').expect(400);
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${id}/personal-data/${finding.id}/override`)
      .set(bearer(reviewer))
      .send({ reason: 'A sufficient reason', extra: 1 })
      .expect(400);

    const own = await itemInReview(author);
    const [mine] = await findings(own);
    await override(own, mine.id, author).expect(403); // the author does not clear their own item
    await override(own, mine.id, admin).expect(200);
  });
});
