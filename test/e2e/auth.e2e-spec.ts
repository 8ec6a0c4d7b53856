import { createHmac } from 'node:crypto';
import { bearer, startTestSystem, TestSystem, TEST_PASSWORD } from '../support/test-system';

describe('auth', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ loginMaxAttempts: 3 });
  });
  afterAll(() => sys?.close());

  const login = (email: string, password: string, ip = '10.0.0.1') =>
    sys.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });

  it('answers the same for an unknown e-mail and a wrong password, and audits both', async () => {
    const u = await sys.user('hub_officer');
    const unknown = await login('nobody@test.example.org', 'whatever-password');
    const wrong = await login(u.email, 'wrong-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(unknown.body.code).toBe(wrong.body.code);
    const rows = await sys.db.dataSource.query(`SELECT action FROM audit_event WHERE action = 'auth.login_failed'`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });

  it('locks an account after repeated failures with a clear message, even with the right password', async () => {
    const u = await sys.user('donor', { organisation: 'SWE' });
    for (let i = 0; i < 3; i++) expect((await login(u.email, 'wrong-password')).status).toBe(401);
    const locked = await login(u.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('AUTH_LOCKED');
    expect(locked.body.detail).toMatch(/Try again in \d+ minute/);
  });

  it('me, refresh rotation, reuse revokes the family, logout', async () => {
    const u = await sys.user('fund_manager');
    const first = (await login(u.email, TEST_PASSWORD)).body;
    const me = await sys.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${first.accessToken}`);
    expect(me.body).toMatchObject({ id: u.id, role: 'fund_manager', email: u.email });

    const second = await sys.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);

    const reused = await sys.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('AUTH_REFRESH_REUSED');
    // the whole family is gone, including the token issued by the legitimate rotation
    expect(
      (await sys.http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken })).status,
    ).toBe(401);

    const third = (await login(u.email, TEST_PASSWORD)).body;
    await sys
      .http()
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${third.accessToken}`)
      .send({ refreshToken: third.refreshToken })
      .expect(204);
    expect((await sys.http().post('/api/v1/auth/refresh').send({ refreshToken: third.refreshToken })).status).toBe(401);
  });

  it('rotates a refresh token once when it is presented many times at once; the others revoke its family', async () => {
    const u = await sys.user('hub_officer');
    const { refreshToken } = (await login(u.email, TEST_PASSWORD, '10.0.0.7')).body;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => sys.http().post('/api/v1/auth/refresh').send({ refreshToken })),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual(
      Array.from({ length: 9 }, () => [401, 'AUTH_REFRESH_REUSED']),
    );
    const [{ n }] = await sys.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.refresh_reused' AND entity_id = $1`,
      [u.id],
    );
    expect(n).toBe(9);
    // the reuse signed out the whole family, including the token the one rotation issued
    const next = await sys.http().post('/api/v1/auth/refresh').send({ refreshToken: ok[0].body.refreshToken });
    expect(next.status).toBe(401);
  });

  it('refuses alg none, a foreign signature and a tampered role', async () => {
    const u = await sys.user('focal_point');
    const [h, p] = u.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.`;
    expect((await sys.http().get('/api/v1/users').set('Authorization', `Bearer ${none}`)).status).toBe(401);
    const body = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const forged = `${h}.${body}.${createHmac('sha256', 'another-secret').update(`${h}.${body}`).digest('base64url')}`;
    expect((await sys.http().get('/api/v1/users').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
    expect((await sys.http().get('/api/v1/users').set(bearer(u))).status).toBe(403);
    expect((await sys.http().get('/api/v1/users')).status).toBe(401);
  });

  it('admin manages users; scope is validated; deactivation signs the user out', async () => {
    const admin = await sys.user('admin');
    const bad = await sys.http().post('/api/v1/users').set(bearer(admin)).send({
      email: 'fp.x@test.example.org',
      name: 'X',
      password: 'long-enough-password',
      role: 'focal_point',
      countryCode: 'XXX',
    });
    expect(bad.status).toBe(400);
    const noOrg = await sys
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'po.x@test.example.org', name: 'X', password: 'long-enough-password', role: 'partner_officer' });
    expect(noOrg.status).toBe(400);
    const created = await sys.http().post('/api/v1/users').set(bearer(admin)).send({
      email: 'Fp.Y@Test.Example.org',
      name: 'Y',
      password: 'long-enough-password',
      role: 'focal_point',
      countryCode: 'KEN',
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('fp.y@test.example.org');
    expect(created.body.passwordHash).toBeUndefined();
    const dup = await sys.http().post('/api/v1/users').set(bearer(admin)).send({
      email: 'fp.y@test.example.org',
      name: 'Y',
      password: 'long-enough-password',
      role: 'focal_point',
      countryCode: 'KEN',
    });
    expect(dup.status).toBe(409);
    const session = await sys.login('fp.y@test.example.org', 'long-enough-password');
    await sys.http().patch(`/api/v1/users/${created.body.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    expect((await sys.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(
      401,
    );
    expect((await sys.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${session.accessToken}`)).status).toBe(
      401,
    );
    expect((await login('fp.y@test.example.org', 'long-enough-password', '10.9.9.9')).status).toBe(401);
    const list = await sys.http().get('/api/v1/users?role=focal_point&limit=1').set(bearer(admin));
    expect(list.body.items).toHaveLength(1);
    expect(list.body.nextCursor).toEqual(expect.any(String));
  });
});
