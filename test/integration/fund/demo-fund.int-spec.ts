import { Actor } from '@cbm/core';
import { LedgerRepository } from '@cbm/fund';
import { seedFundDemo } from '../../../apps/api/src/demo/demo-fund';
import { startTestSystem, TestSystem } from '../../support/test-system';
import { stubRequests } from './fund-fixtures';

describe('fund demo data', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  }, 180_000);
  afterAll(() => sys?.close());

  it('seeds contributions, an approved allocation, a transfer and expenditure, consistent to the cent', async () => {
    const requests = stubRequests(sys);
    const iom = await sys.organisationId('IOM');
    const actors: Record<string, Actor> = {};
    for (const [k, role, organisation] of [
      ['fund', 'fund_manager'],
      ['steering1', 'steering_committee'],
      ['steering2', 'steering_committee'],
      ['hub', 'hub_officer'],
      ['partnerIom', 'partner_officer', 'IOM'],
      ['donor', 'donor', 'SWE'],
    ] as const) {
      const u = await sys.user(role, organisation ? { organisation } : {});
      actors[k] = { id: u.id, role: u.role, organisationId: u.organisationId };
    }
    const inSetup = requests.add({
      countryCode: 'KEN',
      objectives: [21, 6],
      organisationIds: [iom],
      leadOrganisationId: iom,
      title: 'Reintegration support',
    });
    const notYet = requests.add({ status: 'in_triage' });
    await seedFundDemo(sys.app, actors, [inSetup.id, notYet.id, '00000000-0000-7000-8000-000000000000']);

    const summary = (await sys.http().get('/api/v1/fund/summary')).body;
    expect(summary.byDonor.length).toBeGreaterThanOrEqual(4);
    expect(summary.totals.allocations).toEqual({ amount: '15000000', currency: 'USD' });
    expect(summary.totals.transfers).toEqual({ amount: '9000000', currency: 'USD' });
    expect(summary.totals.expenditure).toEqual({ amount: '5400000', currency: 'USD' });
    expect(summary.projects).toBe(1);
    const projects = (await sys.http().get('/api/v1/fund/projects?limit=10')).body;
    expect(projects.items).toHaveLength(1);
    expect(projects.items[0]).toMatchObject({ title: 'Reintegration support', deliveryRate: '0.6000' });
    expect(summary.pipeline).toHaveLength(0);
    const recon = await sys.app.get(LedgerRepository).reconcile();
    expect(recon.mismatches).toEqual([]);
  });
});
