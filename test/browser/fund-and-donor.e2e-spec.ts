import { readFileSync } from 'node:fs';
import { screenshot, signIn } from './support/browser-app';
import { apiAs, requestByReference } from './support/browser-api';
import { browserSuite, expectAccessible } from './support/browser-suite';

// Demo data (apps/api/src/demo): KEN-0001 is funded (allocation approved as SC-2026-03, tranche 2 waits for
// a progress report); KEN-0003 is in set-up with no funding yet; Germany's contribution DEU-BMZ-2026-17 is
// earmarked to objectives 6 and 21, so it pays for KEN-0001.
describe('start-up fund: allocation with four eyes, decision register, ledger; a donor follows the money (browser)', () => {
  const s = browserSuite();
  const donor = { email: `donor.germany.${Date.now()}@cbm.example.org`, password: 'browser-donor-password-2026' };

  beforeAll(async () => {
    // Before the journeys: the hub officer files a funding application for KEN-0003 and the fund
    // manager proposes an allocation; an administrator gives Germany a donor account.
    const hub = await apiAs(s.app, s.app.accounts.hubOfficer);
    const request = await requestByReference(hub, 'CBM-2026-KEN-0003');
    const application = await hub.post<{ id: string }>('/fund/applications', {
      requestId: request.id,
      amount: { amount: '5000000', currency: 'USD' },
      justification: 'Seed funding for the review of the bilateral labour agreements.',
    });
    const manager = await apiAs(s.app, s.app.accounts.fundManager);
    await manager.post('/fund/allocations', {
      applicationId: application.id,
      amount: { amount: '5000000', currency: 'USD' },
      durationMonths: 12,
      tranches: [
        { amount: { amount: '3000000', currency: 'USD' }, condition: 'on_approval' },
        { amount: { amount: '2000000', currency: 'USD' }, condition: 'progress_report_approved' },
      ],
    });
    const summary = await manager.get<{ byDonor: { organisationId: string; acronym: string }[] }>('/fund/summary');
    const germany = summary.byDonor.find((d) => d.acronym === 'DEU');
    if (!germany) throw new Error('the demo data has no German contribution');
    const admin = await apiAs(s.app, s.app.accounts.admin);
    await admin.post('/users', {
      ...donor,
      name: 'Greta Geber',
      role: 'donor',
      organisationId: germany.organisationId,
    });
  });

  it('a steering committee member approves the fund manager’s proposal: proposer and decider differ, in the register', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.steering);
    await page.goto('/app/fund');
    await page.getByRole('heading', { level: 1, name: 'Start-up fund' }).waitFor();
    const allocations = page.getByRole('table', { name: 'Allocations' });
    const row = allocations.getByRole('row').filter({ hasText: 'CBM-2026-KEN-0003' });
    await row.getByText('Proposed', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('Fatima Fund, Fund manager');
    await expectAccessible(page);
    await screenshot(page, 'steering-allocation-proposed');

    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve' });
    await dialog.getByRole('textbox', { name: /Decision reference/ }).fill('SC-2026-11');
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Approved by written procedure.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Approved', { exact: true }).waitFor();
    // four eyes, visibly: proposed by the fund manager, decided by me
    expect(await row.textContent()).toMatch(/Fatima Fund, Fund manager.*You.*Four eyes/);
    // the first tranche is released on approval, the second waits for its condition
    await row.getByText(/on approval · released/).waitFor();
    await row.getByText(/once a progress report is approved · not released/).waitFor();

    await page.getByRole('tab', { name: 'Decision register' }).click();
    const register = page.getByRole('table', { name: 'Decision register' });
    const decision = register.getByRole('row').filter({ hasText: 'SC-2026-11' });
    await decision.waitFor();
    expect(await decision.textContent()).toMatch(
      /Approved.*Fatima Fund, Fund manager.*You.*Four eyes.*Approved by written procedure\./,
    );
    await register.getByRole('row').filter({ hasText: 'SC-2026-03' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'steering-decision-register');
  });

  it('the fund manager sees contributions, is told why a tranche is held, and checks the ledger', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.fundManager);
    await page.goto('/app/fund');
    const contributions = page.getByRole('table', { name: 'Contributions' });
    await contributions.getByRole('row').filter({ hasText: 'SWE-CBM-2026-01' }).getByText('Sweden').waitFor();
    await contributions
      .getByRole('row')
      .filter({ hasText: 'DEU-BMZ-2026-17' })
      .getByText(/Earmarked to objectives \(6, 21\)/)
      .waitFor();
    await expectAccessible(page);

    await page.getByRole('tab', { name: 'Allocations' }).click();
    const row = page
      .getByRole('table', { name: 'Allocations' })
      .getByRole('row')
      .filter({ hasText: 'CBM-2026-KEN-0001' });
    await row.getByText('Four eyes').waitFor();
    await row.getByRole('button', { name: 'Release tranche 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Release tranche 2' });
    await dialog.getByText('once a progress report is approved').waitFor();
    await dialog.getByRole('textbox', { name: /Evidence/ }).fill('PR-2027-H1 approved');
    await dialog.getByRole('button', { name: 'Release' }).click();
    // KEN-0001 has spent 60 % of what it received; the fund holds the next tranche until 70 %, and says so.
    await dialog
      .getByRole('alert')
      .getByText(/held until at least 70%/)
      .waitFor();
    await screenshot(page, 'fund-manager-tranche-held');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText(/once a progress report is approved · not released/).waitFor();

    await page.getByRole('tab', { name: 'Ledger' }).click();
    await page.getByRole('status').filter({ hasText: 'The ledger balances' }).waitFor();
    await page
      .getByRole('table', { name: 'Funded projects' })
      .getByRole('row')
      .filter({ hasText: 'CBM-2026-KEN-0001' })
      .getByText('60%')
      .waitFor();
    await expectAccessible(page);
    await screenshot(page, 'fund-manager-ledger');
  });

  it('a donor follows a contribution to the projects, organisations and countries it paid for, and downloads the statement', async () => {
    const page = s.page;
    await signIn(page, donor);
    await page.getByRole('heading', { level: 1, name: 'Follow the money' }).waitFor();
    await page.getByText(/^Germany: deposited/).waitFor();
    await page.getByRole('button', { name: 'Show where it went: DEU-BMZ-2026-17' }).click();
    const flow = page.getByRole('list', { name: 'Where the contribution went' });
    await flow.getByText('Deposited (net, USD)').waitFor();
    await page.getByText(/Earmarked: traced directly/).waitFor();
    const projects = page.getByRole('table', { name: 'Projects funded by this contribution' });
    const funded = projects.getByRole('row').filter({ hasText: 'CBM-2026-KEN-0001' });
    await funded.waitFor();
    expect(await funded.textContent()).toMatch(/KEN.*IOM/);
    await expectAccessible(page);
    await screenshot(page, 'donor-follow-the-money');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download statement (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('contributionId');
    expect(csv).toContain('DEU-BMZ-2026-17');
  });
});
