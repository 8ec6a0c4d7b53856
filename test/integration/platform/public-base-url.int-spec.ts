import { readOperations } from '../../hostile/openapi-operations';
import { startTestSystem, TestSystem } from '../../support/test-system';

const EVIL = 'evil.example';
const FORGED = {
  Host: EVIL,
  'X-Forwarded-Host': EVIL,
  'X-Forwarded-Proto': 'gopher',
  'X-Forwarded-Port': '6666',
  Forwarded: `host=${EVIL};proto=gopher`,
};
const BASE = 'https://cbm.example.org';

/**
 * Absolute links come from PUBLIC_BASE_URL, never from the request (issue 13, item 5): every public
 * GET route is called with a forged Host and forwarding headers, behind a trusted proxy (production's
 * trustProxy), and none of it comes back, in the body or any header. Cached answers (Cache-Control:
 * public) are so the same whoever asked first: a forged Host can no longer poison them.
 */
describe('absolute links come from configuration', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    // production: Fastify trusts X-Forwarded-* (req.hostname would be the forged host)
    sys = await startTestSystem({ demoData: true, publicBaseUrl: BASE, nodeEnv: 'production' });
  }, 300_000);
  afterAll(() => sys?.close());

  it('no public answer carries a forged Host or X-Forwarded-Host', async () => {
    const operations = readOperations((await sys.http().get('/api/docs-json')).body).filter(
      (op) => op.method === 'get' && op.access?.kind === 'public',
    );
    const published = (await sys.http().get('/api/v1/open/knowledge').query({ limit: 1 })).body.items[0].id as string;
    const organisation = await sys.organisationId('IOM');
    const fill: Record<string, string> = {
      '/api/v1/open/knowledge/{id}': published,
      '/api/v1/organisations/{id}': organisation,
      '/api/v1/organisations/{id}/capability-profile': organisation,
      '/api/v1/open/knowledge/{id}/documents': published,
      // the demo's published items carry no files: the answer is a 404 problem, checked all the same
      '/api/v1/open/knowledge/{id}/documents/{documentId}/content': published,
    };
    const checked: string[] = [];
    const untested: string[] = [];
    for (const op of operations) {
      const params = op.params.filter((p) => p.in === 'path');
      if (params.length && !fill[op.path]) {
        untested.push(op.key);
        continue;
      }
      const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        name === 'documentId' ? '00000000-0000-4000-8000-000000000000' : fill[op.path],
      );
      const res = await sys.http().get(path).set(FORGED);
      expect({ route: op.key, status: res.status < 500 }).toEqual({ route: op.key, status: true });
      const answer = `${JSON.stringify(res.headers)}\n${res.text ?? ''}${res.body instanceof Buffer ? res.body.toString('latin1') : ''}`;
      expect({ route: op.key, forged: answer.includes(EVIL) || answer.includes('gopher') }).toEqual({
        route: op.key,
        forged: false,
      });
      checked.push(op.key);
    }
    // every open-data route is among them, and none was left out
    expect(untested).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /api/v1/open/catalog.jsonld',
        'GET /api/v1/open/knowledge',
        'GET /api/v1/open/knowledge.csv',
        'GET /api/v1/open/knowledge.jsonl',
        'GET /api/v1/open/knowledge/{id}',
        'GET /api/v1/open/iati/activities.xml',
        'GET /api/v1/open/iati/organisation.xml',
        'GET /api/v1/open/checkpoints.jsonl',
        'GET /api/v1/open/checkpoints/key',
        'GET /.well-known/cbm-audit-key',
        'GET /api/v1/fund/summary',
      ]),
    );
  });

  it('the catalogue links to PUBLIC_BASE_URL, the checkpoint log included, whatever Host asked first', async () => {
    const forged = await sys.http().get('/api/v1/open/catalog.jsonld').set(FORGED).expect(200);
    const plain = await sys.http().get('/api/v1/open/catalog.jsonld').expect(200);
    // one cacheable answer for everyone: same body, same ETag
    expect(forged.headers['cache-control']).toMatch(/public/);
    expect(forged.text).toBe(plain.text);
    expect(forged.headers.etag).toBe(plain.headers.etag);
    const catalog = JSON.parse(plain.text);
    const ids: string[] = JSON.stringify(catalog)
      .match(/"@id":"[^"]*"/g)!
      .map((m) => m.slice(7, -1));
    const ours = ids.filter((id) => id.includes('/api/v1/'));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.every((id) => id.startsWith(`${BASE}/api/v1/`))).toBe(true);
    expect(ours).toEqual(
      expect.arrayContaining([`${BASE}/api/v1/open/checkpoints.jsonl`, `${BASE}/api/v1/open/checkpoints/key`]),
    );
  });

  it("the IATI files' links also start with PUBLIC_BASE_URL", async () => {
    const xml = (await sys.http().get('/api/v1/open/iati/activities.xml').set(FORGED).expect(200)).text;
    const links = xml.match(/url="[^"]*"/g) ?? [];
    for (const l of links.filter((x) => x.includes('/api/v1/'))) expect(l).toContain(`url="${BASE}/api/v1/`);
  });
});
