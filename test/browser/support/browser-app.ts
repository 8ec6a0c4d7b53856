/**
 * Starts what a browser test drives: the composed API serving the built web app
 * (apps/web/dist, built by `npm run build:web`), with the demo data set, on a free port.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '@cbm/core';
import { startSystem } from '../../../apps/api/src/system';
import { DEMO_PASSWORD } from '../../../apps/api/src/demo/demo-accounts';

const root = join(__dirname, '..', '..', '..');
export const WEB_DIST = join(root, 'apps/web/dist');
export const SCREENSHOTS = join(root, 'test-results/browser');

export interface DemoLogin {
  email: string;
  password: string;
}

export interface BrowserApp {
  url: string;
  accounts: {
    focalPoint: DemoLogin;
    otherFocalPoint: DemoLogin;
    hubOfficer: DemoLogin;
    partner: DemoLogin;
    fundManager: DemoLogin;
    steering: DemoLogin;
    donor: DemoLogin;
    admin: DemoLogin;
  };
  close(): Promise<void>;
}

function accountsFor(password: string): BrowserApp['accounts'] {
  const a = (email: string) => ({ email, password });
  return {
    focalPoint: a('focal.kenya@cbm.example.org'),
    otherFocalPoint: a('focal.mexico@cbm.example.org'),
    hubOfficer: a('hub.officer@cbm.example.org'),
    partner: a('partner.iom@cbm.example.org'),
    fundManager: a('fund.manager@cbm.example.org'),
    steering: a('steering1@cbm.example.org'),
    donor: a('donor.sweden@cbm.example.org'),
    admin: a('admin@cbm.example.org'),
  };
}

export async function startBrowserApp(): Promise<BrowserApp> {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('apps/web/dist is missing: run `npm run build:web` first');
  // The real system, as `npm start` runs it, in memory, with the demo accounts.
  const config = {
    ...loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DEMO_DATA: 'true',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      WEB_DIST_DIR: WEB_DIST,
    }),
    databaseUrl: undefined,
    port: 0,
    host: '127.0.0.1',
  };
  const system = await startSystem(config as never, { embeddedInMemory: true, listen: true, seed: true });
  return { url: system.url, accounts: accountsFor(DEMO_PASSWORD), close: () => system.close() };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** A fresh context per journey: no shared storage; CSP bypassed only so axe-core can be injected. */
export async function newPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  // Generous: CI runs these beside other suites on two cores.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, who: DemoLogin): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
}
