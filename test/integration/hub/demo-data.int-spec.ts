import { REQUEST_STATUSES } from '@cbm/hub';
import { startTestSystem, TestSystem } from '../../support/test-system';

/** The embedded start's demo data shows the hub with a request in every state, built through the services. */
describe('hub demo data', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ demoData: true });
  }, 180_000);
  afterAll(() => sys?.close());

  it('has requests in every state, with partners, plans and reports, and an intact audit chain', async () => {
    const { accessToken: hub } = await sys.login('hub.officer@cbm.example.org', 'demo-password-2026');
    const { accessToken: kenya } = await sys.login('focal.kenya@cbm.example.org', 'demo-password-2026');
    const { accessToken: admin } = await sys.login('admin@cbm.example.org', 'demo-password-2026');
    const staff = await sys
      .http()
      .get('/api/v1/requests?limit=100')
      .set({ Authorization: `Bearer ${hub}` })
      .expect(200);
    const mine = await sys
      .http()
      .get('/api/v1/requests?limit=100')
      .set({ Authorization: `Bearer ${kenya}` })
      .expect(200);
    const statuses = new Set([...staff.body.items, ...mine.body.items].map((r: { status: string }) => r.status));
    expect([...statuses].sort()).toEqual([...REQUEST_STATUSES].sort());
    const implementing = staff.body.items.find((r: { status: string }) => r.status === 'in_implementation');
    const plan = await sys
      .http()
      .get(`/api/v1/requests/${implementing.id}/implementation-plan`)
      .set({ Authorization: `Bearer ${kenya}` })
      .expect(200);
    expect(plan.body.milestones.length).toBeGreaterThan(1);
    const partners = await sys
      .http()
      .get(`/api/v1/requests/${implementing.id}/partners`)
      .set({ Authorization: `Bearer ${kenya}` })
      .expect(200);
    expect(partners.body.filter((p: { status: string }) => p.status === 'accepted')).toHaveLength(2);
    const verify = await sys
      .http()
      .get('/api/v1/audit/verify')
      .set({ Authorization: `Bearer ${admin}` })
      .expect(200);
    expect(verify.body.ok).toBe(true);
    const doc = await sys.http().get('/api/docs-json').expect(200);
    for (const path of [
      '/api/v1/requests/{id}/partner-matches',
      '/api/v1/requests/{id}/assessment',
      '/api/v1/invitations/{id}/decline',
      '/api/v1/requests/{id}/implementation-plan',
      '/api/v1/requests/{id}/similar',
      '/api/v1/requests/{id}/peer-exchanges',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });
});
