import { seedKnowledgeDemo } from '../../../apps/api/src/demo/demo-knowledge';
import { startTestSystem, TestSystem } from '../../support/test-system';

/** The demo's knowledge part goes through the services and shows in every public route. */
describe('knowledge demo data', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem();
    const [hub, hub2, partnerIom, partnerIlo] = await Promise.all([
      sys.user('hub_officer'),
      sys.user('hub_officer'),
      sys.user('partner_officer', { organisation: 'IOM' }),
      sys.user('partner_officer', { organisation: 'ILO' }),
    ]);
    const actor = (u: { id: string; role: string; organisationId?: string | null }) => ({
      id: u.id,
      role: u.role as never,
      organisationId: u.organisationId ?? null,
    });
    await seedKnowledgeDemo(sys.app, {
      hub: actor(hub),
      hub2: actor(hub2),
      partnerIom: actor(partnerIom),
      partnerIlo: actor(partnerIlo),
    });
  });
  afterAll(() => sys?.close());

  it('publishes thirty items in three languages and keeps drafts and reviews private', async () => {
    const all = await sys.http().get('/api/v1/open/knowledge').query({ limit: 100 }).expect(200);
    expect(all.body.total).toBe(30);
    expect(all.body.facets.language.map((f: { value: string }) => f.value).sort()).toEqual(['en', 'es', 'fr']);
    expect(all.body.facets.kind).toHaveLength(6);
    expect(JSON.stringify(all.body)).not.toMatch(/Draft:|Brouillon|Vulnerability screening/);
  });

  it('finds French, Spanish and translated items', async () => {
    const fr = await sys.http().get('/api/v1/open/knowledge').query({ q: 'réintégration' }).expect(200);
    expect(fr.body.items.length).toBeGreaterThan(0);
    const es = await sys.http().get('/api/v1/open/knowledge').query({ q: 'remesas' }).expect(200);
    expect(es.body.items.map((i: { language: string }) => i.language)).toContain('es');
    const translated = await sys
      .http()
      .get('/api/v1/open/knowledge')
      .query({ q: 'travailleurs saisonniers' })
      .expect(200);
    expect(translated.body.items.map((i: { title: string }) => i.title)).toContain(
      'Portable social protection for seasonal agricultural workers',
    );
  });

  it('counts each item once, whatever the number of its languages: total, items and facets agree', async () => {
    for (const query of [{ q: 'migrant' }, { q: 'migrant', kind: 'practice' }, { q: 'workers' }]) {
      const res = await sys
        .http()
        .get('/api/v1/open/knowledge')
        .query({ ...query, limit: 100 })
        .expect(200);
      expect(res.body.totalIsEstimate).toBe(false);
      expect(res.body.total).toBe(res.body.items.length);
      expect(res.body.facets.kind.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBe(res.body.total);
    }
  });
});
