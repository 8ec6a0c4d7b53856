import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, unlabelledControls } from './support/a11y';
import { launchBrowser, newPage, screenshot, signIn, startBrowserApp, type BrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

describe('administration and sign-in protection (browser)', () => {
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

  it('lets an administrator create a user and see it listed', async () => {
    await signIn(page, app.accounts.admin);
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    const users = page.getByRole('table', { name: 'Users' });
    await users.waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    const email = `new.officer.${Date.now()}@cbm.example.org`;
    await page.getByRole('textbox', { name: 'Name' }).fill('Nadia New');
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel(/^Password/).fill('a-long-enough-password-2026');
    await page.getByRole('combobox', { name: 'Role' }).selectOption('hub_officer');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'User created.' }).waitFor();
    await users.getByRole('row').filter({ hasText: email }).waitFor();
    await screenshot(page, 'admin-users');
  });

  it('says clearly that sign-in is locked after too many failures', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(app.accounts.otherFocalPoint.email);
    const password = page.getByLabel(/^Password/);
    const submit = page.getByRole('button', { name: 'Sign in' });
    const locked = page.getByRole('alert').filter({ hasText: 'Sign-in temporarily locked' });
    for (let attempt = 1; attempt <= 12 && !(await locked.isVisible()); attempt++) {
      await password.fill(`wrong-password-${attempt}`);
      await submit.click();
      await page.getByRole('alert').filter({ hasText: /Sign-in failed|Sign-in temporarily locked/ }).waitFor();
      await submit.isEnabled();
    }
    await locked.waitFor();
    await screenshot(page, 'sign-in-locked');
  });
});
