import { Database, newId } from '@cbm/core';
import { EventBus } from '@cbm/jobs';
import { KnowledgePublicService } from '@cbm/knowledge';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

const CSV = `Partnership ID,Title,Description,GCM Objectives,Countries,Partners,Website,Year
PFP-001,Skills partnership for nurses,Training nurses before departure with recognised qualifications.,18;5,PHL;DEU,IOM;ILO;Unknown NGO,https://example.org/pfp-001,2021
PFP-002,Migrant resource centres,One-stop centres give information on regular pathways.,3,SEN,IOM,https://example.org/pfp-002,2020
PFP-003,Broken row,Objective out of range.,31,ZZZ,,not-a-url,1800
PFP-004,Diaspora bonds,Channelling diaspora savings into infrastructure.,19,ETH,,https://example.org/pfp-004,2019
`;

describe('knowledge import and solutions from completed requests', () => {
  let sys: TestSystem;
  let hub: TestUser;
  let reviewer: TestUser;

  beforeAll(async () => {
    sys = await startTestSystem();
    hub = await sys.user('hub_officer');
    reviewer = await sys.user('hub_officer');
  });
  afterAll(() => sys?.close());

  const upload = (csv: string, query = 'source=gfmd-pfp') =>
    sys.http().post(`/api/v1/knowledge/imports?${query}`).set(bearer(hub)).set('Content-Type', 'text/csv').send(csv);

  it('imports a partnership CSV: bad rows reported, the rest landed, a re-import updates instead of duplicating', async () => {
    const first = await upload(CSV).expect(200);
    expect(first.body).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    const bad = first.body.errors.filter((e: { row: number }) => e.row === 3);
    expect(bad.map((e: { field: string }) => e.field).sort()).toEqual(['countries', 'objectives', 'sourceUrl', 'year']);
    expect(bad.every((e: { sourceId: string }) => e.sourceId === 'PFP-003')).toBe(true);
    expect(first.body.warnings).toEqual([
      expect.objectContaining({ row: 1, message: expect.stringContaining('Unknown NGO') }),
    ]);

    const list = await sys
      .http()
      .get('/api/v1/knowledge/items')
      .query({ status: 'draft' })
      .set(bearer(hub))
      .expect(200);
    const imported = list.body.items.filter((i: { source: string }) => i.source === 'gfmd-pfp');
    expect(imported.map((i: { sourceId: string }) => i.sourceId).sort()).toEqual(['PFP-001', 'PFP-002', 'PFP-004']);
    const nurses = imported.find((i: { sourceId: string }) => i.sourceId === 'PFP-001');
    expect(nurses).toMatchObject({
      objectives: [5, 18],
      countries: ['PHL', 'DEU'],
      year: 2021,
      sourceUrl: 'https://example.org/pfp-001',
      kind: 'practice',
    });
    expect(nurses.organisations).toHaveLength(2);

    const again = await upload(CSV.replace('One-stop centres', 'One-stop centres in three regions')).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 1, skipped: 2 });
    const after = await sys.http().get('/api/v1/knowledge/items').set(bearer(hub)).expect(200);
    expect(after.body.items.filter((i: { source: string }) => i.source === 'gfmd-pfp')).toHaveLength(3);
    const centres = after.body.items.find((i: { sourceId: string }) => i.sourceId === 'PFP-002');
    expect(centres.version).toBe(2);
  });

  it('imports JSON records into review when asked, and refuses a malformed request whole', async () => {
    const res = await sys
      .http()
      .post('/api/v1/knowledge/imports')
      .set(bearer(hub))
      .send({
        format: 'json',
        source: 'gfmd-pfp',
        submitForReview: true,
        records: [
          {
            sourceId: 'J-1',
            title: 'Portable pensions agreement',
            summary: 'Totalisation of contributions.',
            objectives: [22],
            countries: ['MAR', 'ESP'],
            kind: 'initiative',
            language: 'en',
            translations: { fr: { title: 'Accord sur les pensions portables' } },
          },
          { sourceId: 'J-2', title: 'x', objectives: [] },
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({ created: 1 });
    expect(res.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`).sort()).toEqual([
      '2:objectives',
      '2:title',
    ]);
    const items = await sys
      .http()
      .get('/api/v1/knowledge/items')
      .query({ status: 'in_review' })
      .set(bearer(hub))
      .expect(200);
    expect(items.body.items.map((i: { sourceId: string }) => i.sourceId)).toContain('J-1');
    await sys
      .http()
      .post('/api/v1/knowledge/imports')
      .set(bearer(hub))
      .send({ format: 'xml', source: 'gfmd-pfp', records: [] })
      .expect(400);
    await sys
      .http()
      .post('/api/v1/knowledge/imports')
      .set(bearer(hub))
      .send({ format: 'json', source: 'hub', records: [] })
      .expect(400);
    await upload(CSV, 'source=gfmd-pfp').set(bearer(reviewer)).expect(200);
    const partner = await sys.user('partner_officer', { organisation: 'IOM' });
    await sys
      .http()
      .post('/api/v1/knowledge/imports?source=x1')
      .set(bearer(partner))
      .set('Content-Type', 'text/csv')
      .send(CSV)
      .expect(403);
  });

  it('turns a completed request into a solution in review, once, that feeds similar solutions', async () => {
    const requestId = newId();
    const iom = await sys.organisationId('IOM');
    const facts = {
      id: requestId,
      reference: 'CBM-2026-KEN-0042',
      title: 'Reintegration support for returning migrant workers',
      status: 'completed',
      countryCode: 'KEN',
      objectives: [21, 6],
      leadOrganisationId: iom,
      organisationIds: [iom],
      lessonsLearned: 'Early counselling and skills certification doubled job placement for returnees.',
      finalReportId: null,
    };
    const publish = () =>
      sys.app
        .get(Database)
        .transaction(async (t) => sys.app.get(EventBus).publisher(t)({ name: 'request.completed', payload: facts }));
    await publish();
    await publish();
    const find = async () =>
      (
        await sys.http().get('/api/v1/knowledge/items').query({ status: 'in_review' }).set(bearer(hub)).expect(200)
      ).body.items.filter((i: { sourceId: string }) => i.sourceId === requestId);
    let found: {
      id: string;
      kind: string;
      replicatedFrom: { reference: string };
      countries: string[];
      objectives: number[];
    }[] = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      found = await find();
    }
    await new Promise((r) => setTimeout(r, 1000));
    found = await find();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'solution',
      countries: ['KEN'],
      objectives: [6, 21],
      replicatedFrom: { reference: 'CBM-2026-KEN-0042' },
    });

    await sys
      .http()
      .post(`/api/v1/knowledge/items/${found[0].id}/actions/publish`)
      .set(bearer(hub))
      .send({ conflictOfInterest: false })
      .expect(200);
    const open = await sys.http().get(`/api/v1/open/knowledge/${found[0].id}`).expect(200);
    expect(open.body.replicatedFrom).toMatchObject({ requestId, reference: 'CBM-2026-KEN-0042' });

    const similar = await sys.app.get(KnowledgePublicService).similarItems({
      text: 'Returning migrant workers need counselling and skills certification for reintegration',
      objectives: [21],
      countryCode: 'UGA',
      limit: 5,
    });
    expect(similar[0]).toMatchObject({ id: found[0].id, kind: 'solution' });
    expect(similar[0].reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('objective'),
        expect.stringContaining('same region'),
        expect.stringContaining('CBM-2026-KEN-0042'),
      ]),
    );
    expect(similar[0].reasons.join(' ')).toMatch(/shares the terms .*(counsel|reintegr|certif)/);
  });
});
