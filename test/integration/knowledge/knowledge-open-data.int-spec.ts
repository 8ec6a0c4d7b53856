import { Actor, Database } from '@cbm/core';
import { KnowledgeItemService, NewItem } from '@cbm/knowledge';
import request from 'supertest';
import { createHttpApp } from '../../../apps/api/src/http-app';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/** Search, facets, open reads and bulk downloads over a small published set (and drafts that must not show). */
describe('open knowledge: search, facets, downloads, catalogue', () => {
  let sys: TestSystem;
  let hub: TestUser;
  let reviewer: TestUser;
  const ids: Record<string, string> = {};

  const items: (NewItem & { key: string; publish: boolean; organisationsByAcronym?: string[] })[] = [
    {
      key: 'remit',
      publish: true,
      kind: 'practice',
      title: 'Lowering remittance costs through digital channels',
      summary: 'Mobile money corridors cut the cost of sending remittances home.',
      body: 'Remittance fees fell below 3 percent after regulators opened the corridor.',
      objectives: [20],
      countries: ['KEN'],
      language: 'en',
      year: 2022,
    },
    {
      key: 'remit2',
      publish: true,
      kind: 'evidence',
      title: 'Evidence review on diaspora investment',
      summary: 'What works to channel diaspora savings and remittance flows into local investment.',
      body: 'A review of 40 studies.',
      objectives: [19, 20],
      countries: ['PHL'],
      language: 'en',
      year: 2023,
    },
    {
      key: 'fr',
      publish: true,
      kind: 'practice',
      title: 'Guichets uniques pour les travailleurs migrants',
      summary: 'Des guichets uniques informent les travailleurs migrants de leurs droits.',
      body: 'Les travailleurs reçoivent des informations avant le départ.',
      objectives: [3, 6],
      countries: ['SEN'],
      language: 'fr',
      year: 2021,
    },
    {
      key: 'es',
      publish: true,
      kind: 'tool',
      title: 'Herramienta de registro para niños migrantes',
      summary: 'Registro civil de niños y niñas en tránsito.',
      body: 'La herramienta permite el registro de nacimientos.',
      objectives: [4],
      countries: ['MEX', 'GTM'],
      language: 'es',
      year: 2023,
    },
    {
      key: 'labour',
      publish: true,
      kind: 'initiative',
      title: 'Fair recruitment initiative for labour migration',
      summary: 'Employers pay recruitment fees, not workers.',
      body: 'Recruitment **agencies** are licensed and monitored.',
      objectives: [6],
      countries: ['NPL', 'QAT'],
      language: 'en',
      year: 2022,
      organisationsByAcronym: ['ILO'],
    },
    {
      key: 'draft',
      publish: false,
      kind: 'practice',
      title: 'Secret remittance draft not for the public',
      summary: 'A remittance draft.',
      body: 'remittance remittance',
      objectives: [20],
      countries: ['KEN'],
      language: 'en',
    },
  ];

  beforeAll(async () => {
    sys = await startTestSystem();
    hub = await sys.user('hub_officer');
    reviewer = await sys.user('hub_officer');
    const svc = sys.app.get(KnowledgeItemService);
    const author: Actor = { id: hub.id, role: 'hub_officer' };
    const publisher: Actor = { id: reviewer.id, role: 'hub_officer' };
    for (const { key, publish, organisationsByAcronym, ...input } of items) {
      if (organisationsByAcronym)
        input.organisations = await Promise.all(organisationsByAcronym.map((a) => sys.organisationId(a)));
      ids[key] = await sys.app.get(Database).transaction(async (t) => {
        const k = await svc.create(author, input, t);
        if (publish) {
          await svc.act(author, k.id, 'submit_for_review', {}, undefined, t);
          await svc.act(publisher, k.id, 'publish', { conflictOfInterest: false }, undefined, t);
        }
        return k.id;
      });
    }
  });
  afterAll(() => sys?.close());

  const search = (query: Record<string, string | number>) =>
    sys.http().get('/api/v1/open/knowledge').query(query).expect(200);

  it('ranks title matches first, highlights, and never shows drafts', async () => {
    const res = await search({ q: 'remittance' });
    expect(res.body).toMatchObject({ total: 2, totalIsEstimate: false, mode: 'fulltext' });
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([ids.remit, ids.remit2]);
    expect(res.body.items[0].snippet).toMatch(/<mark>[Rr]emittance/);
    expect(res.body.items[0].body).toBeUndefined();
    expect(res.headers['cache-control']).toContain('public');
    expect(JSON.stringify(res.body)).not.toContain('Secret');
  });

  it('understands websearch syntax and per-language stemming', async () => {
    expect((await search({ q: '"diaspora investment"' })).body.items.map((i: { id: string }) => i.id)).toEqual([
      ids.remit2,
    ]);
    expect((await search({ q: 'remittance -diaspora' })).body.items.map((i: { id: string }) => i.id)).toEqual([
      ids.remit,
    ]);
    expect((await search({ q: 'travailleur' })).body.items.map((i: { id: string }) => i.id)).toEqual([ids.fr]);
    expect((await search({ q: 'niño registro' })).body.items.map((i: { id: string }) => i.id)).toEqual([ids.es]);
  });

  it('finds items by misspelt words through the trigram vocabulary of titles and summaries', async () => {
    const res = await search({ q: 'recruitmnt' });
    expect(res.body).toMatchObject({ mode: 'fuzzy', didYouMean: 'recruitment' });
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([ids.labour]);
    expect((await search({ q: 'remitance costs' })).body.items.map((i: { id: string }) => i.id)).toContain(ids.remit);
    // a draft's words are not in the vocabulary
    expect((await search({ q: 'secrett' })).body.items).toEqual([]);
  });

  it('filters and counts facets on the filtered set', async () => {
    const all = await search({});
    expect(all.body).toMatchObject({ total: 5, mode: 'browse' });
    const kinds = Object.fromEntries(
      all.body.facets.kind.map((f: { value: string; count: number }) => [f.value, f.count]),
    );
    expect(kinds).toEqual({ practice: 2, evidence: 1, tool: 1, initiative: 1 });
    const obj20 = await search({ objective: 20 });
    expect(obj20.body.total).toBe(2);
    expect(obj20.body.facets.country).toEqual(
      expect.arrayContaining([
        { value: 'KEN', count: 1 },
        { value: 'PHL', count: 1 },
      ]),
    );
    expect(obj20.body.facets.objective).toEqual(
      expect.arrayContaining([
        { value: 20, count: 2 },
        { value: 19, count: 1 },
      ]),
    );
    expect((await search({ region: 'Americas' })).body.items.map((i: { id: string }) => i.id)).toEqual([ids.es]);
    expect((await search({ kind: 'practice', language: 'fr' })).body.total).toBe(1);
    expect((await search({ year: 2022, q: 'recruitment' })).body.items.map((i: { id: string }) => i.id)).toEqual([
      ids.labour,
    ]);
    expect((await search({ country: 'KEN' })).body.total).toBe(1);
    const ilo = await sys.organisationId('ILO');
    expect((await search({ organisation: 'ILO' })).body.items.map((i: { id: string }) => i.id)).toEqual([ids.labour]);
    expect((await search({ organisation: ilo })).body.facets.organisation).toEqual([{ value: ilo, count: 1 }]);
    expect((await search({ organisation: 'NOPE' })).body.total).toBe(0);
    await sys.http().get('/api/v1/open/knowledge').query({ objective: 99 }).expect(400);
  });

  it('pages with a keyset cursor without repeating or losing items', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await search({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const first = await search({ q: 'remittance', limit: 1 });
    const second = await search({ q: 'remittance', limit: 1, cursor: first.body.nextCursor });
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual([ids.remit, ids.remit2]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('streams CSV and JSON Lines of published items only, with an ETag', async () => {
    const csv = await sys.http().get('/api/v1/open/knowledge.csv').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^id,kind,title,summary,objectives/);
    expect(lines).toHaveLength(6);
    expect(csv.text).not.toContain('Secret');
    const jsonl = await sys.http().get('/api/v1/open/knowledge.jsonl').expect(200);
    const rows = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; licence: string });
    expect(rows.map((r) => r.id).sort()).toEqual(
      Object.entries(ids)
        .filter(([k]) => k !== 'draft')
        .map(([, v]) => v)
        .sort(),
    );
    expect(rows.every((r) => r.licence === 'CC-BY-4.0')).toBe(true);
    await sys
      .http()
      .get('/api/v1/open/knowledge.jsonl')
      .set('If-None-Match', jsonl.headers.etag as string)
      .expect(304);
    await sys.http().get(`/api/v1/open/knowledge/${ids.draft}`).expect(404);
  });

  it('describes the open datasets in a DCAT catalogue', async () => {
    const res = await sys.http().get('/api/v1/open/catalog.jsonld').expect(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const cat = JSON.parse(res.text);
    expect(cat['@type']).toBe('dcat:Catalog');
    const urls = cat['dcat:dataset'].flatMap(
      (d: { 'dcat:distribution': { 'dcat:downloadURL': { '@id': string } }[] }) =>
        d['dcat:distribution'].map((x) => x['dcat:downloadURL']['@id']),
    );
    expect(urls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/api\/v1\/open\/knowledge\.csv$/),
        expect.stringMatching(/\/api\/v1\/fund\/summary$/),
        expect.stringMatching(/\/api\/v1\/open\/iati\/activities\.xml$/),
        expect.stringMatching(/\/api\/v1\/open\/iati\/organisation\.xml$/),
      ]),
    );
    expect(
      cat['dcat:dataset'].every((d: { 'dct:license': { '@id': string } }) =>
        d['dct:license']['@id'].includes('creativecommons.org'),
      ),
    ).toBe(true);
  });

  it('limits bulk downloads per address', async () => {
    let limited = 0;
    for (let i = 0; i < 32; i++) {
      const res = await sys.http().get('/api/v1/open/knowledge.jsonl');
      expect(res.headers['ratelimit-limit']).toBe('30');
      if (res.status === 429) {
        limited++;
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
        expect(res.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      }
    }
    expect(limited).toBeGreaterThan(0);
    // one route's limit does not close the others
    await sys.http().get(`/api/v1/open/knowledge/${ids.remit}`).expect(200);
    // and routes that are not open data are not counted
    expect((await sys.http().get('/api/v1/fund/summary')).headers['ratelimit-limit']).toBeUndefined();
    void bearer;
  });

  it('counts an address across API replicas when Redis holds the count (server mode), per replica without', async () => {
    const replica = await createHttpApp({
      config: sys.config,
      dataSource: sys.db.dataSource,
      clock: sys.clock,
      queuePrefix: sys.queuePrefix,
      runRelay: false,
      runWorkers: false,
    });
    await replica.init();
    await replica.getHttpAdapter().getInstance().ready();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        await sys.http().get('/api/v1/open/knowledge.csv');
        statuses.push((await request(replica.getHttpServer()).get('/api/v1/open/knowledge.csv')).status);
      }
      // the replica alone saw 20 of the 30 allowed
      const limitedOnReplica = statuses.filter((s) => s === 429).length;
      if (sys.config.redisUrl) expect(limitedOnReplica).toBeGreaterThan(0);
      else expect(limitedOnReplica).toBe(0);
    } finally {
      await replica.close();
    }
  });
});
