import { screenshot, signIn } from './support/browser-app';
import { browserSuite, expectAccessible } from './support/browser-suite';

// Demo request in set-up (apps/api/src/demo/demo-requests.ts): ILO confirmed as lead, no plan yet.
const IN_SETUP = 'Labour migration governance: bilateral labour agreements review';

describe('hub officer edits the implementation plan (browser)', () => {
  const s = browserSuite();

  it('adds a milestone with a funding line and a budget, saves, and sees it in the plan', async () => {
    const page = s.page;
    await signIn(page, s.app.accounts.hubOfficer);
    await page.goto('/app/requests?status=setup');
    await page
      .getByRole('table', { name: 'Triage queue' })
      .getByRole('link', { name: new RegExp(IN_SETUP) })
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(IN_SETUP) }).waitFor();
    await page.getByRole('tab', { name: 'Plan and reports' }).click();
    const form = page.getByRole('form', { name: 'Edit implementation plan' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Add a milestone' }).click();
    await form.getByRole('textbox', { name: 'Title (milestone 1)' }).fill('Monitoring framework adopted');
    await form.getByLabel('Due date (milestone 1)').fill('2027-06-30');
    await form.getByRole('button', { name: 'Add a funding line' }).click();
    await form.getByRole('combobox', { name: 'Source (funding line 1)' }).selectOption('national_budget');
    await form.getByRole('textbox', { name: /^Amount in USD \(funding line 1\)/ }).fill('60000');
    await form.getByRole('combobox', { name: 'Status (funding line 1)' }).selectOption('confirmed');
    await form.getByRole('textbox', { name: /^Budget for ILO/ }).fill('60000');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Save plan' }).click();
    await form.getByRole('status').filter({ hasText: 'Plan saved.' }).waitFor();
    const milestones = page.getByRole('table', { name: 'Milestones' });
    await milestones.getByText('M1 · Monitoring framework adopted').waitFor();
    await page.getByText(/Version 1, updated/).waitFor();
    await screenshot(page, 'hub-plan-saved');
  });
});
