import { screenshot, signIn } from './support/browser-app';
import { browserSuite, expectAccessible } from './support/browser-suite';

// Demo data (apps/api/src/demo): requests in every state from several regions, a funded project with a transfer.
describe("the mechanism's dashboard (browser)", () => {
  const s = browserSuite(120_000);

  it('a hub officer reads requests by quarter, status, region and objective, the medians, service levels and partner delivery', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.hubOfficer);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: "The mechanism's dashboard" }).waitFor();
    const medians = page.getByRole('table', { name: 'Median days, by quarter filed and region' });
    await medians.getByRole('row').filter({ hasText: 'All regions' }).first().waitFor();
    expect(await medians.textContent()).toMatch(
      /Submission → triage.*Submission → decision.*Approval → first transfer/,
    );
    expect(await medians.textContent()).toMatch(/Q\d 20\d\d/);
    await page.getByRole('table', { name: 'Service-level compliance' }).waitFor();
    await page.getByRole('table', { name: 'Partner delivery' }).getByRole('row').nth(1).waitFor();
    // objectives by title, statuses and regions by name (the charts' screen-reader tables say the same)
    const charts = page.locator('figure');
    expect(await charts.count()).toBe(4);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/By region.*Africa/);
    expect(text).not.toMatch(/in_triage|in_implementation|·[0-9a-f]{6}/);
    // chart labels at least 12 px
    const sizes = await page
      .locator('.bar-label, .bar-value')
      .evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    await page.getByRole('link', { name: 'Download (CSV)' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'dashboard-hub-officer');

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord du mécanisme' }).waitFor();
    await page.getByRole('table', { name: 'Nombre médian de jours, par trimestre de dépôt et par région' }).waitFor();
    expect((await page.locator('main').textContent()) ?? '').toMatch(/Afrique/);
    await expectAccessible(page);
    await page.getByLabel('Langue').selectOption('en');
    // on a phone: the tables scroll sideways inside the page, still accessible
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { level: 1, name: "The mechanism's dashboard" }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'dashboard-hub-officer-phone');
  });
});
