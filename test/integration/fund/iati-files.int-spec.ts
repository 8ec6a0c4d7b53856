import { Database } from '@cbm/core';
import { EventBus } from '@cbm/jobs';
import { seedDemoData } from '../../../apps/api/src/demo/demo-data';
import {
  activityRuleErrors,
  all,
  attr,
  first,
  organisationRuleErrors,
  parse,
  sumMinor,
  xsdErrors,
} from '../../support/iati';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { fund, key, stubRequests, usd } from './fund-fixtures';

const ACTIVITIES = '/api/v1/open/iati/activities.xml';
const ORGANISATION = '/api/v1/open/iati/organisation.xml';

/**
 * The IATI files as a registry would take them: valid against the official 2.03 schemas (shipped in
 * test/fixtures/iati-2.03) and the rules a schema cannot check (test/support/iati.ts).
 */
describe('IATI activity and organisation files', () => {
  describe('a funded project on a known timeline, through the API', () => {
    let sys: TestSystem;
    let fm: TestUser, sc: TestUser, hub: TestUser, partnerIom: TestUser;
    let requests: ReturnType<typeof stubRequests>;
    beforeAll(async () => {
      sys = await startTestSystem({
        iatiReportingOrg: { ref: 'XM-DAC-41114', name: 'United Nations Development Programme', type: '40' },
      });
      requests = stubRequests(sys);
      fm = await sys.user('fund_manager');
      sc = await sys.user('steering_committee');
      hub = await sys.user('hub_officer');
      partnerIom = await sys.user('partner_officer', { organisation: 'IOM' });
    }, 180_000);
    afterAll(() => sys?.close());

    it('splits the budget by year, dates each transaction on its event, cites organisations by registered id or name', async () => {
      const [swe, iom, desa] = await Promise.all(['SWE', 'IOM', 'UN DESA'].map((a) => sys.organisationId(a)));
      sys.clock.freeze(new Date('2026-03-10T10:00:00Z'));
      await fund(sys, fm, { contributorId: swe, amount: 50_000_000 });
      const r = requests.add({
        countryCode: 'KEN',
        objectives: [21, 6, 5],
        organisationIds: [iom, desa],
        leadOrganisationId: iom,
        title: 'Reintegration & "skills" <certification>',
      });
      const application = await sys
        .http()
        .post('/api/v1/fund/applications')
        .set(bearer(hub))
        .send({ requestId: r.id, amount: usd(20_000_000), justification: 'Seed funding for the pilot.' })
        .expect(201);
      const proposal = await sys
        .http()
        .post('/api/v1/fund/allocations')
        .set(bearer(fm))
        .send({
          applicationId: application.body.id,
          amount: usd(20_000_000),
          durationMonths: 24,
          tranches: [{ amount: usd(20_000_000), condition: 'on_approval' }],
        })
        .expect(201);
      await sys
        .http()
        .post(`/api/v1/fund/allocations/${proposal.body.id}/approve`)
        .set(bearer(sc))
        .send({ decisionRef: 'SC-2026-02' })
        .expect(200);
      sys.clock.freeze(new Date('2026-04-15T09:00:00Z'));
      await sys
        .http()
        .post('/api/v1/fund/transfers')
        .set(bearer(fm))
        .set('Idempotency-Key', key())
        .send({ allocationId: proposal.body.id, organisationId: iom, amount: usd(12_000_000) })
        .expect(201);
      sys.clock.freeze(new Date('2026-07-10T09:00:00Z'));
      await sys
        .http()
        .post('/api/v1/fund/expenditures')
        .set(bearer(partnerIom))
        .set('Idempotency-Key', key())
        .send({
          allocationId: proposal.body.id,
          periodStart: '2026-04-15',
          periodEnd: '2026-06-30',
          amount: usd(4_500_000),
        })
        .expect(201);
      // a report sent twice: the second is reversed in the journal, and is not spending
      const twice = await sys
        .http()
        .post('/api/v1/fund/expenditures')
        .set(bearer(partnerIom))
        .set('Idempotency-Key', key())
        .send({ allocationId: proposal.body.id, periodEnd: '2026-06-30', amount: usd(4_500_000) })
        .expect(201);
      await sys
        .http()
        .post(`/api/v1/fund/journal/${twice.body.entryId}/reverse`)
        .set(bearer(fm))
        .set('Idempotency-Key', key())
        .send({ reference: 'CORR-2026-07', reason: 'Report sent twice.' })
        .expect(201);

      // a second funded project that the hub recorded as replicating the first (the hub's link, written as the hub does)
      const r2 = requests.add({
        countryCode: 'UGA',
        objectives: [21],
        organisationIds: [iom],
        leadOrganisationId: iom,
      });
      const application2 = await sys
        .http()
        .post('/api/v1/fund/applications')
        .set(bearer(hub))
        .send({ requestId: r2.id, amount: usd(1_000_000), justification: 'Replication in Uganda.' })
        .expect(201);
      const proposal2 = await sys
        .http()
        .post('/api/v1/fund/allocations')
        .set(bearer(fm))
        .send({
          applicationId: application2.body.id,
          amount: usd(1_000_000),
          durationMonths: 6,
          tranches: [{ amount: usd(1_000_000), condition: 'on_approval' }],
        })
        .expect(201);
      await sys
        .http()
        .post(`/api/v1/fund/allocations/${proposal2.body.id}/approve`)
        .set(bearer(sc))
        .send({ decisionRef: 'SC-2026-03' })
        .expect(200);
      await sys.db.dataSource.query(
        `INSERT INTO request_link (id, request_id, target_type, target_id, relation, note, created_by_id, created_at)
         VALUES (gen_random_uuid(), $1, 'request', $2, 'replicated_from', '', $3, now())`,
        [r2.id, r.id, hub.id],
      );

      // the project completed: the knowledge platform drafts its solution, a hub officer publishes it
      const completed = { ...r, status: 'completed', lessonsLearned: 'Certification first.', finalReportId: null };
      await sys.app
        .get(Database)
        .transaction(async (t) =>
          sys.app.get(EventBus).publisher(t)({ name: 'request.completed', payload: completed }),
        );
      let solution: { id: string } | undefined;
      for (let i = 0; i < 100 && !solution; i++) {
        const items = (await sys.http().get('/api/v1/knowledge/items').query({ status: 'in_review' }).set(bearer(hub)))
          .body.items as { id: string; sourceId: string }[];
        solution = items.find((x) => x.sourceId === r.id);
        if (!solution) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(solution).toBeDefined();
      await sys
        .http()
        .post(`/api/v1/knowledge/items/${solution!.id}/actions/publish`)
        .set(bearer(hub))
        .send({ conflictOfInterest: false })
        .expect(200);

      const res = await sys.http().get(ACTIVITIES).expect(200);
      expect(res.headers['content-type']).toContain('application/xml');
      const xml = res.text;
      expect(await xsdErrors(xml, 'activities')).toEqual([]);
      expect(activityRuleErrors(xml, { reportingOrgRef: 'XM-DAC-41114', today: '2026-07-10' })).toEqual([]);
      expect(xml).not.toMatch(/XM-CBM|-ORG-/);

      const [act, act2] = all(parse(xml), 'iati-activity');
      // related both ways, each by the other's identifier (RelatedActivityType 3: projects of the same fund)
      expect(all(act, 'related-activity').map((x) => [attr(x, 'ref'), attr(x, 'type')])).toEqual([
        [`XM-DAC-41114-${r2.reference}`, '3'],
      ]);
      expect(all(act2, 'related-activity').map((x) => attr(x, 'ref'))).toEqual([`XM-DAC-41114-${r.reference}`]);
      // six months from 10 July 2026 reach into 2027: two periods (175 and 9 days)
      expect(
        all(act2, 'budget').map((b) => [attr(first(b, 'period-start'), 'iso-date'), first(b, 'value').textContent]),
      ).toEqual([
        ['2026-07-10', '9510.87'],
        ['2027-01-01', '489.13'],
      ]);
      expect(first(act, 'iati-identifier').textContent).toBe(`XM-DAC-41114-${r.reference}`);
      expect(first(act, 'title').textContent?.trim()).toBe('Reintegration & "skills" <certification>');
      // 24 months from 10 March 2026: three calendar-year periods, at most a year each, adding up to the cent
      const budgets = all(act, 'budget').map((b) => [
        attr(first(b, 'period-start'), 'iso-date'),
        attr(first(b, 'period-end'), 'iso-date'),
        first(b, 'value').textContent,
      ]);
      expect(budgets).toEqual([
        ['2026-03-10', '2026-12-31', '81258.55'], // 297 of 731 days
        ['2027-01-01', '2027-12-31', '99863.20'], // 365
        ['2028-01-01', '2028-03-09', '18878.25'], // 69
      ]);
      expect(sumMinor(act, 'budget')).toBe(20_000_000n);
      expect(all(act, 'activity-date').map((d) => [attr(d, 'type'), attr(d, 'iso-date')])).toEqual([
        ['1', '2026-03-10'],
        ['2', '2026-04-15'],
        ['3', '2028-03-09'],
      ]);
      const transactions = all(act, 'transaction').map((t) => [
        attr(first(t, 'transaction-type'), 'code'),
        attr(first(t, 'transaction-date'), 'iso-date'),
        first(t, 'value').textContent,
      ]);
      expect(transactions).toEqual([
        ['1', '2026-03-10', '200000.00'],
        ['2', '2026-03-10', '200000.00'],
        ['3', '2026-04-15', '120000.00'],
        ['4', '2026-06-30', '45000.00'],
      ]);
      // organisations: the registered identifier where there is one, the name alone where there is none
      const orgs = all(act, 'participating-org').map((p) => [
        attr(p, 'role'),
        p.getAttribute('ref'),
        first(p, 'narrative').textContent,
      ]);
      expect(orgs).toEqual([
        ['1', 'XM-DAC-10', 'Sweden'],
        ['2', 'XM-DAC-41114', 'United Nations Development Programme'],
        ['4', 'XM-DAC-47066', 'International Organization for Migration'],
        ['4', null, 'United Nations Department of Economic and Social Affairs'],
      ]);
      const receiver = first(all(act, 'transaction')[2], 'receiver-org');
      expect(receiver.getAttribute('ref')).toBe('XM-DAC-47066');
      // GCM objectives in equal shares that sum to exactly 100
      const gcm = all(act, 'sector').filter((s) => attr(s, 'vocabulary') === '99');
      expect(gcm.map((s) => attr(s, 'percentage'))).toEqual(['33.34', '33.33', '33.33']);
      // its published solution, by its public record
      const links = all(act, 'document-link');
      expect(links.map((l) => [attr(l, 'url'), attr(l, 'format'), attr(first(l, 'category'), 'code')])).toEqual([
        [`${sys.config.publicBaseUrl}/api/v1/open/knowledge/${solution!.id}`, 'application/json', 'A08'],
      ]);
      expect(all(act2, 'document-link')).toHaveLength(0);
      await sys.http().get(`/api/v1/open/knowledge/${solution!.id}`).expect(200);
      // no assessment for this stub request: no policy marker is invented
      expect(all(act, 'policy-marker')).toHaveLength(0);

      const org = await sys.http().get(ORGANISATION).expect(200);
      expect(org.headers['content-type']).toContain('application/xml');
      expect(await xsdErrors(org.text, 'organisations')).toEqual([]);
      expect(organisationRuleErrors(org.text, { reportingOrgRef: 'XM-DAC-41114', today: '2026-07-10' })).toEqual([]);
      const o = all(parse(org.text), 'iati-organisation')[0];
      expect(
        all(o, 'total-budget').map((b) => [attr(first(b, 'period-start'), 'iso-date'), first(b, 'value').textContent]),
      ).toEqual([
        ['2026-01-01', '90769.42'], // 81258.55 + 9510.87
        ['2027-01-01', '100352.33'], // 99863.20 + 489.13
        ['2028-01-01', '18878.25'],
      ]);
      expect(sumMinor(o, 'total-budget')).toBe(21_000_000n);
      expect(
        all(o, 'total-expenditure').map((b) => [
          attr(first(b, 'period-start'), 'iso-date'),
          attr(first(b, 'period-end'), 'iso-date'),
          first(b, 'value').textContent,
        ]),
      ).toEqual([['2026-01-01', '2026-07-10', '45000.00']]);
      // the fund's figures agree to the cent
      const summary = (await sys.http().get('/api/v1/fund/summary').expect(200)).body;
      expect(summary.totals.allocations).toEqual(usd(21_000_000));
      expect(summary.totals.expenditure).toEqual(usd(4_500_000));
    });

    it('validates the checks themselves: a budget over a year, a foreign prefix and a bad percentage are caught', async () => {
      const xml = (await sys.http().get(ACTIVITIES).expect(200)).text;
      const broken = xml
        .replace('<period-end iso-date="2026-12-31"/>', '<period-end iso-date="2027-06-30"/>')
        .replace('<iati-identifier>XM-DAC-41114-', '<iati-identifier>XM-CBM-SUF-')
        .replace('percentage="33.34"', 'percentage="33.00"');
      expect(activityRuleErrors(broken, { reportingOrgRef: 'XM-DAC-41114', today: '2026-07-10' })).toEqual([
        expect.stringMatching(/identifier does not start with the reporting-org ref/),
        expect.stringMatching(/budget 2026-03-10\.\.2027-06-30 is longer than a year/),
        expect.stringMatching(/budgets 2026-03-10 and 2027-01-01 overlap/),
        expect.stringMatching(/sector percentages of vocabulary 99: 99\.66/),
      ]);
      // read as of 29 June: the expenditure (30 June) and the second decision (10 July) are in the future
      expect(activityRuleErrors(xml, { reportingOrgRef: 'XM-DAC-41114', today: '2026-06-29' })).toEqual([
        expect.stringMatching(/transaction 4 dated 2026-06-30, in the future/),
        expect.stringMatching(/UGA-0002: actual date \(type 2\) 2026-07-10 is in the future/),
        expect.stringMatching(/UGA-0002: transaction 1 dated 2026-07-10, in the future/),
        expect.stringMatching(/UGA-0002: transaction 2 dated 2026-07-10, in the future/),
      ]);
      expect(await xsdErrors(xml.replace('<activity-status', '<activity-stat'), 'activities')).not.toEqual([]);
    });

    it('takes an identifier an administrator records, and refuses one that is not a registered form (nothing changed)', async () => {
      const admin = await sys.user('admin');
      const desa = await sys.organisationId('UN DESA');
      const bad = await sys
        .http()
        .patch(`/api/v1/organisations/${desa}`)
        .set(bearer(admin))
        .send({ iatiRef: 'UNDESA 1' })
        .expect(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect((await sys.http().get(`/api/v1/organisations/${desa}`).expect(200)).body.iatiRef).toBeNull();
      expect((await sys.http().get(ACTIVITIES).expect(200)).text).not.toContain('UNDESA');
      // a made-up example of the registered form, for the test only
      await sys
        .http()
        .patch(`/api/v1/organisations/${desa}`)
        .set(bearer(admin))
        .send({ iatiRef: 'XI-IATI-EXAMPLE' })
        .expect(200);
      const act = all(parse((await sys.http().get(ACTIVITIES).expect(200)).text), 'iati-activity')[0];
      expect(
        all(act, 'participating-org')
          .filter((p) => attr(p, 'role') === '4')
          .map((p) => p.getAttribute('ref')),
      ).toEqual(['XM-DAC-47066', 'XI-IATI-EXAMPLE']);
    });
  });

  describe('the demo data', () => {
    let sys: TestSystem;
    beforeAll(async () => {
      sys = await startTestSystem();
    }, 180_000);
    afterAll(() => sys?.close());

    it("publishes the assessment's markers, valid against the schemas, with the fund's totals", async () => {
      expect(await seedDemoData(sys.app)).toBe(true);
      const hub = await sys.user('hub_officer');
      const today = sys.clock.now().toISOString().slice(0, 10);
      const projects = (await sys.http().get('/api/v1/fund/projects?limit=50').expect(200)).body.items as {
        requestId: string;
        reference: string;
      }[];
      expect(projects.length).toBeGreaterThanOrEqual(1);
      const funded = projects[0];
      // the hub relates the funded request to one the fund did not fund: not published, so not cited
      const others = (await sys.http().get('/api/v1/requests?limit=50').set(bearer(hub)).expect(200)).body.items as {
        id: string;
      }[];
      const unfunded = others.find((x) => !projects.some((p) => p.requestId === x.id))!;
      await sys
        .http()
        .post(`/api/v1/requests/${funded.requestId}/links`)
        .set(bearer(hub))
        .send({ targetType: 'request', targetId: unfunded.id, relation: 'related' })
        .expect(201);

      const xml = (await sys.http().get(ACTIVITIES).expect(200)).text;
      expect(await xsdErrors(xml, 'activities')).toEqual([]);
      expect(activityRuleErrors(xml, { reportingOrgRef: sys.config.iatiReportingOrg.ref, today })).toEqual([]);
      const activities = all(parse(xml), 'iati-activity');
      expect(activities).toHaveLength(projects.length);
      // every demo project was assessed with gender, human-rights and child-sensitivity markers 2: significant objectives
      for (const a of activities)
        expect(
          all(a, 'policy-marker').map((m) => [attr(m, 'vocabulary'), attr(m, 'code'), attr(m, 'significance')]),
        ).toEqual([
          ['1', '1', '1'],
          ['99', 'HRM', '1'],
          ['99', 'CSM', '1'],
        ]);
      const act = activities.find(
        (a) => first(a, 'iati-identifier').textContent === `${sys.config.iatiReportingOrg.ref}-${funded.reference}`,
      )!;
      expect(all(act, 'related-activity')).toHaveLength(0);
      // the demo's expenditure comes after its disbursement (checked above), and IOM is cited by its identifier
      expect(all(act, 'transaction').map((t) => attr(first(t, 'transaction-type'), 'code'))).toEqual(
        expect.arrayContaining(['1', '2', '3', '4']),
      );
      expect(xml).toContain('ref="XM-DAC-47066"');
      // the Kenyan demo project's results framework: an outcome and an output, the accepted H1 actuals
      const withResults = activities.filter((a) => all(a, 'result').length);
      expect(withResults).toHaveLength(1);
      expect(all(withResults[0], 'result').map((r) => attr(r, 'type'))).toEqual(['2', '1']);
      expect(all(withResults[0], 'actual').map((x) => attr(x, 'value'))).toEqual(
        expect.arrayContaining(['40', '29', '11', '185', '25']),
      );
      const rolled = (await sys.http().get('/api/v1/fund/results?by=objective&objective=21').expect(200)).body;
      expect(rolled.groups[0].totals).toEqual([
        { unit: 'returnees', indicators: 2, target: '1500', actual: '225', female: '160', male: '65' },
      ]);

      const org = (await sys.http().get(ORGANISATION).expect(200)).text;
      expect(await xsdErrors(org, 'organisations')).toEqual([]);
      expect(organisationRuleErrors(org, { reportingOrgRef: sys.config.iatiReportingOrg.ref, today })).toEqual([]);
      const summary = (await sys.http().get('/api/v1/fund/summary').expect(200)).body;
      const o = all(parse(org), 'iati-organisation')[0];
      expect(sumMinor(o, 'total-budget').toString()).toBe(summary.totals.allocations.amount);
      expect(sumMinor(o, 'total-expenditure').toString()).toBe(summary.totals.expenditure.amount);
    });
  });
});
