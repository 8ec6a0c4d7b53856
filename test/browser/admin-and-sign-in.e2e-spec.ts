import { screenshot, signIn } from './support/browser-app';
import { browserSuite, expectAccessible } from './support/browser-suite';

describe('administration and sign-in protection (browser)', () => {
  const s = browserSuite(120_000);

  it('lets an administrator create a user and see it listed', async () => {
    await signIn(s.page, s.app.accounts.admin);
    await s.page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    const users = s.page.getByRole('table', { name: 'Users' });
    await users.waitFor();
    await expectAccessible(s.page);
    const email = `new.officer.${Date.now()}@cbm.example.org`;
    await s.page.getByRole('textbox', { name: 'Name' }).fill('Nadia New');
    await s.page.getByRole('textbox', { name: 'Email' }).fill(email);
    await s.page.getByLabel(/^Password/).fill('a-long-enough-password-2026');
    await s.page.getByRole('combobox', { name: 'Role' }).selectOption('hub_officer');
    await s.page.getByRole('button', { name: 'Create user' }).click();
    await s.page.getByRole('status').filter({ hasText: 'User created.' }).waitFor();
    await users.getByRole('row').filter({ hasText: email }).waitFor();
    await screenshot(s.page, 'admin-users');
  });

  it("lets an administrator erase a person's data, with a reason", async () => {
    await signIn(s.page, s.app.accounts.admin);
    const users = s.page.getByRole('table', { name: 'Users' });
    await users.waitFor();
    const email = `erasable.${Date.now()}@cbm.example.org`;
    await s.page.getByRole('textbox', { name: 'Name' }).fill('Elena Erasable');
    await s.page.getByRole('textbox', { name: 'Email' }).fill(email);
    await s.page.getByLabel(/^Password/).fill('a-long-enough-password-2026');
    await s.page.getByRole('combobox', { name: 'Role' }).selectOption('hub_officer');
    await s.page.getByRole('button', { name: 'Create user' }).click();
    await users.getByRole('row').filter({ hasText: email }).waitFor();
    await s.page.getByRole('button', { name: `Erase: ${email}` }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Erase this person’s data' });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Erase for good' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/^Reason/).fill('erasure requested by the person (ticket 77)');
    await expectAccessible(s.page);
    await screenshot(s.page, 'admin-erase-user');
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await users.getByRole('row').filter({ hasText: email }).waitFor({ state: 'detached' });
    expect(await users.getByRole('row').filter({ hasText: 'Elena Erasable' }).count()).toBe(0);
    await users
      .getByRole('row')
      .filter({ hasText: /erased-user-/ })
      .filter({ hasText: 'Erased' })
      .first()
      .waitFor();
  });

  it('says clearly that sign-in is locked after too many failures', async () => {
    await s.page.goto('/login');
    await s.page.getByLabel('Email').fill(s.app.accounts.otherFocalPoint.email);
    const password = s.page.getByLabel(/^Password/);
    const submit = s.page.getByRole('button', { name: 'Sign in' });
    const locked = s.page.getByRole('alert').filter({ hasText: 'Sign-in temporarily locked' });
    for (let attempt = 1; attempt <= 12 && !(await locked.isVisible()); attempt++) {
      await password.fill(`wrong-password-${attempt}`);
      await submit.click();
      await s.page
        .getByRole('alert')
        .filter({ hasText: /Sign-in failed|Sign-in temporarily locked/ })
        .waitFor();
      await submit.isEnabled();
    }
    await locked.waitFor();
    await screenshot(s.page, 'sign-in-locked');
  });
});
