import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY } from '@cbm/core';
import { startTestSystem, TestSystem } from '../support/test-system';

describe('platform', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ bodyLimitBytes: 64 * 1024 });
  });
  afterAll(() => sys?.close());

  it('every registered route declares who may call it (deny by default)', () => {
    const discovery = sys.app.get(DiscoveryService);
    const reflector = sys.app.get(Reflector);
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    let routes = 0;
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const proto = Object.getPrototypeOf(instance);
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (Reflect.getMetadata('path', handler) === undefined) continue;
        routes++;
        if (!reflector.getAllAndOverride(ACCESS_KEY, [handler, wrapper.metatype as never]))
          undeclared.push(`${wrapper.name}.${name}`);
      }
    }
    expect(routes).toBeGreaterThan(20);
    expect(undeclared).toEqual([]);
  });

  it('answers problem+json for malformed, deep, huge and poisoned bodies, never 500', async () => {
    const post = (body: string, type = 'application/json') =>
      sys.http().post('/api/v1/auth/login').set('content-type', type).send(body);
    const cases: [string, string, number][] = [
      ['bad JSON', '{"email":', 400],
      ['deep nesting', '['.repeat(30_000) + ']'.repeat(30_000), 400],
      ['NUL', '{"email":"a\\u0000","password":"x"}', 400],
      ['lone surrogate', '{"email":"\\ud800","password":"x"}', 400],
      ['too large', JSON.stringify({ email: 'x'.repeat(70 * 1024), password: 'x' }), 413],
    ];
    for (const [label, body, status] of cases) {
      const res = await post(body);
      expect([label, res.status]).toEqual([label, status]);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status, code: expect.any(String), requestId: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    const unsupported = await post('x', 'application/xml');
    expect(unsupported.status).toBe(415);
  });

  it('refuses NUL in query strings and unknown query parameters', async () => {
    expect((await sys.http().get('/api/v1/organisations?q=%00')).status).toBe(400);
    const unknown = await sys.http().get('/api/v1/organisations?bogus=1');
    expect(unknown.status).toBe(400);
  });

  it('unknown routes are problem+json 404; bad ids 400', async () => {
    const res = await sys.http().get('/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await sys.http().get('/api/v1/organisations/not-a-uuid')).status).toBe(400);
  });

  it('health, request ids, security headers and OpenAPI', async () => {
    expect((await sys.http().get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await sys.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe('ok');
    if (sys.config.redisUrl) expect(ready.body.checks.redis).toBe('ok');
    const res = await sys.http().get('/health/live').set('x-request-id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const doc = await sys.http().get('/api/docs-json');
    expect(doc.status).toBe(200);
    const withoutAccess = Object.entries(
      doc.body.paths as Record<string, Record<string, { 'x-access'?: unknown }>>,
    ).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op['x-access'] === undefined)
        .map(([method]) => `${method} ${path}`),
    );
    expect(withoutAccess).toEqual([]);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/requests',
        '/api/v1/requests/{id}/actions/{action}',
        '/api/v1/audit/verify',
      ]),
    );
  });

  it('serves reference data', async () => {
    const objectives = await sys.http().get('/api/v1/reference/objectives');
    expect(objectives.body).toHaveLength(23);
    const countries = await sys.http().get('/api/v1/reference/countries');
    expect(countries.body).toContainEqual(
      expect.objectContaining({ code: 'KEN', region: 'Africa', subregion: 'Eastern Africa' }),
    );
    const criteria = await sys.http().get('/api/v1/reference/assessment-criteria');
    expect(criteria.body.reduce((s: number, c: { weight: number }) => s + c.weight, 0)).toBe(100);
    const orgs = await sys.http().get('/api/v1/organisations?limit=100');
    expect(orgs.body.items.map((o: { acronym: string }) => o.acronym)).toEqual(
      expect.arrayContaining(['IOM', 'ILO', 'UNHCR', 'UNDP', 'UNICEF', 'OHCHR']),
    );
  });
});
