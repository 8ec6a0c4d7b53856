import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, unlabelledControls } from './support/a11y';
import { launchBrowser, newPage, screenshot, signIn, signOut, startBrowserApp, type BrowserApp } from './support/browser-app';

jest.setTimeout(180_000);

describe('a request from focal point to triage (browser)', () => {
  let app: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const title = `Labour migration data system ${Date.now()}`;

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

  it('signs in with the keyboard only', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').waitFor();
    // From the top of the page: Tab until the email field has focus, then type and Tab on.
    await page.keyboard.press('Tab');
    for (let i = 0; i < 20 && !(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'email')); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('email');
    await page.keyboard.type(app.accounts.focalPoint.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('password');
    await page.keyboard.type(app.accounts.focalPoint.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    // A reload keeps the session: the stored refresh token buys a new access token.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('says clearly when the password is wrong', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(app.accounts.focalPoint.email);
    await page.getByLabel(/^Password/).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
  });

  it('lets a focal point file and submit a request, then a hub officer start triage', async () => {
    await signIn(page, app.accounts.focalPoint);
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    await page.getByRole('link', { name: 'New request' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'New support request' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
    await page.getByRole('textbox', { name: 'Problem statement' }).fill('Labour migration statistics are scattered across three ministries.');
    await page.getByRole('textbox', { name: 'Expected results' }).fill('One shared data system and a trained statistics unit.');
    await page.getByRole('checkbox', { name: /^1\. Collect and utilize accurate/ }).check();
    await page.getByRole('checkbox', { name: 'Data and research' }).check();
    await page.getByRole('checkbox', { name: 'Capacity building and training' }).check();
    await page.getByRole('textbox', { name: 'Estimated budget' }).fill('250000');
    await page.getByRole('combobox', { name: 'Currency' }).selectOption('USD');
    await screenshot(page, 'focal-new-request');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Your draft is saved').waitFor();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByText('Submitted', { exact: true }).first().waitFor();
    await screenshot(page, 'focal-submitted');

    await page.getByRole('link', { name: 'Back to requests' }).click();
    const mine = page.getByRole('table', { name: 'My requests' });
    const row = mine.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain('Submitted');
    expect(await axeViolations(page)).toEqual([]);
    await signOut(page);

    await signIn(page, app.accounts.hubOfficer);
    await page.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
    const queueRow = page.getByRole('table', { name: 'Triage queue' }).getByRole('row').filter({ hasText: title });
    await queueRow.waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'hub-triage-queue');
    await queueRow.getByRole('button', { name: /Assign to me and start triage/ }).click();
    await queueRow.waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Status' }).selectOption('in_triage');
    const triaged = page.getByRole('table', { name: 'Triage queue' }).getByRole('row').filter({ hasText: title });
    await triaged.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('In triage', { exact: true }).first().waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByText('Status: In triage').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'hub-request-in-triage');
  });
});
