import { screenshot } from './support/browser-app';
import { browserSuite, expectAccessible } from './support/browser-suite';

describe('public portal (browser)', () => {
  const s = browserSuite(120_000);

  it('searches the knowledge platform and opens an item', async () => {
    await s.page.goto('/');
    await s.page.getByRole('heading', { level: 1 }).waitFor();
    const search = s.page.getByLabel('Search knowledge');
    await search.fill('data');
    await search.press('Enter');
    const results = s.page.getByRole('list', { name: 'Search results' });
    // Either results or an error: an error fails at once, with what the page said.
    const searchAlert = s.page.getByRole('region', { name: 'Knowledge platform' }).getByRole('alert');
    await results.or(searchAlert).first().waitFor();
    expect(await searchAlert.allTextContents()).toEqual([]);
    const first = results.getByRole('link').first();
    const title = (await first.textContent())?.trim() ?? '';
    expect(title.length).toBeGreaterThan(0);
    expect(
      await s.page
        .getByRole('status')
        .filter({ hasText: /results/ })
        .textContent(),
    ).toMatch(/\d+ results/);
    await screenshot(s.page, 'public-search');
    await first.click();
    await s.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await screenshot(s.page, 'public-knowledge-item');
  });

  it('narrows the results with a facet and widens them again', async () => {
    const page = s.page;
    await page.goto('/?q=migrant');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.waitFor();
    const before = await results.getByRole('listitem').count();
    const kinds = page.getByRole('complementary', { name: 'Refine results' }).getByRole('list', { name: 'Kind' });
    const practice = kinds.getByRole('button', { name: /^Practice \(\d+\)$/ });
    const expected = Number(/\((\d+)\)/.exec((await practice.textContent()) ?? '')?.[1]);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(before);
    await practice.click();
    await page.waitForURL(/kind=practice/);
    // the facets are drawn from the new answer: a pressed button means the filtered results are in
    await kinds.locator('button[aria-pressed="true"]').filter({ hasText: 'Practice' }).waitFor();
    const items = results.getByRole('listitem');
    expect(await items.count()).toBe(expected);
    expect(await items.filter({ has: page.getByText('Practice', { exact: true }) }).count()).toBe(expected);
    await screenshot(page, 'public-search-facet');
    await kinds.getByRole('button', { name: /^Practice/ }).click();
    await kinds.locator('button[aria-pressed="true"]').waitFor({ state: 'detached' });
    await page.waitForURL((url) => !url.search.includes('kind='));
    await results
      .getByRole('listitem')
      .nth(before - 1)
      .waitFor();
    expect(await results.getByRole('listitem').count()).toBe(before);
  });

  it('links the open-data downloads', async () => {
    await s.page.goto('/');
    for (const [name, href] of [
      ['Knowledge items (CSV)', '/api/v1/open/knowledge.csv'],
      ['Knowledge items (JSON Lines)', '/api/v1/open/knowledge.jsonl'],
      ['Data catalogue (DCAT)', '/api/v1/open/catalog.jsonld'],
      ['Funded projects (IATI)', '/api/v1/open/iati/activities.xml'],
    ]) {
      expect(await s.page.getByRole('link', { name }).getAttribute('href')).toBe(href);
    }
  });

  it('switches to French and remembers it after a reload', async () => {
    await s.page.goto('/');
    await s.page.getByLabel('Language').selectOption('fr');
    await s.page.getByLabel('Rechercher dans les connaissances').waitFor();
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await s.page.reload();
    await s.page.getByLabel('Rechercher dans les connaissances').waitFor();
    expect(await s.page.getByRole('link', { name: 'Se connecter' }).first().isVisible()).toBe(true);
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await screenshot(s.page, 'public-french');
  });

  it('shows the privacy notice from the footer, in each language, with no serious axe violations', async () => {
    await s.page.goto('/');
    await s.page.getByRole('link', { name: 'Privacy notice' }).click();
    await s.page.waitForURL(/\/privacy$/);
    await s.page.getByRole('heading', { level: 1, name: 'Privacy notice' }).waitFor();
    for (const section of ['What is kept', 'For how long', 'How erasure works', 'Who to ask'])
      await s.page.getByRole('heading', { level: 2, name: section }).waitFor();
    expect(await s.page.getByText(/90 days/).count()).toBeGreaterThan(0);
    await expectAccessible(s.page);
    await screenshot(s.page, 'public-privacy');
    await s.page.getByLabel('Language').selectOption('es');
    await s.page.getByRole('heading', { level: 1, name: 'Aviso de privacidad' }).waitFor();
    await s.page.getByLabel('Idioma').selectOption('fr');
    await s.page.getByRole('heading', { level: 1, name: 'Avis de confidentialité' }).waitFor();
    await s.page.getByLabel('Langue').selectOption('en');
  });

  it('labels every control on the home and sign-in pages, with no serious axe violations', async () => {
    await s.page.goto('/');
    await s.page.getByLabel('Search knowledge').waitFor();
    await expectAccessible(s.page);
    await s.page.goto('/login');
    await s.page.getByLabel('Email').waitFor();
    await expectAccessible(s.page);
  });
});
