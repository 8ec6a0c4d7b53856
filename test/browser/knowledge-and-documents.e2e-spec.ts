import { apiAs } from './support/browser-api';
import { screenshot, signIn, signOut } from './support/browser-app';
import { browserSuite, expectAccessible } from './support/browser-suite';

/** A minimal one-page PDF: enough for the server's type sniffing (the %PDF- signature). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('knowledge authoring, review and documents (browser)', () => {
  const s = browserSuite(240_000);

  it('lets a partner officer write an item with a CSV resource, and a hub officer review and publish it', async () => {
    const title = `Remittance corridors dashboard ${Date.now()}`;
    const page = s.page;
    await signIn(page, s.app.accounts.partner);
    await page.getByRole('link', { name: 'Knowledge items' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge items' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'New knowledge item' }).click();
    await page.getByRole('heading', { level: 1, name: 'New knowledge item' }).waitFor();
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
    await page
      .getByRole('textbox', { name: 'Summary', exact: true })
      .fill('A public dashboard of remittance costs by corridor.');
    await page
      .getByRole('textbox', { name: 'Text in Markdown' })
      .fill('## What was done\n\n- Costs collected each quarter\n- Published as open data');
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('tool');
    await page.getByRole('checkbox', { name: /^20\. / }).check();
    await page.getByRole('textbox', { name: 'Title in French' }).fill('Tableau de bord des corridors de transfert');
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.getByRole('heading', { level: 2, name: 'What was done' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    // the translation came back from the API with the item
    expect(await page.getByRole('textbox', { name: 'Title in French' }).inputValue()).toBe(
      'Tableau de bord des corridors de transfert',
    );

    // a CSV resource, uploaded with the documents panel
    await page.locator('input[type=file]').setInputFiles({
      name: 'corridor-costs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('corridor,quarter,cost_percent\nKEN-UGA,2026Q1,7.1\nMEX-GTM,2026Q1,4.9\n'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('button', { name: 'Download corridor-costs.csv' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'knowledge-editor');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('status').filter({ hasText: 'Done: the item is now “In review”.' }).waitFor();
    await signOut(page);

    // a second officer reviews: no personal data, no conflict, publishes
    await signIn(page, s.app.accounts.hubOfficer);
    await page.goto('/app/knowledge');
    await page.getByRole('tab', { name: 'In review' }).click();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('No personal data found in the text or the resources.').waitFor();
    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    expect(await publish.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /I declare that I have no conflict of interest/ }).check();
    await expectAccessible(page);
    await screenshot(page, 'knowledge-review');
    await publish.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Done: the item is now “Published”.' }).waitFor();

    // versions: what the publication changed is readable
    await page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor();

    // the public page offers the resource for download
    await signOut(page);
    await page.goto(`/knowledge/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const link = page.getByRole('link', { name: 'Download corridor-costs.csv' });
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`/api/v1/open/knowledge/${id}/documents/[0-9a-f-]+/content$`));
    const res = await fetch(`${s.app.url}${href}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('KEN-UGA');
    await expectAccessible(page);
    await screenshot(page, 'knowledge-public-downloads');
  });

  it('shows a reviewer the personal data found, lets them override it with a reason, then publish; the diff is in words', async () => {
    const partner = await apiAs(s.app, s.app.accounts.partner);
    const title = `Returnee hotline ${Date.now()}`;
    const created = await partner.post<{ id: string; version: number }>('/knowledge/items', {
      title,
      summary: 'A hotline for returnees, answered in three languages.',
      body: 'Questions went to maria.lopez@example.org during the pilot.',
      kind: 'practice',
      language: 'en',
      objectives: [21],
    });
    await partner.post(`/knowledge/items/${created.id}/actions/submit_for_review`, { version: created.version });

    const page = s.page;
    await signIn(page, s.app.accounts.hubOfficer);
    await page.goto(`/app/knowledge/${created.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const findings = page.getByRole('table', { name: 'Personal data found' });
    const row = findings.getByRole('row').filter({ hasText: 'E-mail address' });
    await row.filter({ hasText: 'Blocks publication' }).waitFor();
    expect(await row.textContent()).not.toContain('maria.lopez@example.org');
    await page.getByRole('checkbox', { name: /I declare that I have no conflict of interest/ }).check();
    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    expect(await publish.isDisabled()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'knowledge-review-findings');

    await row
      .getByRole('textbox', { name: 'Why it may be published' })
      .fill('The pilot’s shared mailbox, not a person');
    await row.getByRole('button', { name: 'Override' }).click();
    await row.filter({ hasText: 'Overridden' }).waitFor();
    await publish.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Done: the item is now “Published”.' }).waitFor();

    await page.getByRole('combobox', { name: 'Compare version' }).selectOption('1');
    const stage = page.locator('dd').filter({ hasText: 'Draft' }).filter({ hasText: 'Published' });
    await stage.waitFor();
    await expectAccessible(page);
  });

  it("records a reviewer's declared conflict of interest and keeps Publish out of their reach", async () => {
    const partner = await apiAs(s.app, s.app.accounts.partner);
    const title = `Skills partnership toolkit ${Date.now()}`;
    const created = await partner.post<{ id: string; version: number }>('/knowledge/items', {
      title,
      summary: 'How two countries recognised the skills of returning workers.',
      kind: 'tool',
      language: 'en',
      objectives: [18],
    });
    await partner.post(`/knowledge/items/${created.id}/actions/submit_for_review`, { version: created.version });

    const page = s.page;
    await signIn(page, s.app.accounts.hubOfficer);
    await page.goto(`/app/knowledge/${created.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page
      .getByRole('textbox', { name: 'Or declare a conflict' })
      .fill('I advised one of the two ministries on this partnership.');
    await page.getByRole('button', { name: 'Declare the conflict' }).click();
    await page.getByRole('status').filter({ hasText: 'Your conflict is recorded' }).waitFor();
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await expectAccessible(page);
    // the declaration is the API's, not the page's: it still holds after a reload
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Your conflict is recorded' }).waitFor();
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
  });

  it('lets a focal point attach an endorsement letter (PDF) to a request, and refuses a file type it does not take', async () => {
    const focal = await apiAs(s.app, s.app.accounts.focalPoint);
    const mine = await focal.get<{ items: { id: string; title: string }[] }>('/requests?limit=5');
    const request = mine.items[0];
    const page = s.page;
    await signIn(page, s.app.accounts.focalPoint);
    await page.goto(`/app/requests/${request.id}`);
    await page.getByRole('heading', { level: 1, name: request.title }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Documents' }).waitFor();

    // refused: an executable is not a document the mechanism keeps
    await page.locator('input[type=file]').setInputFiles({
      name: 'letter.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('alert').filter({ hasText: 'This type of file is not accepted.' }).waitFor();

    await page.locator('input[type=file]').setInputFiles({
      name: 'endorsement-letter.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.getByRole('combobox', { name: 'Document type' }).selectOption('endorsement_letter');
    await page.getByRole('button', { name: 'Upload' }).click();
    const row = page.getByRole('row').filter({ hasText: 'endorsement-letter.pdf' });
    await row.filter({ hasText: 'Endorsement letter' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'request-documents');

    // deleted after a confirmation
    await page.getByRole('button', { name: 'Delete endorsement-letter.pdf' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
  });
});
