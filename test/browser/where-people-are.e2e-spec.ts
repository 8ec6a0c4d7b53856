import type { Page } from 'playwright-core';
import { screenshot, signIn, signOut } from './support/browser-app';
import { axeViolations } from './support/a11y';
import { browserSuite, expectAccessible } from './support/browser-suite';

/** Failed answers (4xx/5xx) and console errors while `run` goes on. */
async function failures(page: Page, run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onResponse = (r: { status(): number; url(): string }) => {
    if (r.status() >= 400) seen.push(`${r.status()} ${r.url()}`);
  };
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') seen.push(`console: ${m.text()}`);
  };
  page.on('response', onResponse);
  page.on('console', onConsole);
  try {
    await run();
  } finally {
    page.off('response', onResponse);
    page.off('console', onConsole);
  }
  return seen;
}

/** The smallest font size (px) of the text in the elements `selector` matches. */
function smallestFont(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (sel) =>
      Math.min(
        ...Array.from(document.querySelectorAll(sel))
          .filter((el) => el.textContent?.trim())
          .map((el) => parseFloat(getComputedStyle(el).fontSize)),
      ),
    selector,
  );
}

describe('works where people are (browser)', () => {
  const s = browserSuite(180_000);

  it('the sign-in page makes no failing request, before and after a session', async () => {
    const page = s.page;
    expect(
      await failures(page, async () => {
        await page.goto('/login', { waitUntil: 'networkidle' });
        await page.getByLabel('Email').waitFor();
      }),
    ).toEqual([]);
    await signIn(page, s.app.accounts.focalPoint);
    await signOut(page);
    expect(
      await failures(page, async () => {
        await page.goto('/login', { waitUntil: 'networkidle' });
        await page.getByLabel('Email').waitFor();
      }),
    ).toEqual([]);
  });

  it('the public home: 0 serious axe violations with the figures drawn, chart labels at least 12 px', async () => {
    const page = s.page;
    await page.goto('/', { waitUntil: 'networkidle' });
    const heat = page.getByRole('table', { name: /objective/i });
    await heat.waitFor();
    // the heatmap's rows and corner are named (GCM objectives by their titles)
    await heat.getByRole('columnheader', { name: 'Objective' }).waitFor();
    await heat.getByRole('rowheader', { name: /^1\. Collect and utilize accurate/ }).waitFor();
    await expectAccessible(page);
    expect(await smallestFont(page, '.bar-chart span')).toBeGreaterThanOrEqual(12);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await smallestFont(page, '.bar-chart span')).toBeGreaterThanOrEqual(12);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'public-home-phone');
  });

  it('on a phone (390 px) the facets come before the results', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/?q=migrant');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.waitFor();
    const facets = page.getByRole('complementary', { name: 'Refine results' });
    const facetsTop = (await facets.boundingBox())!.y;
    const resultsTop = (await results.boundingBox())!.y;
    expect(facetsTop).toBeLessThan(resultsTop);
    // countries by their names, not their codes
    expect(await facets.getByRole('list', { name: 'Country' }).textContent()).not.toMatch(/\b[A-Z]{3}\b \(/);
    await expectAccessible(page);
    await screenshot(page, 'public-search-phone');
  });

  it('a refused step says which rule refused it and why, after a confirmation', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.hubOfficer);
    // MEX-0002 is in assessment with no assessment yet (apps/api/src/demo/demo-requests.ts)
    await page.goto('/app/requests?status=in_assessment');
    await page.getByRole('table', { name: 'Triage queue' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Please confirm' });
    await confirm.getByText(/focal point and partners are notified/).waitFor();
    await confirm.getByRole('button', { name: 'Approve', exact: true }).click();
    const refusal = confirm.getByRole('alert');
    await refusal.getByText('A rule of the workflow does not allow this step yet.').waitFor();
    expect(await refusal.textContent()).toMatch(/This could not be done.*Reason: approve needs a completed assessment/);
    expect(await refusal.textContent()).not.toMatch(/Something went wrong|Check the information you entered/);
    await expectAccessible(page);
    await screenshot(page, 'hub-refusal-with-reason');
    await confirm.getByRole('button', { name: 'Cancel' }).first().click();
    await page.getByText('In assessment', { exact: true }).first().waitFor();
  });

  it('on a phone the request list is a list of cards, countries by name', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, s.app.accounts.hubOfficer);
    await page.goto('/app/requests?status=');
    const cards = page.getByRole('list', { name: 'Triage queue' });
    await cards.getByRole('listitem').first().waitFor();
    expect(await page.getByRole('table', { name: 'Triage queue' }).count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(await cards.textContent()).toContain('Kenya');
    // status badges whole, never cut to "In assess…"
    const cut = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.mantine-Badge-label'))
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent),
    );
    expect(cut).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'hub-requests-phone');
  });
});
