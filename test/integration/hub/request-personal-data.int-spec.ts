import { PrivacyService } from '@cbm/privacy';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

interface Finding {
  id: string;
  field: string;
  kind: string;
  start: number;
  end: number;
  excerpt: string;
  status: string;
}

/** The request's free text, the focal point's answers and documents' text are scanned on write; nothing is blocked. */
describe('support requests: personal data recorded for the hub', () => {
  let sys: TestSystem;
  let kenya: TestUser, mexico: TestUser, hub: TestUser, iom: TestUser;

  beforeAll(async () => {
    sys = await startTestSystem();
    [kenya, mexico, hub, iom] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('focal_point', { countryCode: 'MEX' }),
      sys.user('hub_officer'),
      sys.user('partner_officer', { organisation: 'IOM' }),
    ]);
  });
  afterAll(() => sys?.close());

  const act = (u: TestUser, id: string, action: string, body: Record<string, unknown> = {}) =>
    sys.http().post(`/api/v1/requests/${id}/actions/${action}`).set(bearer(u)).send(body);
  const findings = async (id: string): Promise<Finding[]> =>
    (await sys.http().get(`/api/v1/requests/${id}/personal-data`).set(bearer(hub)).expect(200)).body;
  const summary =
    'Returnees such as Grace Achieng (grace.achieng84@gmail.com) lack referral pathways; budget 45,000,000 KES for CBM-2026-KEN-0007.';

  it('records findings on create, redacts them on edit, and never blocks the workflow', async () => {
    const { body: r } = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(kenya))
      .send({
        title: 'Reintegration support for returning migrant workers',
        summary,
        expectedResults: 'A referral mechanism piloted in three counties; 600 returnees supported by 2027-06-30.',
        objectives: [21],
        supportTypes: ['technical_assistance'],
      })
      .expect(201);
    // a draft is the focal point's own; the hub reads the findings once the request is submitted
    await act(kenya, r.id, 'submit').expect(200);
    const found = await findings(r.id);
    expect(found.map((f) => [f.field, f.kind, f.status]).sort()).toEqual([
      ['summary', 'email', 'open'],
      ['summary', 'name_with_identifier', 'open'],
    ]);
    const email = found.find((f) => f.kind === 'email');
    expect(summary.slice(email?.start, email?.end)).toBe('grace.achieng84@gmail.com');
    expect(email?.excerpt).toBe('g••••••••••••••@gmail.com');

    await act(hub, r.id, 'start_triage', { assigneeId: hub.id }).expect(200);
    const asked = await act(hub, r.id, 'request_info', { question: 'Who is the contact in Kiambu?' }).expect(200);
    await sys
      .http()
      .patch(`/api/v1/requests/${r.id}`)
      .set(bearer(kenya))
      .send({ version: asked.body.version, summary: 'Returnees lack referral pathways in three counties.' })
      .expect(200);
    // the answer to the hub's question is scanned too, and the request moves on regardless
    const answered = await act(kenya, r.id, 'provide_info', {
      answer: 'Ms Esther Wanjiru, mobile 0722 123 456, coordinates the returnees.',
    }).expect(200);
    expect(answered.body.status).toBe('in_triage');
    const now = await findings(r.id);
    expect(now.filter((f) => f.field === 'summary').map((f) => f.status)).toEqual(['redacted', 'redacted']);
    const open = (await findings(r.id)).filter((f) => f.status === 'open');
    expect(open.map((f) => f.kind).sort()).toEqual(['name_with_identifier', 'phone']);
    expect(open.every((f) => /^answers\.[0-9a-f-]{36}$/.test(f.field))).toBe(true);
  });

  it('shows findings to hub officers only, within scope', async () => {
    const { body: r } = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(kenya))
      .send({
        title: 'Border data',
        summary: 'Border crossings are counted by hand at 14 posts; no personal data here.',
        expectedResults: 'A shared data model for the 14 posts by 2027.',
        objectives: [1],
        supportTypes: ['data_and_research'],
      })
      .expect(201);
    await act(kenya, r.id, 'submit').expect(200);
    await sys.http().get(`/api/v1/requests/${r.id}/personal-data`).set(bearer(kenya)).expect(403);
    await sys.http().get(`/api/v1/requests/${r.id}/personal-data`).set(bearer(iom)).expect(403);
    await sys.http().get(`/api/v1/requests/${r.id}/personal-data`).set(bearer(mexico)).expect(403);
    expect(await findings(r.id)).toEqual([]);
  });

  it('records the text of another record in one call (scanText, for documents)', async () => {
    const privacy = sys.app.get(PrivacyService);
    const id = '0190a6f2-2222-7000-8000-000000000001';
    const first = await privacy.scanText('document', id, 'text', 'Passport number EK0418823, born on 5 May 1992.');
    expect(first.map((f) => f.kind).sort()).toEqual(['date_of_birth', 'passport']);
    const again = await privacy.scanText('document', id, 'text', 'Passport number EK0418823.');
    expect(again.map((f) => f.kind)).toEqual(['passport']);
    expect(again[0].id).toBe(first.find((f) => f.kind === 'passport')?.id);
    const all = await privacy.list({ type: 'document', id });
    expect(all.map((f) => [f.kind, f.status]).sort()).toEqual([
      ['date_of_birth', 'redacted'],
      ['passport', 'open'],
    ]);
  });
});
