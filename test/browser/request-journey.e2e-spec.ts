import { axeViolations } from './support/a11y';
import { screenshot, signIn, signOut } from './support/browser-app';
import { browserSuite, expectAccessible } from './support/browser-suite';

describe('a request from focal point to triage (browser)', () => {
  const s = browserSuite(180_000);
  const title = `Labour migration data system ${Date.now()}`;

  it('signs in with the keyboard only', async () => {
    await s.page.goto('/login');
    await s.page.getByLabel('Email').waitFor();
    // From the top of the page: Tab until the email field has focus, then type and Tab on.
    await s.page.keyboard.press('Tab');
    for (
      let i = 0;
      i < 20 && !(await s.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'email'));
      i++
    )
      await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('email');
    await s.page.keyboard.type(s.app.accounts.focalPoint.email);
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('password');
    await s.page.keyboard.type(s.app.accounts.focalPoint.password);
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    // A reload keeps the session: the stored refresh token buys a new access token.
    await s.page.reload();
    await s.page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    await s.page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('says clearly when the password is wrong', async () => {
    await s.page.goto('/login');
    await s.page.getByLabel('Email').fill(s.app.accounts.focalPoint.email);
    await s.page.getByLabel(/^Password/).fill('not-the-password');
    await s.page.getByRole('button', { name: 'Sign in' }).click();
    await s.page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
  });

  it('lets a focal point file and submit a request, then a hub officer start triage', async () => {
    await signIn(s.page, s.app.accounts.focalPoint);
    await s.page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    await s.page.getByRole('link', { name: 'New request' }).first().click();
    await s.page.getByRole('heading', { level: 1, name: 'New support request' }).waitFor();
    await expectAccessible(s.page);

    await s.page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
    await s.page
      .getByRole('textbox', { name: 'Problem statement' })
      .fill('Labour migration statistics are scattered across three ministries.');
    await s.page
      .getByRole('textbox', { name: 'Expected results' })
      .fill('One shared data system and a trained statistics unit.');
    await s.page.getByRole('checkbox', { name: /^1\. Collect and utilize accurate/ }).check();
    await s.page.getByRole('checkbox', { name: 'Data and research' }).check();
    await s.page.getByRole('checkbox', { name: 'Capacity building and training' }).check();
    await s.page.getByRole('textbox', { name: 'Estimated budget' }).fill('250000');
    await s.page.getByRole('combobox', { name: 'Currency' }).selectOption('USD');
    await screenshot(s.page, 'focal-new-request');

    await s.page.getByRole('button', { name: 'Save draft' }).click();
    await s.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await s.page.getByText('Your draft is saved').waitFor();
    await s.page.getByRole('button', { name: 'Submit', exact: true }).click();
    // a consequential step is asked once more, saying what follows
    const confirm = s.page.getByRole('dialog', { name: 'Please confirm' });
    await confirm.getByText(/no longer edit it/).waitFor();
    await expectAccessible(s.page);
    await confirm.getByRole('button', { name: 'Submit', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await s.page.getByText('Submitted', { exact: true }).first().waitFor();
    // the timeline says what happened and who did it, in words
    await s.page.getByRole('list', { name: 'Timeline' }).getByText('Submitted by Wanjiru Kamau').waitFor();
    await screenshot(s.page, 'focal-submitted');

    await s.page.getByRole('link', { name: 'Back to requests' }).click();
    const mine = s.page.getByRole('table', { name: 'My requests' });
    const row = mine.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain('Submitted');
    expect(await axeViolations(s.page)).toEqual([]);
    await signOut(s.page);

    await signIn(s.page, s.app.accounts.hubOfficer);
    await s.page.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
    const queueRow = s.page.getByRole('table', { name: 'Triage queue' }).getByRole('row').filter({ hasText: title });
    await queueRow.waitFor();
    await expectAccessible(s.page);
    await screenshot(s.page, 'hub-triage-queue');
    await queueRow.getByRole('button', { name: /Assign to me and start triage/ }).click();
    await queueRow.waitFor({ state: 'detached' });
    await s.page.getByRole('combobox', { name: 'Status' }).selectOption('in_triage');
    const triaged = s.page.getByRole('table', { name: 'Triage queue' }).getByRole('row').filter({ hasText: title });
    await triaged.getByRole('link', { name: title }).click();
    await s.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await s.page.getByText('In triage', { exact: true }).first().waitFor();
    await s.page.getByRole('list', { name: 'Timeline' }).getByText('Triage started by Hamid Hub').waitFor();
    await expectAccessible(s.page);
    await screenshot(s.page, 'hub-request-in-triage');
  });
});
