/**
 * The shared frame of every browser suite: one app (real API, demo data, in-memory database)
 * and one Chromium per file, a fresh context and page per test.
 *
 *   const s = browserSuite();
 *   it('…', async () => { await s.page.goto('/'); … s.app.accounts.donor … });
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, unlabelledControls } from './a11y';
import { launchBrowser, newPage, startBrowserApp, type BrowserApp } from './browser-app';

export interface BrowserSuite {
  readonly app: BrowserApp;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Registers the hooks; call at the top of a describe (or of the file). */
export function browserSuite(timeoutMs = 180_000): BrowserSuite {
  jest.setTimeout(timeoutMs);
  let app: BrowserApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    ({ context, page } = await newPage(browser!, app!.url));
  });
  afterEach(async () => {
    await context?.close();
  });
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`browser suite: ${what} is not ready (did beforeAll fail?)`);
    return v;
  };
  return {
    get app() {
      return need(app, 'the app');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    get context() {
      return need(context, 'the context');
    },
    get page() {
      return need(page, 'the page');
    },
  };
}

/** Every control labelled and no serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await unlabelledControls(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
}
