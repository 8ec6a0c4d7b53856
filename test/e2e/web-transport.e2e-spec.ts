import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { helmetHeaders, securityOptions } from '../../apps/api/src/http-app';
import { startTestSystem, TestSystem } from '../support/test-system';

const WEB_DIST = join(__dirname, '../../apps/web/dist');

/**
 * How the built web app and the API travel: compressed (precompressed brotli/gzip assets,
 * JSON compressed per answer), hashed assets cached for good, index.html always revalidated.
 * Needs `npm run build:web` (the files under test are the build's).
 */
describe('web transport: compression and caching', () => {
  let sys: TestSystem;
  let fastify: FastifyInstance;
  let script: string;
  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('apps/web/dist is missing: run `npm run build:web`');
    script = readdirSync(join(WEB_DIST, 'assets')).find((f) => /^index-.+\.js$/.test(f))!;
    sys = await startTestSystem({ webDistDir: WEB_DIST });
    fastify = sys.app.getHttpAdapter().getInstance();
  });
  afterAll(() => sys?.close());

  const get = (url: string, acceptEncoding: string) =>
    fastify.inject({ method: 'GET', url, headers: { 'accept-encoding': acceptEncoding } });

  it('serves hashed assets precompressed, brotli first, cached for a year and immutable', async () => {
    const br = await get(`/assets/${script}`, 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    const plain = await get(`/assets/${script}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);

    const gz = await get(`/assets/${script}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('serves index.html (any client route) compressed and never from a stale cache', async () => {
    for (const path of ['/', '/app/requests']) {
      const res = await get(path, 'br');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).toString()).toContain('<div id="root">');
    }
    // asked by its file name, served precompressed by the static files: still revalidated
    const file = await get('/index.html', 'br');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-encoding']).toBe('br');
    expect(file.headers['cache-control']).toBe('no-cache');
    expect((await get('/favicon.svg', 'br')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('compresses API JSON for the clients that accept it', async () => {
    const br = await get('/api/v1/reference/objectives', 'br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toHaveLength(23);
    const gz = await get('/api/v1/reference/objectives', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get('/api/v1/reference/objectives', '');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toHaveLength(23);
  });

  it('asks browsers to upgrade insecure requests (and sends HSTS) only when served over HTTPS', () => {
    const http = helmetHeaders(securityOptions('http://10.0.0.5:3000'));
    expect(http['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(http['strict-transport-security']).toBeUndefined();
    expect(http['content-security-policy']).toContain("default-src 'self'");
    const https = helmetHeaders(securityOptions('https://cbm.example.org'));
    expect(https['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(https['strict-transport-security']).toMatch(/max-age=/);
  });
});
