import { screenshot, signIn } from './support/browser-app';
import { browserSuite, expectAccessible } from './support/browser-suite';

// Demo requests (apps/api/src/demo): MEX-0002 is in assessment, PHL-0003 is matching partners.
const IN_ASSESSMENT = 'Search for missing migrants and identification of remains';
const MATCHING = 'Financial literacy and remittance-linked savings';

describe('hub officer assesses and matches; a partner accepts and reports (browser)', () => {
  const s = browserSuite();

  it('scores a request against the rubric and sees the saved assessment', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.hubOfficer);
    await page.goto('/app/requests?status=in_assessment');
    await page.getByRole('table', { name: 'Triage queue' }).getByRole('link', { name: IN_ASSESSMENT }).click();
    await page.getByRole('heading', { level: 1, name: IN_ASSESSMENT }).waitFor();
    await page.getByRole('tab', { name: 'Assessment' }).click();
    const form = page.getByRole('form', { name: 'Assessment' });
    await form.waitFor();
    // Every criterion of the rubric is a group of five radios (0-4) named after it.
    const groups = form.getByRole('radiogroup');
    const criteria = await groups.count();
    expect(criteria).toBeGreaterThanOrEqual(5);
    await form.getByText('Score every criterion to see the weighted total.').waitFor();
    for (let i = 0; i < criteria; i++) await groups.nth(i).getByRole('radio', { name: '3', exact: true }).check();
    // all threes: the weighted total is 3 whatever the weights
    await form.getByText('Weighted total: 3 of 4').waitFor();
    await form.getByRole('combobox', { name: /Gender marker/ }).selectOption('2');
    await form.getByRole('combobox', { name: /Human rights marker/ }).selectOption('2');
    await form.getByRole('combobox', { name: /Recommendation/ }).selectOption('proceed');
    await form
      .getByRole('textbox', { name: /Rationale/ })
      .fill('Strong regional demand; forensic institutes are ready to share data.');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Save assessment' }).click();
    await form.getByRole('status').filter({ hasText: 'Current assessment (version 1)' }).waitFor();
    expect(await form.getByRole('status').filter({ hasText: 'Current assessment' }).textContent()).toContain('Proceed');
    await screenshot(page, 'hub-assessment-saved');
  });

  it('sees ranked partner matches, each score explained, and invites one', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.hubOfficer);
    await page.goto('/app/requests?status=matching');
    await page
      .getByRole('table', { name: 'Triage queue' })
      .getByRole('link', { name: new RegExp(MATCHING) })
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(MATCHING) }).waitFor();
    await page.getByRole('tab', { name: 'Partners' }).click();
    const matches = page.getByRole('table', { name: 'Suggested partners' });
    await matches.waitFor();
    const rows = matches.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(2); // header + at least two partners
    // The first partner: a percentage score, the four components and the reasons in words.
    const first = rows.nth(1);
    expect(await first.textContent()).toMatch(/\d+\s?%/);
    for (const component of ['Objective fit', 'Presence in the country', 'Capacity', 'Track record'])
      await first.getByText(component, { exact: true }).waitFor();
    await first
      .getByRole('list', { name: 'Why' })
      .getByText(/present in PHL/)
      .waitFor();
    // IOM was invited as lead in the demo: its row shows the invitation instead of a button.
    await matches.getByRole('row').filter({ hasText: 'IOM' }).getByText('Pending').waitFor();
    await page.getByRole('heading', { name: 'Invitations sent' }).waitFor();
    await page.getByText(/ILO · participating · Declined/).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'hub-partner-matches');

    // Invite a partner not invited yet; the row then shows its pending invitation.
    // a participating partner: inviting another lead would withdraw IOM's pending lead invitation
    const invite = matches.getByRole('button', { name: /^Invite as participating: / }).first();
    const name = /: (.+)$/.exec((await invite.getAttribute('aria-label')) ?? '')?.[1] ?? '';
    expect(name.length).toBeGreaterThan(0);
    await invite.click();
    await page.getByRole('status').filter({ hasText: 'Invitation sent' }).waitFor();
    await matches.getByRole('row').filter({ hasText: name }).getByText('Pending').waitFor();
    await page.getByText(new RegExp(`${name} · \\w+ · Pending`)).waitFor();
  });

  it('a partner officer accepts an invitation, then reports progress on a request it implements', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.partner);
    await page.goto('/app/invitations');
    await page.getByRole('heading', { level: 1, name: 'Invitations' }).waitFor();
    // IOM was invited to lead PHL-0003 in the demo
    const pending = page.getByRole('listitem').filter({ hasText: new RegExp(MATCHING) });
    await pending.getByText(/CBM-2026-PHL-0003/).waitFor();
    await expectAccessible(page);
    await pending.getByRole('button', { name: 'Accept', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Please confirm' });
    await confirm.getByText(/commits to the role offered/).waitFor();
    await confirm.getByRole('button', { name: 'Accept', exact: true }).click();
    await pending.waitFor({ state: 'detached' });
    await page.getByText('Accepted', { exact: true }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: new RegExp(MATCHING) })
      .waitFor();
    await screenshot(page, 'partner-invitation-accepted');

    // KEN-0001, led by IOM, is in implementation: report on it from its plan
    await page.getByRole('link', { name: /CBM-2026-KEN-0001/ }).click();
    await page.getByRole('heading', { level: 1, name: /Reintegration support/ }).waitFor();
    await page.getByRole('tab', { name: 'Plan and reports' }).click();
    await page
      .getByRole('table', { name: 'Milestones' })
      .getByText('National referral protocol adopted', { exact: false })
      .waitFor();
    const form = page.getByRole('form', { name: 'Submit a report' });
    await form.getByRole('textbox', { name: /Period/ }).fill('2027-Q3');
    await form
      .getByRole('textbox', { name: /What was done/ })
      .fill('Referral desks opened in Mombasa and Nairobi; 140 returnees counselled.');
    await form.getByRole('combobox', { name: /^M2/ }).selectOption('in_progress');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Submit report' }).click();
    await form.getByRole('status').filter({ hasText: 'Report submitted' }).waitFor();
    await page
      .getByRole('region', { name: 'Reports' })
      .getByText(/Progress report · 2027-Q3/)
      .waitFor();
    await screenshot(page, 'partner-report-submitted');
  });
});
