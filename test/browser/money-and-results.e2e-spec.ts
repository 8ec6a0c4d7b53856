import { screenshot, signIn } from './support/browser-app';
import { apiAs, requestByReference } from './support/browser-api';
import { browserSuite, expectAccessible } from './support/browser-suite';

// Demo data (apps/api/src/demo): KEN-0001 is in implementation, funded with USD 250,000 of which IOM received
// USD 150,000 and reported 60 % of it (USD 90,000) spent; IOM is its lead partner (the demo partner account).
// One money path through the screens, role after role: pledge and deposit; the partner's expenditure and
// final statement; the hub accepting a report with indicator actuals; the unspent balance coming back;
// operational then financial closure.
describe('the fund’s money and results through the screens (browser)', () => {
  const s = browserSuite(240_000);
  let requestId = '';
  const reference = 'CBM-2026-KEN-0001';

  beforeAll(async () => {
    // What IOM did before the journey: a progress report with indicator actuals and expenditure by
    // category, and the final report.
    const hub = await apiAs(s.app, s.app.accounts.hubOfficer);
    requestId = (await requestByReference(hub, reference)).id;
    const iom = await apiAs(s.app, s.app.accounts.partner);
    const plan = await hub.get<{ milestones: { code: string }[] }>(`/requests/${requestId}/implementation-plan`);
    const updates = plan.milestones.map((m) => ({ code: m.code, status: 'done' }));
    await iom.post(`/requests/${requestId}/reports`, {
      kind: 'progress',
      period: '2027-H2',
      periodStart: '2027-07-01',
      periodEnd: '2027-12-31',
      narrative: 'Referral desks opened in Mombasa, Kisumu and Nairobi counties.',
      milestoneUpdates: updates,
      indicatorActuals: [
        { code: 'OC1.1', value: '210', female: '150', male: '60' },
        { code: 'OP1.1a', value: '540', female: '380', male: '160' },
        { code: 'OP1.1b', value: '45' },
      ],
      expenditure: [
        { category: 'staff', amount: '3000000' },
        { category: 'travel', amount: '1000000' },
      ],
    });
    await iom.post(`/requests/${requestId}/reports`, {
      kind: 'final',
      period: '2028-H1',
      narrative: 'The referral mechanism runs in three counties; 612 returnees were supported.',
      milestoneUpdates: updates,
      lessonsLearned: 'County ownership from the start made the desks sustainable.',
    });
  });

  it('the fund manager records a pledge in euros and its deposit, and sees the rate used', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.fundManager);
    await page.goto('/app/fund');
    await page.getByRole('button', { name: 'Record a pledge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a pledge' });
    const contributor = dialog.getByLabel('Contributor');
    const sweden = await contributor.locator('option', { hasText: 'Sweden' }).first().getAttribute('value');
    await contributor.selectOption(sweden!);
    await dialog.getByLabel('Contribution agreement reference').fill('SWE-CBM-2027-02');
    await dialog.getByLabel('Currency').selectOption('EUR');
    await dialog.getByLabel(/^Amount \(EUR\)/).fill('1,000,000');
    await dialog.getByLabel('Earmarked to objectives').fill('21');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Record pledge' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page
      .getByRole('table', { name: 'Contributions' })
      .getByRole('row')
      .filter({ hasText: 'SWE-CBM-2027-02' });
    await row.getByText('€1,000,000.00').first().waitFor();
    await row.getByRole('button', { name: 'Record deposit on SWE-CBM-2027-02' }).click();
    const deposit = page.getByRole('dialog', { name: 'Record deposit on SWE-CBM-2027-02' });
    await deposit.getByLabel(/^Amount \(EUR\)/).fill('1000000');
    await deposit.getByLabel(/^Value in USD/).fill('1,085,000.00');
    await deposit.getByText('Rate used: 1 EUR = 1.085000 USD').waitFor();
    await deposit.getByLabel('Bank or receipt reference').fill('SEB-2027-0412');
    await expectAccessible(page);
    await deposit.getByRole('button', { name: 'Record deposit' }).click();
    const done = deposit.getByRole('status').filter({ hasText: 'Deposit recorded' });
    await done.waitFor();
    expect(await done.textContent()).toMatch(/€1,000,000\.00 received, (US)?\$1,085,000\.00 at a rate of 1\.085/);
    await screenshot(page, 'fund-manager-deposit-rate');
    await deposit.getByRole('button', { name: 'Done' }).click();
    await row
      .getByText('US$1,085,000.00')
      .or(row.getByText(/\$1,0\d\d,\d{3}\.\d{2}/))
      .first()
      .waitFor();
  });

  it('the partner reports expenditure and submits its final financial statement', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.partner);
    await page.goto(`/app/requests/${requestId}`);
    await page.getByRole('tab', { name: 'Funding and results' }).click();
    await page.getByText('$90,000.00').first().waitFor();
    await page.getByRole('button', { name: 'Report expenditure' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report expenditure' });
    await dialog.getByText(/Transferred \$150,000\.00; reported spent so far \$90,000\.00/).waitFor();
    await dialog.getByLabel(/^Amount \(USD\)/).fill('15,000');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Report expenditure' }).click();
    await dialog.getByRole('status').getByText('$15,000.00 reported spent.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByText('$105,000.00').first().waitFor();

    await page.getByRole('button', { name: 'Final financial statement' }).click();
    const statement = page.getByRole('dialog', { name: 'Final financial statement' });
    await statement.getByLabel(/^Spent in all \(USD\)/).fill('105000');
    await statement.getByLabel('Note').fill('USD 45,000 unspent, remitted to the fund.');
    await expectAccessible(page);
    await statement.getByRole('button', { name: 'Submit statement' }).click();
    await statement.waitFor({ state: 'detached' });
    await screenshot(page, 'partner-funding-and-results');
  });

  it('the hub officer reads a progress report’s indicator actuals and expenditure, and accepts it and the final report', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.hubOfficer);
    await page.goto(`/app/requests/${requestId}`);
    await page.getByRole('tab', { name: 'Funding and results' }).click();
    const report = page.getByRole('article', { name: 'Progress report 2027-H2' });
    await report
      .getByRole('table', { name: 'Indicator actuals of Progress report 2027-H2' })
      .getByText('210 (♀ 150 · ♂ 60)')
      .waitFor();
    await report
      .getByRole('table', { name: 'Expenditure by category of Progress report 2027-H2' })
      .getByText('Staff')
      .waitFor();
    await expectAccessible(page);
    await screenshot(page, 'hub-report-review');

    await report.getByRole('button', { name: 'Accept Progress report 2027-H2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept Progress report 2027-H2' });
    await dialog.getByLabel(/^Reason/).fill('Figures checked against the county registers.');
    await dialog.getByRole('button', { name: 'Accept' }).click();
    await dialog.waitFor({ state: 'detached' });
    await report.getByText('Accepted', { exact: true }).waitFor();
    // the results table now shows the accepted actual of 2027-H2
    const results = page.getByRole('table', { name: 'Results' });
    await results
      .getByRole('row')
      .filter({ hasText: 'OC1.1' })
      .getByText(/210 .*2027-H2/)
      .waitFor();

    const final = page.getByRole('article', { name: 'Final report 2028-H1' });
    await final.getByRole('button', { name: 'Accept Final report 2028-H1' }).click();
    const finalDialog = page.getByRole('dialog', { name: 'Accept Final report 2028-H1' });
    await finalDialog.getByLabel(/^Reason/).fill('Complete, with lessons learned.');
    await finalDialog.getByRole('button', { name: 'Accept' }).click();
    await finalDialog.waitFor({ state: 'detached' });
    await final.getByText('Accepted', { exact: true }).waitFor();
  });

  it('the fund manager records the unspent balance returned, then closes the project operationally and financially', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.fundManager);
    await page.goto('/app/fund');
    await page.getByRole('tab', { name: 'Projects and closure' }).click();
    const project = page.getByRole('region', { name: reference });
    const orgs = project.getByRole('table', { name: `Organisations of ${reference}` });
    const iom = orgs.getByRole('row').filter({ hasText: 'International Organization for Migration' });
    await iom.getByText('$45,000.00').first().waitFor();
    await expectAccessible(page);
    await iom.getByRole('button', { name: /^Record return from International Organization for Migration/ }).click();
    const ret = page.getByRole('dialog', { name: /^Record return from International Organization for Migration/ });
    expect(await ret.getByLabel(/^Amount \(USD\)/).inputValue()).toBe('45000.00');
    await ret.getByLabel(/^Reason/).fill('Unspent balance at the end of the project.');
    await ret.getByLabel('Remittance reference').fill('IOM-REM-2028-07');
    await ret.getByRole('button', { name: 'Record return' }).click();
    await ret.waitFor({ state: 'detached' });
    await iom.getByText('Reconciled').waitFor();

    await project.getByRole('button', { name: 'Close operationally' }).click();
    const op = page.getByRole('dialog', { name: 'Close operationally' });
    await op.getByLabel(/^Reason/).fill('Final report accepted by the hub.');
    await op.getByRole('button', { name: 'Confirm' }).click();
    await op.waitFor({ state: 'detached' });
    await project.getByText('Operationally closed', { exact: true }).waitFor();

    await project.getByRole('button', { name: 'Close financially' }).click();
    const fin = page.getByRole('dialog', { name: 'Close financially' });
    await fin.getByText(/cannot be undone/).waitFor();
    await fin.getByLabel(/^Reason/).fill('All statements received and reconciled.');
    await fin.getByRole('button', { name: 'Confirm' }).click();
    await fin.waitFor({ state: 'detached' });
    await project.getByText('Financially closed', { exact: true }).waitFor();
    await project.getByText(/released back to its sources/).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'fund-manager-project-closed');
  });
});
