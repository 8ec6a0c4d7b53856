import { newId } from '@cbm/core';
import { DataSource, QueryFailedError } from 'typeorm';
import { bearer, startTestSystem, TestSystem } from '../../support/test-system';

/**
 * The database refuses bad rows on its own, whatever code writes them: plain SQL here, no service.
 * Each refusal is paired with the same row made right, so the named constraint is what refused it.
 */
describe('foreign keys and checks refuse bad rows in SQL', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let userId: string;
  let iom: string;
  let requestId: string;
  let allocationId: string;
  let entryId: string;

  /** The SQLSTATE and constraint name of the refusal; fails the test when the row is accepted. */
  const refusal = async (sql: string, params: unknown[]): Promise<{ code: string; constraint: string }> => {
    try {
      await ds.query(sql, params);
    } catch (err) {
      if (!(err instanceof QueryFailedError)) throw err;
      const e = err.driverError as { code: string; constraint: string };
      return { code: e.code, constraint: e.constraint };
    }
    throw new Error(`accepted: ${sql}`);
  };

  const insertRequest = (id: string, status: string) =>
    ds.query(
      `INSERT INTO support_request (id, reference, country_code, status, title, created_by_id, status_changed_at, version, created_at, updated_at)
       VALUES ($1, $2, 'KEN', $3, 'Labour migration statistics', $4, now(), 1, now(), now())`,
      [id, `CBM-2026-KEN-${id.slice(-8)}`, status, userId],
    );

  const timelineEntry = `INSERT INTO request_timeline_entry (id, request_id, at, actor_id, actor_role, kind, body)
    VALUES ($1, $2, now(), $3, 'hub_officer', 'comment', 'Please attach the statistics plan')`;

  const transfer = `INSERT INTO fund_transfer (id, allocation_id, organisation_id, amount, currency, entry_id, created_by_id, executed_at)
    VALUES ($1, $2, $3, $4, 'USD', $5, $6, now())`;

  beforeAll(async () => {
    sys = await startTestSystem();
    ds = sys.db.dataSource;
    userId = (await sys.user('hub_officer')).id;
    iom = await sys.organisationId('IOM');
    requestId = newId();
    await insertRequest(requestId, 'setup');
    const applicationId = newId();
    await ds.query(
      `INSERT INTO fund_application (id, request_id, request_reference, title, request_status, country_code, amount, currency, justification, status, created_by_id, created_at)
       VALUES ($1, $2, 'CBM-2026-KEN-0001', 'Labour migration statistics', 'setup', 'KEN', 5000000, 'USD', 'seed funding', 'proposed', $3, now())`,
      [applicationId, requestId, userId],
    );
    allocationId = newId();
    await ds.query(
      `INSERT INTO fund_allocation (id, application_id, request_id, amount, currency, duration_months, status, proposed_by_id, proposed_at)
       VALUES ($1, $2, $3, 5000000, 'USD', 12, 'proposed', $4, now())`,
      [allocationId, applicationId, requestId, userId],
    );
    // an entry without lines: the balance trigger checks lines, and these tests post none
    entryId = newId();
    await ds.query(
      `INSERT INTO journal_entry (id, kind, reference, subject_id, occurred_at, recorded_at, recorded_by_id)
       VALUES ($1, 'transfer', 'SC-2026-01', $2, now(), now(), $3)`,
      [entryId, allocationId, userId],
    );
  }, 180_000);
  afterAll(() => sys?.close());

  it('refuses a timeline entry of a request that does not exist', async () => {
    expect(await refusal(timelineEntry, [newId(), newId(), userId])).toEqual({
      code: '23503',
      constraint: 'fk_request_timeline_entry_request_id',
    });
    await ds.query(timelineEntry, [newId(), requestId, userId]);
  });

  it('refuses a timeline entry by someone who is not a user', async () => {
    expect(await refusal(timelineEntry, [newId(), requestId, newId()])).toEqual({
      code: '23503',
      constraint: 'fk_request_timeline_entry_actor_id',
    });
  });

  it('refuses a negative or zero transfer, and an indirect cost above the amount', async () => {
    expect(await refusal(transfer, [newId(), allocationId, iom, -100, entryId, userId])).toEqual({
      code: '23514',
      constraint: 'ck_fund_transfer_amount',
    });
    expect(await refusal(transfer, [newId(), allocationId, iom, 0, entryId, userId])).toMatchObject({
      constraint: 'ck_fund_transfer_amount',
    });
    expect(
      await refusal(
        `INSERT INTO fund_transfer (id, allocation_id, organisation_id, amount, indirect_cost, currency, entry_id, created_by_id, executed_at)
         VALUES ($1, $2, $3, 100, 101, 'USD', $4, $5, now())`,
        [newId(), allocationId, iom, entryId, userId],
      ),
    ).toMatchObject({ constraint: 'ck_fund_transfer_amount' });
    await ds.query(transfer, [newId(), allocationId, iom, 100, entryId, userId]);
  });

  it('refuses a transfer to an organisation or under an allocation that does not exist', async () => {
    expect(await refusal(transfer, [newId(), allocationId, newId(), 100, entryId, userId])).toMatchObject({
      code: '23503',
      constraint: 'fk_fund_transfer_organisation_id',
    });
    expect(await refusal(transfer, [newId(), newId(), iom, 100, entryId, userId])).toMatchObject({
      code: '23503',
      constraint: 'fk_fund_transfer_allocation_id',
    });
  });

  it('refuses a request status that is not one of the workflow', async () => {
    expect(await refusal(`UPDATE support_request SET status = 'approved' WHERE id = $1`, [requestId])).toEqual({
      code: '23514',
      constraint: 'ck_support_request_status',
    });
    const other = newId();
    await expect(insertRequest(other, 'archived')).rejects.toThrow(/ck_support_request_status/);
    await insertRequest(other, 'draft');
  });

  it('refuses an allocation status outside its workflow', async () => {
    expect(await refusal(`UPDATE fund_allocation SET status = 'transferred' WHERE id = $1`, [allocationId])).toEqual({
      code: '23514',
      constraint: 'ck_fund_allocation_status',
    });
    await ds.query(`UPDATE fund_allocation SET status = 'approved' WHERE id = $1`, [allocationId]);
  });

  it('refuses a second open allocation for one application; a rejected one does not count', async () => {
    const second = `INSERT INTO fund_allocation (id, application_id, request_id, amount, currency, duration_months, status, proposed_by_id, proposed_at)
       SELECT $1, application_id, request_id, 2500000, 'USD', 6, $2, proposed_by_id, now() FROM fund_allocation WHERE id = $3`;
    expect(await refusal(second, [newId(), 'proposed', allocationId])).toEqual({
      code: '23505',
      constraint: 'uq_fund_allocation_open',
    });
    await ds.query(second, [newId(), 'rejected', allocationId]);
  });

  it('refuses an end date before the start date', async () => {
    expect(
      await refusal(`UPDATE support_request SET start_date = '2026-06-01', end_date = '2026-05-31' WHERE id = $1`, [
        requestId,
      ]),
    ).toEqual({ code: '23514', constraint: 'ck_support_request_dates' });
    await ds.query(`UPDATE support_request SET start_date = '2026-06-01', end_date = '2026-06-01' WHERE id = $1`, [
      requestId,
    ]);
  });

  it('refuses assessment scores outside 0-4', async () => {
    const assessment = `INSERT INTO request_assessment (id, request_id, version, assessor_id, scores, weights, weighted_total, gender_marker, human_rights_marker, recommendation, rationale, conflict_of_interest, created_at)
      VALUES ($1, $2, $3, $4, $5, '{}', 200, 1, 1, 'proceed', 'sound plan', false, now())`;
    expect(await refusal(assessment, [newId(), requestId, 1, userId, '{"relevance": 5, "feasibility": 2}'])).toEqual({
      code: '23514',
      constraint: 'ck_request_assessment_scores',
    });
    await ds.query(assessment, [newId(), requestId, 1, userId, '{"relevance": 4, "feasibility": 0}']);
  });

  it('refuses deleting a user that records refer to', async () => {
    expect(await refusal(`DELETE FROM app_user WHERE id = $1`, [userId])).toMatchObject({ code: '23503' });
  });

  // the services refuse what the constraints would: the client gets a 4xx, never the database's 500
  it('refuses, with a 400, an edit that would put the end date before the stored start date', async () => {
    const kenya = await sys.user('focal_point', { countryCode: 'KEN' });
    const created = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(kenya))
      .send({
        title: 'Return and reintegration',
        objectives: [21],
        supportTypes: ['technical_assistance'],
        startDate: '2026-09-01',
      })
      .expect(201);
    const res = await sys
      .http()
      .patch(`/api/v1/requests/${created.body.id}`)
      .set(bearer(kenya))
      .send({ endDate: '2026-08-31' })
      .expect(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'endDate' })]);
    const [row]: { end_date: string | null }[] = await ds.query(`SELECT end_date FROM support_request WHERE id = $1`, [
      created.body.id,
    ]);
    expect(row.end_date).toBeNull();
  });

  it('refuses, with a 400, a steering-committee member of an organisation that does not exist', async () => {
    const admin = await sys.user('admin');
    const res = await sys
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({
        email: 'member@test.example.org',
        name: 'Member',
        password: 'a-long-password-2026',
        role: 'steering_committee',
        organisationId: newId(),
      })
      .expect(400);
    expect(res.body.code).toBe('USER_SCOPE_INVALID');
    await sys
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({
        email: 'member@test.example.org',
        name: 'Member',
        password: 'a-long-password-2026',
        role: 'steering_committee',
        organisationId: iom,
      })
      .expect(201);
  });

  it('has validated every constraint (none is left NOT VALID)', async () => {
    const rows: { name: string }[] = await ds.query(
      `SELECT conname AS name FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT convalidated`,
    );
    expect(rows).toEqual([]);
    const [{ n }]: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype = 'f'`,
    );
    expect(n).toBeGreaterThanOrEqual(60);
  });
});
