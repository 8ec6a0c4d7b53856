import { createHash, randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/** A small valid-looking PDF of `size` bytes (header, filler, trailer): the sniffer reads the signature. */
function pdf(size: number, seed = 'x'): Buffer {
  const head = Buffer.from(`%PDF-1.7\n% ${seed}\n`, 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  const body = randomBytes(Math.max(0, size - head.length - tail.length));
  return Buffer.concat([head, body, tail]);
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('documents: stored by hash, streamed, visible as their parent', () => {
  let sys: TestSystem;
  let kenya: TestUser, kenya2: TestUser, mexico: TestUser, hub: TestUser, hub2: TestUser, author: TestUser;
  let fm: TestUser, donor: TestUser, otherDonor: TestUser;
  let requestId: string;

  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await sys.db.dataSource.query(sql, params)) as { n: string }[])[0].n);

  const upload = (u: TestUser | null, path: string, body: Buffer, name: string) => {
    const r = sys.http().post(`/api/v1/${path}`);
    if (u) r.set(bearer(u));
    return r.attach('file', body, name);
  };

  beforeAll(async () => {
    sys = await startTestSystem({ documentMaxBytes: 1024 * 1024 });
    [kenya, kenya2, mexico, hub, hub2, author, fm] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('focal_point', { countryCode: 'MEX' }),
      sys.user('hub_officer'),
      sys.user('hub_officer'),
      sys.user('hub_officer'),
      sys.user('fund_manager'),
    ]);
    donor = await sys.user('donor', { organisation: 'SWE' });
    otherDonor = await sys.user('donor', { organisation: 'DEU' });
    const created = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(kenya))
      .send({
        title: 'Reintegration support for returning migrant workers',
        summary: 'Returning domestic workers lack referral pathways for support in their counties.',
        expectedResults: 'A referral mechanism piloted in three counties.',
        objectives: [21],
        supportTypes: ['technical_assistance'],
        estimatedBudget: { amount: '45000000', currency: 'USD' },
      })
      .expect(201);
    requestId = created.body.id;
    // hub officers do not see drafts (the request's own scope rule), so the request is submitted
    await sys.http().post(`/api/v1/requests/${requestId}/actions/submit`).set(bearer(kenya)).send({}).expect(200);
  });
  afterAll(() => sys?.close());

  it('round-trips an endorsement letter byte for byte, with its hash, as an attachment', async () => {
    const bytes = pdf(600 * 1024, 'letter');
    const res = await upload(
      kenya,
      `requests/${requestId}/documents?kind=endorsement_letter`,
      bytes,
      'Endorsement letter.pdf',
    ).expect(201);
    expect(res.body).toMatchObject({
      parentType: 'request',
      parentId: requestId,
      kind: 'endorsement_letter',
      name: 'Endorsement letter.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256: sha(bytes),
      uploadedById: kenya.id,
    });
    // 600 KiB in 256 KiB slices
    expect(await count(`SELECT count(*) n FROM document_blob_chunk WHERE sha256 = $1`, [sha(bytes)])).toBe(3);

    const got = await sys
      .http()
      .get(`/api/v1/documents/${res.body.id}/content`)
      .set(bearer(hub))
      .responseType('blob')
      .expect(200);
    expect(sha(got.body as Buffer)).toBe(sha(bytes));
    expect(got.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'x-content-type-options': 'nosniff',
      etag: `"${sha(bytes)}"`,
    });
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Endorsement letter.pdf"; filename*=UTF-8''Endorsement%20letter.pdf`,
    );
    const meta = await sys.http().get(`/api/v1/documents/${res.body.id}`).set(bearer(kenya2)).expect(200);
    expect(meta.body.sha256).toBe(sha(bytes));
    const list = await sys.http().get(`/api/v1/requests/${requestId}/documents`).set(bearer(kenya)).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
  });

  it("answers 404 to another country's focal point, as for the request", async () => {
    const doc = await upload(kenya, `requests/${requestId}/documents`, pdf(2000, 'concept'), 'concept-note.pdf').expect(
      201,
    );
    for (const path of [
      `documents/${doc.body.id}`,
      `documents/${doc.body.id}/content`,
      `requests/${requestId}/documents`,
    ])
      expect((await sys.http().get(`/api/v1/${path}`).set(bearer(mexico)).expect(404)).body.code).toMatch(/NOT_FOUND/);
    await upload(mexico, `requests/${requestId}/documents`, pdf(2000), 'x.pdf').expect(404);
    await sys.http().delete(`/api/v1/documents/${doc.body.id}`).set(bearer(mexico)).expect(404);
    await sys.http().get(`/api/v1/documents/${doc.body.id}/content`).expect(401);
  });

  it('stores the same bytes once, however often they are uploaded', async () => {
    const bytes = pdf(300 * 1024, 'same');
    const a = await upload(kenya, `requests/${requestId}/documents`, bytes, 'a.pdf').expect(201);
    const b = await upload(hub, `requests/${requestId}/documents`, bytes, 'b.pdf').expect(201);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.sha256).toBe(b.body.sha256);
    expect(await count(`SELECT count(*) n FROM document_blob WHERE sha256 = $1`, [sha(bytes)])).toBe(1);
    expect(await count(`SELECT count(*) n FROM document_blob_chunk WHERE sha256 = $1`, [sha(bytes)])).toBe(2);
    expect(await count(`SELECT count(*) n FROM document_blob_chunk WHERE sha256 LIKE 'upload-%'`)).toBe(0);
  });

  it('stores the same bytes once when two uploads of them run at the same time', async () => {
    const bytes = pdf(700 * 1024, 'race');
    const [a, b] = await Promise.all([
      upload(kenya, `requests/${requestId}/documents`, bytes, 'a.pdf'),
      upload(hub, `requests/${requestId}/documents`, bytes, 'b.pdf'),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await count(`SELECT count(*) n FROM document_blob WHERE sha256 = $1`, [sha(bytes)])).toBe(1);
    expect(await count(`SELECT count(*) n FROM document_blob_chunk WHERE sha256 = $1`, [sha(bytes)])).toBe(3);
    expect(await count(`SELECT count(*) n FROM document_blob_chunk WHERE sha256 LIKE 'upload-%'`)).toBe(0);
  });

  it('refuses a file over DOCUMENT_MAX_BYTES with 413 and stores nothing', async () => {
    const before = await count(`SELECT count(*) n FROM document_blob_chunk`);
    const docs = await count(`SELECT count(*) n FROM document`);
    const res = await upload(kenya, `requests/${requestId}/documents`, pdf(1024 * 1024 + 10), 'big.pdf').expect(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('DOCUMENT_TOO_LARGE');
    expect(await count(`SELECT count(*) n FROM document_blob_chunk`)).toBe(before);
    expect(await count(`SELECT count(*) n FROM document`)).toBe(docs);
  });

  it('checks the type on the bytes: an executable or a web page named .pdf is refused with 415', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(4000)]);
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const before = await count(`SELECT count(*) n FROM document_blob_chunk`);
    for (const [bytes, name] of [
      [exe, 'report.pdf'],
      [html, 'report.pdf'],
      [html, 'data.csv'],
      [svg, 'picture.png'],
      [Buffer.from('just some words'), 'notes.pdf'],
    ] as const) {
      const res = await upload(kenya, `requests/${requestId}/documents`, bytes, name).expect(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    }
    expect(await count(`SELECT count(*) n FROM document_blob_chunk`)).toBe(before);
    const csv = await upload(
      kenya,
      `requests/${requestId}/documents`,
      Buffer.from('county,returnees\nKisumu,120\n'),
      'returnees.csv',
    ).expect(201);
    expect(csv.body.mediaType).toBe('text/csv');
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(200)]);
    expect((await upload(kenya, `requests/${requestId}/documents`, png, 'map.pdf').expect(201)).body.mediaType).toBe(
      'image/png',
    );
    await sys.http().post(`/api/v1/requests/${requestId}/documents`).set(bearer(kenya)).send({ file: 'x' }).expect(415);
  });

  it('refuses malformed multipart bodies with 4xx problem+json, storing nothing', async () => {
    const B = 'b0undary';
    const part = (name: string, content: string, filename = 'a.pdf') =>
      `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n${content}\r\n`;
    const pdfText = '%PDF-1.7\n%%EOF\n';
    const before = await count(`SELECT count(*) n FROM document_blob_chunk`);
    const docs = await count(`SELECT count(*) n FROM document`);
    const answers: string[] = [];
    for (const [body, type] of [
      [part('file', pdfText) + `--${B}--\r\n`, 'multipart/form-data'],
      [part('file', pdfText).slice(0, 50), `multipart/form-data; boundary=${B}`],
      [part('file', pdfText), `multipart/form-data; boundary=${B}`],
      [`--${B}--\r\n`, `multipart/form-data; boundary=${B}`],
      [part('other', pdfText) + `--${B}--\r\n`, `multipart/form-data; boundary=${B}`],
      [part('file', pdfText) + part('file', pdfText) + `--${B}--\r\n`, `multipart/form-data; boundary=${B}`],
      [part('file', '') + `--${B}--\r\n`, `multipart/form-data; boundary=${B}`],
    ]) {
      const res = await sys
        .http()
        .post(`/api/v1/requests/${requestId}/documents`)
        .set(bearer(kenya))
        .set('content-type', type)
        .send(body);
      answers.push(`${res.status >= 400 && res.status < 500} ${res.headers['content-type']}`);
    }
    // a JSON route given a multipart body (the parser is registered for the whole app now)
    const json = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(kenya))
      .attach('file', Buffer.from('%PDF-1.7\n'), 'a.pdf');
    answers.push(`${json.status >= 400 && json.status < 500} ${json.headers['content-type']}`);
    expect(answers).toEqual(answers.map(() => 'true application/problem+json; charset=utf-8'));
    expect(await count(`SELECT count(*) n FROM document_blob_chunk`)).toBe(before);
    expect(await count(`SELECT count(*) n FROM document`)).toBe(docs);
  });

  it('sanitises names: no path, controls or bidi overrides, bounded length', async () => {
    const name = '..\\..\\C:\\temp/evil\u202Efdp.exe\u0000\u0007.pdf';
    const res = await upload(kenya, `requests/${requestId}/documents`, pdf(1000, 'n'), name).expect(201);
    expect(res.body.name).toBe('evilfdp.exe.pdf');
    const long = await upload(
      kenya,
      `requests/${requestId}/documents`,
      pdf(1000, 'l'),
      `${'é'.repeat(300)}.pdf`,
    ).expect(201);
    expect(Array.from(long.body.name as string)).toHaveLength(200);
    expect(long.body.name).toMatch(/\.pdf$/);
    const got = await sys.http().get(`/api/v1/documents/${long.body.id}/content`).set(bearer(kenya)).expect(200);
    expect(got.headers['content-disposition']).toMatch(
      /^attachment; filename="_+\.pdf"; filename\*=UTF-8''(%C3%A9)+\.pdf$/,
    );
  });

  it('lets the uploader or a hub officer delete (soft), and no one else', async () => {
    const doc = await upload(kenya, `requests/${requestId}/documents`, pdf(1000, 'del'), 'draft.pdf').expect(201);
    await sys.http().delete(`/api/v1/documents/${doc.body.id}`).set(bearer(kenya2)).expect(403);
    await sys.http().delete(`/api/v1/documents/${doc.body.id}`).set(bearer(hub2)).expect(204);
    await sys.http().get(`/api/v1/documents/${doc.body.id}`).set(bearer(kenya)).expect(404);
    expect(await count(`SELECT count(*) n FROM document WHERE id = $1 AND deleted_at IS NOT NULL`, [doc.body.id])).toBe(
      1,
    );
  });

  it("opens a knowledge item's resources to the public only once the item is published", async () => {
    const { body: item } = await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(author))
      .send({
        kind: 'dataset',
        title: 'Returnee referrals by county',
        summary: 'Counts of returnees referred to services, by county.',
        body: 'The data set.',
        objectives: [21],
      })
      .expect(201);
    const data = Buffer.from('county,referred\nKisumu,120\nMombasa,80\n');
    const doc = await upload(
      author,
      `knowledge/items/${item.id}/documents?kind=resource`,
      data,
      'referrals.csv',
    ).expect(201);
    const open = `/api/v1/open/knowledge/${item.id}/documents`;
    await sys.http().get(`${open}/${doc.body.id}/content`).expect(404);
    await sys.http().get(open).expect(404);
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${item.id}/actions/submit_for_review`)
      .set(bearer(author))
      .send({})
      .expect(200);
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${item.id}/actions/publish`)
      .set(bearer(hub))
      .send({ conflictOfInterest: false })
      .expect(200);
    const listed = await sys.http().get(open).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: doc.body.id, name: 'referrals.csv' })]);
    const got = await sys.http().get(`${open}/${doc.body.id}/content`).expect(200);
    expect(got.text).toBe(data.toString());
    expect(got.headers['content-type']).toBe('text/csv; charset=utf-8');
    // what is published was reviewed with its files: no more attaching
    await upload(author, `knowledge/items/${item.id}/documents`, pdf(500), 'late.pdf').expect(403);
    // a document of another parent is not reachable through the item's public route
    const other = await upload(kenya, `requests/${requestId}/documents`, pdf(700, 'o'), 'o.pdf').expect(201);
    await sys.http().get(`${open}/${other.body.id}/content`).expect(404);
    expect(
      await count(`SELECT count(*) n FROM document WHERE id = $1 AND extracted_text LIKE '%Mombasa,80%'`, [
        doc.body.id,
      ]),
    ).toBe(1);
  });

  it('keeps a contribution agreement to fund staff and the contributing donor', async () => {
    const swe = donor.organisationId;
    if (!swe) throw new Error('the test donor needs an organisation');
    const c = await sys
      .http()
      .post('/api/v1/fund/contributions')
      .set(bearer(fm))
      .send({
        contributorId: swe,
        pledgedAt: '2026-01-10',
        amount: { amount: '100000000', currency: 'SEK' },
        earmark: { type: 'none' },
      })
      .expect(201);
    const doc = await upload(
      fm,
      `fund/contributions/${c.body.id}/documents?kind=contribution_agreement`,
      pdf(3000, 'agr'),
      'agreement.pdf',
    ).expect(201);
    await sys.http().get(`/api/v1/documents/${doc.body.id}/content`).set(bearer(donor)).expect(200);
    await sys.http().get(`/api/v1/documents/${doc.body.id}`).set(bearer(otherDonor)).expect(404);
    await sys.http().get(`/api/v1/documents/${doc.body.id}`).set(bearer(kenya)).expect(404);
    await upload(donor, `fund/contributions/${c.body.id}/documents`, pdf(3000), 'x.pdf').expect(403);
  });

  it('reads the text of an uploaded PDF for the personal-data scanner, after the upload', async () => {
    const bytes = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument();
      const parts: Buffer[] = [];
      doc.on('data', (b: Buffer) => parts.push(b));
      doc.on('end', () => resolve(Buffer.concat(parts)));
      doc.text('Beneficiary list. Passport number P1234567, born 12/03/1990.');
      doc.end();
    });
    const res = await upload(kenya, `requests/${requestId}/documents`, bytes, 'beneficiaries.pdf').expect(201);
    let text: string | null = null;
    for (let i = 0; i < 100 && text === null; i++) {
      [{ text }] = await sys.db.dataSource.query(`SELECT extracted_text AS text FROM document WHERE id = $1`, [
        res.body.id,
      ]);
      if (text === null) await new Promise((r) => setTimeout(r, 100));
    }
    expect(text).toContain('Passport number P1234567');
  });

  it('holds up a knowledge item whose attached PDF names a passport number until the file is redacted; an unread image until a reviewer overrides', async () => {
    const pdfWith = (text: string) =>
      new Promise<Buffer>((resolve) => {
        const doc = new PDFDocument();
        const parts: Buffer[] = [];
        doc.on('data', (b: Buffer) => parts.push(b));
        doc.on('end', () => resolve(Buffer.concat(parts)));
        doc.text(text);
        doc.end();
      });
    const textRead = async (id: string) => {
      for (let i = 0; i < 100; i++) {
        const [{ text }] = (await sys.db.dataSource.query(`SELECT extracted_text AS text FROM document WHERE id = $1`, [
          id,
        ])) as { text: string | null }[];
        if (text !== null) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the text of document ${id} was never read`);
    };
    const { body: item } = await sys
      .http()
      .post('/api/v1/knowledge/items')
      .set(bearer(author))
      .send({
        kind: 'practice',
        title: 'Return counselling in Kisumu county',
        summary: 'How county officers counsel returning workers before referral.',
        body: 'The attached case notes describe the counselling steps.',
        objectives: [21],
      })
      .expect(201);
    const docs = `knowledge/items/${item.id}/documents`;
    const notes = await upload(
      author,
      docs,
      await pdfWith('Case notes. Ms Amina Odhiambo, passport number AK4829173, was counselled on 3 May.'),
      'case-notes.pdf',
    ).expect(201);
    const map = await upload(
      author,
      docs,
      Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(200)]),
      'map.png',
    ).expect(201);
    await textRead(notes.body.id);
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${item.id}/actions/submit_for_review`)
      .set(bearer(author))
      .send({})
      .expect(200);
    const publish = () =>
      sys
        .http()
        .post(`/api/v1/knowledge/items/${item.id}/actions/publish`)
        .set(bearer(hub))
        .send({ conflictOfInterest: false });
    const refused = await publish().expect(422);
    expect(refused.body.code).toBe('PERSONAL_DATA_FOUND');
    const blocking = (refused.body.findings as { subjectId: string; kind: string; id: string }[]).map((f) => [
      f.subjectId,
      f.kind,
    ]);
    expect(blocking).toEqual(
      expect.arrayContaining([
        [notes.body.id, 'passport'],
        [map.body.id, 'unscanned'],
      ]),
    );
    expect(JSON.stringify(refused.body)).not.toContain('AK4829173');
    // redacted: the file with the passport number goes, a redacted one takes its place
    await sys.http().delete(`/api/v1/documents/${notes.body.id}`).set(bearer(author)).expect(204);
    const redacted = await upload(
      author,
      docs,
      await pdfWith('Case notes. A returning worker was counselled on 3 May.'),
      'case-notes-redacted.pdf',
    ).expect(201);
    await textRead(redacted.body.id);
    const still = await publish().expect(422);
    const unscanned = (still.body.findings as { subjectId: string; kind: string; id: string }[]).filter(
      (f) => f.subjectId === map.body.id,
    );
    expect(still.body.findings).toHaveLength(1);
    expect(unscanned.map((f) => f.kind)).toEqual(['unscanned']);
    await sys
      .http()
      .post(`/api/v1/knowledge/items/${item.id}/personal-data/${unscanned[0].id}/override`)
      .set(bearer(hub))
      .send({ reason: 'Looked at the map: county boundaries only, no person shown' })
      .expect(200);
    await publish().expect(200);
    await sys.http().get(`/api/v1/open/knowledge/${item.id}/documents/${redacted.body.id}/content`).expect(200);
    await sys.http().get(`/api/v1/open/knowledge/${item.id}/documents/${notes.body.id}/content`).expect(404);
  });

  it('audits every upload, download and deletion', async () => {
    const rows = (await sys.db.dataSource.query(
      `SELECT action, count(*)::int n FROM audit_event WHERE entity_type = 'document' GROUP BY action`,
    )) as { action: string; n: number }[];
    const by = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(by['document.uploaded']).toBeGreaterThanOrEqual(10);
    expect(by['document.downloaded']).toBeGreaterThanOrEqual(3);
    expect(by['document.downloaded_public']).toBe(2);
    expect(by['document.deleted']).toBe(2);
  });
});
