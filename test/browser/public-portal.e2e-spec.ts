import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, unlabelledControls } from './support/a11y';
import { launchBrowser, newPage, screenshot, startBrowserApp, type BrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

describe('public portal (browser)', () => {
  let app: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    ({ context, page } = await newPage(browser, app.url));
  });
  afterEach(async () => {
    await context?.close();
  });

  it('searches the knowledge platform and opens an item', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const search = page.getByLabel('Search knowledge');
    await search.fill('data');
    await search.press('Enter');
    const results = page.getByRole('list', { name: 'Search results' });
    // Either results or an error: an error fails at once, with what the page said.
    const searchAlert = page.getByRole('region', { name: 'Knowledge platform' }).getByRole('alert');
    await results.or(searchAlert).first().waitFor();
    expect(await searchAlert.allTextContents()).toEqual([]);
    const first = results.getByRole('link').first();
    const title = (await first.textContent())?.trim() ?? '';
    expect(title.length).toBeGreaterThan(0);
    expect(await page.getByRole('status').filter({ hasText: /results/ }).textContent()).toMatch(/\d+ results/);
    await screenshot(page, 'public-search');
    await first.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await screenshot(page, 'public-knowledge-item');
  });

  it('links the open-data downloads', async () => {
    await page.goto('/');
    for (const [name, href] of [
      ['Knowledge items (CSV)', '/api/v1/open/knowledge.csv'],
      ['Knowledge items (JSON Lines)', '/api/v1/open/knowledge.jsonl'],
      ['Data catalogue (DCAT)', '/api/v1/open/catalog.jsonld'],
      ['Funded projects (IATI)', '/api/v1/open/iati/activities.xml'],
    ]) {
      expect(await page.getByRole('link', { name }).getAttribute('href')).toBe(href);
    }
  });

  it('switches to French and remembers it after a reload', async () => {
    await page.goto('/');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByLabel('Rechercher dans les connaissances').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.reload();
    await page.getByLabel('Rechercher dans les connaissances').waitFor();
    expect(await page.getByRole('link', { name: 'Se connecter' }).first().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await screenshot(page, 'public-french');
  });

  it('labels every control on the home and sign-in pages, with no serious axe violations', async () => {
    await page.goto('/');
    await page.getByLabel('Search knowledge').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto('/login');
    await page.getByLabel('Email').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});
