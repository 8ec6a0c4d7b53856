import { AllocationService, FUND_REQUEST_PORT, FundPublicService, LedgerRepository } from '@cbm/fund';
import { HUB_FUNDING_PORT, HubFundingPort } from '@cbm/hub';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { allocate, fund, key, stubRequests, usd } from './fund-fixtures';

describe('start-up fund over HTTP', () => {
  let sys: TestSystem;
  let requests: ReturnType<typeof stubRequests>;
  let fm: TestUser,
    sc1: TestUser,
    sc2: TestUser,
    scIom: TestUser,
    hub: TestUser,
    donor: TestUser,
    otherDonor: TestUser,
    partnerIom: TestUser,
    partnerIlo: TestUser;
  let swe: string, deu: string, iom: string, ilo: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    sys.clock.freeze(new Date('2026-03-02T10:00:00Z'));
    requests = stubRequests(sys);
    [swe, deu, iom, ilo] = await Promise.all(['SWE', 'DEU', 'IOM', 'ILO'].map((a) => sys.organisationId(a)));
    fm = await sys.user('fund_manager');
    sc1 = await sys.user('steering_committee');
    sc2 = await sys.user('steering_committee');
    scIom = await sys.user('steering_committee', { organisation: 'IOM' });
    hub = await sys.user('hub_officer');
    donor = await sys.user('donor', { organisation: 'SWE' });
    otherDonor = await sys.user('donor', { organisation: 'DEU' });
    partnerIom = await sys.user('partner_officer', { organisation: 'IOM' });
    partnerIlo = await sys.user('partner_officer', { organisation: 'ILO' });
  }, 180_000);
  afterAll(() => sys?.close());

  it('binds the request port', () => {
    expect(sys.app.get(FUND_REQUEST_PORT, { strict: false })).toBeDefined();
  });

  it('pledges, deposits with the fee, and replays a deposit by its key without a second effect', async () => {
    const c = await sys
      .http()
      .post('/api/v1/fund/contributions')
      .set(bearer(fm))
      .send({
        contributorId: swe,
        pledgedAt: '2026-01-10',
        amount: { amount: '100000000', currency: 'SEK' },
        earmark: { type: 'none' },
      });
    expect(c.status).toBe(201);
    expect(c.body.pledged).toEqual({ amount: '100000000', currency: 'SEK' });
    const body = {
      receivedAt: '2026-02-01',
      amount: { amount: '50000000', currency: 'SEK' },
      usdAmount: usd('4761905'),
    };
    const k = key();
    const first = await sys
      .http()
      .post(`/api/v1/fund/contributions/${c.body.id}/deposits`)
      .set(bearer(fm))
      .set('Idempotency-Key', k)
      .send(body);
    expect(first.status).toBe(201);
    expect(first.body.adminFee).toEqual(usd('47619'));
    expect(first.body.rate).toBe('0.095238');
    const replay = await sys
      .http()
      .post(`/api/v1/fund/contributions/${c.body.id}/deposits`)
      .set(bearer(fm))
      .set('Idempotency-Key', k)
      .send({ ...body });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const other = await sys
      .http()
      .post(`/api/v1/fund/contributions/${c.body.id}/deposits`)
      .set(bearer(fm))
      .set('Idempotency-Key', k)
      .send({ ...body, receivedAt: '2026-02-02' });
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const missing = await sys
      .http()
      .post(`/api/v1/fund/contributions/${c.body.id}/deposits`)
      .set(bearer(fm))
      .send(body);
    expect(missing.status).toBe(400);
    const got = await sys.http().get(`/api/v1/fund/contributions/${c.body.id}`).set(bearer(fm));
    expect(got.body.deposited).toEqual({ amount: '50000000', currency: 'SEK' });
    expect(got.body.depositedUsd).toEqual(usd('4761905'));
    expect(got.body.netUsd).toEqual(usd(String(4761905 - 47619)));
    expect(got.body.deposits).toHaveLength(1);
  });

  it("refuses the wrong roles and hides other donors' contributions", async () => {
    const asHub = await sys
      .http()
      .post('/api/v1/fund/contributions')
      .set(bearer(hub))
      .send({ contributorId: swe, pledgedAt: '2026-01-10', amount: usd(1), earmark: { type: 'none' } });
    expect(asHub.status).toBe(403);
    const mine = await sys.http().get('/api/v1/fund/contributions').set(bearer(donor));
    expect(mine.body.items.length).toBeGreaterThan(0);
    const theirs = await sys.http().get('/api/v1/fund/contributions').set(bearer(otherDonor));
    expect(theirs.body.items).toHaveLength(0);
    const hidden = await sys
      .http()
      .get(`/api/v1/fund/contributions/${mine.body.items[0].id}/tracing`)
      .set(bearer(otherDonor));
    expect(hidden.status).toBe(404);
  });

  it('allocates with four eyes and recusal, releases tranches, transfers, reports expenditure, and stays consistent', async () => {
    const earmarkedId = await fund(sys, fm, {
      contributorId: deu,
      amount: 20000000,
      earmark: { type: 'country', country: 'PHL' },
    });
    const r = requests.add({
      countryCode: 'KEN',
      objectives: [21, 6],
      organisationIds: [iom, ilo],
      leadOrganisationId: iom,
    });
    const unknown = await sys
      .http()
      .post('/api/v1/fund/applications')
      .set(bearer(hub))
      .send({ requestId: requests.add({ status: 'matching' }).id, amount: usd(100), justification: 'x' });
    expect(unknown.status).toBe(409);
    const app = await sys
      .http()
      .post('/api/v1/fund/applications')
      .set(bearer(hub))
      .send({ requestId: r.id, amount: usd(3000000), justification: 'Referral pilot in three counties' });
    expect(app.status).toBe(201);
    const dup = await sys
      .http()
      .post('/api/v1/fund/applications')
      .set(bearer(hub))
      .send({ requestId: r.id, amount: usd(3000000), justification: 'again' });
    expect(dup.status).toBe(409);
    const tooMuch = await sys
      .http()
      .post('/api/v1/fund/allocations')
      .set(bearer(fm))
      .send({
        applicationId: app.body.id,
        amount: usd(3000000),
        tranches: [{ amount: usd(1000000), condition: 'on_approval' }],
      });
    expect(tooMuch.status).toBe(400);
    const proposal = await sys
      .http()
      .post('/api/v1/fund/allocations')
      .set(bearer(fm))
      .send({
        applicationId: app.body.id,
        amount: usd(3000000),
        tranches: [
          { amount: usd(2000000), condition: 'on_approval' },
          { amount: usd(1000000), condition: 'progress_report_approved' },
        ],
      });
    expect(proposal.status).toBe(201);
    const id = proposal.body.id as string;
    // the proposer cannot decide; a member from an implementing organisation must recuse
    const self = await sys
      .http()
      .post(`/api/v1/fund/allocations/${id}/approve`)
      .set(bearer(fm))
      .send({ decisionRef: 'SC-1' });
    expect(self.status).toBe(403);
    const conflicted = await sys
      .http()
      .post(`/api/v1/fund/allocations/${id}/approve`)
      .set(bearer(scIom))
      .send({ decisionRef: 'SC-1' });
    expect(conflicted.status).toBe(403);
    expect(conflicted.body.code).toBe('FUND_RECUSAL_REQUIRED');
    expect(
      (
        await sys
          .http()
          .post(`/api/v1/fund/allocations/${id}/recuse`)
          .set(bearer(scIom))
          .send({ note: 'IOM implements' })
      ).status,
    ).toBe(200);
    const approved = await sys
      .http()
      .post(`/api/v1/fund/allocations/${id}/approve`)
      .set(bearer(sc1))
      .send({ decisionRef: 'SC-2026-03', note: 'approved at the March meeting' });
    expect(approved.status).toBe(200);
    expect(approved.body.released).toEqual(usd(2000000));
    const again = await sys
      .http()
      .post(`/api/v1/fund/allocations/${id}/reject`)
      .set(bearer(sc2))
      .send({ decisionRef: 'SC-2026-03' });
    expect(again.status).toBe(409);
    const register = await sys.http().get('/api/v1/fund/decisions').set(bearer(sc2));
    const approval = register.body.items.find(
      (d: { allocationId: string; kind: string }) => d.allocationId === id && d.kind === 'approved',
    );
    expect(approval).toMatchObject({
      decisionRef: 'SC-2026-03',
      approvers: [sc1.id],
      recusals: [scIom.id],
      proposerId: fm.id,
      // the screens show people by name (sys.user names them "<role> <n>")
      proposerName: expect.stringMatching(/^fund_manager \d+$/),
      memberName: expect.stringMatching(/^steering_committee \d+$/),
    });
    expect(approved.body).toMatchObject({
      proposedByName: expect.stringMatching(/^fund_manager \d+$/),
      decidedByName: expect.stringMatching(/^steering_committee \d+$/),
    });

    // the earmarked German money is for the Philippines: the Kenyan allocation came from the pool only
    const tracingDeu = await sys.http().get(`/api/v1/fund/contributions/${earmarkedId}/tracing`).set(bearer(fm));
    expect(tracingDeu.body.projects).toHaveLength(0);

    // transfers: up to the released tranche only
    const over = await sys
      .http()
      .post('/api/v1/fund/transfers')
      .set(bearer(fm))
      .set('Idempotency-Key', key())
      .send({ allocationId: id, organisationId: iom, amount: usd(2000001) });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('FUND_TRANCHE_HELD');
    const notImplementing = await sys
      .http()
      .post('/api/v1/fund/transfers')
      .set(bearer(fm))
      .set('Idempotency-Key', key())
      .send({ allocationId: id, organisationId: swe, amount: usd(1) });
    expect(notImplementing.status).toBe(400);
    const t1 = await sys
      .http()
      .post('/api/v1/fund/transfers')
      .set(bearer(fm))
      .set('Idempotency-Key', key())
      .send({ allocationId: id, organisationId: iom, amount: usd(1500000) });
    expect(t1.status).toBe(201);
    expect(t1.body.indirectCost).toEqual(usd(98131)); // 1,500,000 × 7/107
    const t2 = await sys
      .http()
      .post('/api/v1/fund/transfers')
      .set(bearer(fm))
      .set('Idempotency-Key', key())
      .send({ allocationId: id, organisationId: ilo, amount: usd(500000) });
    expect(t2.status).toBe(201);
    // second tranche held until 70 % of transfers is spent
    const held = await sys
      .http()
      .post(`/api/v1/fund/allocations/${id}/tranches/2/release`)
      .set(bearer(fm))
      .send({ evidenceRef: 'PR-1' });
    expect(held.status).toBe(422);
    const tooMuchSpent = await sys
      .http()
      .post('/api/v1/fund/expenditures')
      .set(bearer(partnerIlo))
      .set('Idempotency-Key', key())
      .send({ allocationId: id, periodEnd: '2026-06-30', amount: usd(500001) });
    expect(tooMuchSpent.status).toBe(422);
    const e1 = await sys
      .http()
      .post('/api/v1/fund/expenditures')
      .set(bearer(partnerIom))
      .set('Idempotency-Key', key())
      .send({ allocationId: id, periodStart: '2026-04-01', periodEnd: '2026-06-30', amount: usd(1200000) });
    expect(e1.status).toBe(201);
    const e2 = await sys
      .http()
      .post('/api/v1/fund/expenditures')
      .set(bearer(partnerIlo))
      .set('Idempotency-Key', key())
      .send({ allocationId: id, periodEnd: '2026-06-30', amount: usd(300000) });
    expect(e2.status).toBe(201);
    const released = await sys
      .http()
      .post(`/api/v1/fund/allocations/${id}/tranches/2/release`)
      .set(bearer(fm))
      .send({ evidenceRef: 'PR-1 approved' });
    expect(released.status).toBe(200);
    expect(released.body.availableToTransfer).toEqual(usd(1000000));

    // a reversed expenditure comes back as unspent money
    const wrong = await sys
      .http()
      .post('/api/v1/fund/expenditures')
      .set(bearer(partnerIlo))
      .set('Idempotency-Key', key())
      .send({ allocationId: id, periodEnd: '2026-09-30', amount: usd(100000) });
    const rev = await sys
      .http()
      .post(`/api/v1/fund/journal/${wrong.body.entryId}/reverse`)
      .set(bearer(fm))
      .set('Idempotency-Key', key())
      .send({ reference: 'correction memo 7', reason: 'reported twice' });
    expect(rev.status).toBe(201);
    const revAgain = await sys
      .http()
      .post(`/api/v1/fund/journal/${wrong.body.entryId}/reverse`)
      .set(bearer(fm))
      .set('Idempotency-Key', key())
      .send({ reference: 'correction memo 7', reason: 'again' });
    expect(revAgain.status).toBe(409);

    // the hub's view through the public service
    const pub = sys.app.get(FundPublicService, { strict: false });
    const port: HubFundingPort = sys.app.get(HUB_FUNDING_PORT, { strict: false });
    expect(await port.approvedFor(r.id)).toEqual(usd(3000000));
    expect(await pub.approvedFor(requests.add().id)).toBeNull();
    expect(await port.transfersReconciled(r.id)).toBe(false);

    const summary = await sys.http().get('/api/v1/fund/summary');
    expect(summary.status).toBe(200);
    expect(summary.headers['cache-control']).toContain('max-age');
    expect(summary.body.totals).toMatchObject({
      allocations: usd(3000000),
      transfers: usd(2000000),
      expenditure: usd(1500000),
      deliveryRate: '0.7500',
    });
    expect(summary.body.byOrganisation.find((o: { organisationId: string }) => o.organisationId === iom)).toMatchObject(
      { transfers: usd(1500000), expenditure: usd(1200000), deliveryRate: '0.8000' },
    );
    expect(summary.body.byCountry).toEqual([
      expect.objectContaining({ countryCode: 'KEN', allocations: usd(3000000) }),
    ]);
    expect(
      summary.body.byObjective.map((o: { objective: number; allocations: { amount: string } }) => [
        o.objective,
        o.allocations.amount,
      ]),
    ).toEqual([
      [6, '1500000'],
      [21, '1500000'],
    ]);
    const deposits = summary.body.byDonor.reduce(
      (s: bigint, d: { deposits: { amount: string } }) => s + BigInt(d.deposits.amount),
      0n,
    );
    expect(deposits.toString()).toBe(summary.body.totals.deposits.amount);
    // all consistent to the cent: unallocated = net funded - allocations
    expect(BigInt(summary.body.totals.unallocated.amount)).toBe(
      BigInt(summary.body.totals.netFunded.amount) - 3000000n,
    );

    // the Swedish (unearmarked) contribution is traced by the attribution stored at approval: it was the only pool money, so all of it
    const sweContribution = (await sys.http().get('/api/v1/fund/contributions').set(bearer(donor))).body.items[0];
    const tracing = await sys.http().get(`/api/v1/fund/contributions/${sweContribution.id}/tracing`).set(bearer(donor));
    expect(tracing.status).toBe(200);
    expect(tracing.body.method).toBe('attributed');
    expect(tracing.headers['x-content-sha256']).toBe(tracing.body.sha256);
    expect(tracing.body.projects[0]).toMatchObject({
      reference: r.reference,
      allocations: usd(3000000),
      transfers: usd(2000000),
      expenditure: usd(1500000),
    });

    const csv = await sys
      .http()
      .get(`/api/v1/fund/statements/donors/${swe}`)
      .set(bearer(donor))
      .set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe('date,contributionId,kind,reference,description,amount,currency,usdAmount');
    expect(csv.text).toContain(`${r.reference}`);
    expect(csv.text).toContain(',deposit,');
    // amounts in currency units beside their currency, never cents
    expect(csv.text).toContain(',500000.00,SEK,47619.05');
    expect(csv.text).toContain(',-476.19,USD,-476.19');
    expect(csv.text).toContain(',30000.00,USD,30000.00');
    const json = await sys.http().get(`/api/v1/fund/statements/donors/${swe}`).set(bearer(donor));
    expect(json.body.totals.deposits).toEqual(usd('4761905'));
    expect((await sys.http().get(`/api/v1/fund/statements/donors/${swe}`).set(bearer(otherDonor))).status).toBe(404);

    const orgCsv = await sys
      .http()
      .get(`/api/v1/fund/statements/organisations/${iom}`)
      .set(bearer(partnerIom))
      .set('Accept', 'text/csv');
    expect(orgCsv.status).toBe(200);
    expect(orgCsv.text.split('\n')[0]).toBe(
      'date,requestId,reference,organisationId,kind,description,amount,currency,entryId',
    );
    expect(orgCsv.text).toMatch(/,transfer,transfer,\d+\.\d\d,USD,/);
    const orgJson = (await sys.http().get(`/api/v1/fund/statements/organisations/${iom}`).set(bearer(partnerIom))).body;
    expect(orgJson.totals).toMatchObject({
      transfers: usd(1500000),
      expenditure: usd(1200000),
      deliveryRate: '0.8000',
    });
    expect((await sys.http().get(`/api/v1/fund/statements/organisations/${ilo}`).set(bearer(partnerIom))).status).toBe(
      404,
    );
    const project = (await sys.http().get(`/api/v1/fund/statements/projects/${r.id}`).set(bearer(hub))).body;
    expect(project.totals).toMatchObject({
      allocations: usd(3000000),
      transfers: usd(2000000),
      expenditure: usd(1500000),
    });

    const xml = await sys.http().get('/api/v1/open/iati/activities.xml');
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toContain('xml');
    expect(xml.text).toContain('<iati-activities version="2.03"');
    expect(xml.text).toContain(`<iati-identifier>XM-DAC-41114-${r.reference}</iati-identifier>`);
    expect(xml.text).toContain('<recipient-country code="KE" percentage="100"/>');
    expect(xml.text).toContain('<transaction-type code="3"/>');
    expect(xml.text).toContain('>30000.00</value>');

    const recon = await sys.http().get('/api/v1/fund/ledger/reconciliation').set(bearer(fm));
    expect(recon.body).toMatchObject({ ok: true, mismatches: [], unbalancedEntries: [] });
  });

  it('refuses to change the journal in the database', async () => {
    await expect(sys.db.dataSource.query(`UPDATE "journal_line" SET "amount" = "amount" + 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sys.db.dataSource.query(`DELETE FROM "journal_entry"`)).rejects.toThrow(/append-only/);
    await expect(sys.db.dataSource.query(`TRUNCATE "journal_line"`)).rejects.toThrow(/append-only/);
    const recon = await sys.app.get(LedgerRepository).reconcile();
    expect(recon.mismatches).toEqual([]);
  });

  it('refuses an unbalanced entry at commit', async () => {
    const [{ id: entryId }] = await sys.db.dataSource.query(`SELECT "id" FROM "journal_entry" LIMIT 1`);
    await expect(
      sys.db.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO "journal_line" ("id", "entry_id", "line_no", "account_key", "kind", "amount", "currency") VALUES (gen_random_uuid(), $1, 99, 'cash_pool', 'cash_pool', 5, 'USD')`,
          [entryId],
        );
      }),
    ).rejects.toThrow(/does not balance/);
  });

  it('lists unfunded applications in the pipeline with the earmarked money that matches them', async () => {
    const r = requests.add({ countryCode: 'PHL', objectives: [1], organisationIds: [iom], leadOrganisationId: iom });
    const app = await sys
      .http()
      .post('/api/v1/fund/applications')
      .set(bearer(hub))
      .send({ requestId: r.id, amount: usd(500000), justification: 'survey module' });
    expect(app.status).toBe(201);
    const summary = (await sys.http().get('/api/v1/fund/summary')).body;
    const entry = summary.pipeline.find((p: { applicationId: string }) => p.applicationId === app.body.id);
    expect(entry.matchingEarmarks).toEqual([
      expect.objectContaining({ contributorId: deu, earmark: { type: 'country', country: 'PHL' } }),
    ]);
    // the hub's transition events keep the application's copy of the request current: the request
    // as it is now, even when the event that arrives is a late one carrying an older state
    requests.add({ ...r, status: 'in_implementation', organisationIds: [iom, ilo] });
    await sys.app
      .get(AllocationService)
      .onRequestTransitioned({ ...r, status: 'matching', organisationIds: [], leadOrganisationId: null });
    const apps = (await sys.http().get('/api/v1/fund/applications').set(bearer(fm))).body.items;
    expect(apps.find((a: { id: string }) => a.id === app.body.id)).toMatchObject({
      organisationIds: [iom, ilo],
      leadOrganisationId: iom,
    });
  });

  it('never allocates more than the unallocated money', async () => {
    const r = requests.add({ countryCode: 'MEX', objectives: [6], organisationIds: [ilo] });
    const app = await sys
      .http()
      .post('/api/v1/fund/applications')
      .set(bearer(hub))
      .send({ requestId: r.id, amount: usd(90000000), justification: 'big' });
    const p = await sys
      .http()
      .post('/api/v1/fund/allocations')
      .set(bearer(fm))
      .send({
        applicationId: app.body.id,
        amount: usd(90000000),
        tranches: [{ amount: usd(90000000), condition: 'on_approval' }],
      });
    expect(p.status).toBe(422);
    expect(p.body.code).toBe('FUND_INSUFFICIENT_FUNDS');
    void allocate;
  });
});
