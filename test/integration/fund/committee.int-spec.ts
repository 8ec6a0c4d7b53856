import { createHash } from 'node:crypto';
import { Database } from '@cbm/core';
import { ContributionService, FundUnitOfWork } from '@cbm/fund';
import { ImplementationPlanService } from '@cbm/hub';
import { actorOf, buildWorld, World } from '../../authz/authz-world';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/**
 * The steering committee decides with the facts (issue 12, item 6): committee members and fund staff
 * read the request, assessment, partner matches and plan of a request with a funding application (and
 * no other); the brief of a proposal gives its fund impact exactly as approval draws the money and the
 * conflicts; a meeting's decision pack is a PDF whose SHA-256 each decision taken at it records.
 */
describe('steering committee: brief, meetings, decision packs', () => {
  let sys: TestSystem;
  let w: World;
  let db: Database;
  let fm: TestUser, sc: TestUser, scIom: TestUser, donor: TestUser, po: TestUser, hub: TestUser;
  let withApp: string, withoutApp: string, proposal: string, proposal2: string;
  let earmarked: string;
  let impact: {
    poolBefore: { amount: string };
    poolAfter: { amount: string };
    earmarks: { contributionId: string; draw: { amount: string } }[];
  };
  const V = '/api/v1';
  const get = (u: TestUser, path: string) => sys.http().get(`${V}${path}`).set(bearer(u));
  const post = (u: TestUser, path: string, body: object = {}) =>
    sys.http().post(`${V}${path}`).set(bearer(u)).send(body);
  const put = (u: TestUser, path: string, body: object) => sys.http().put(`${V}${path}`).set(bearer(u)).send(body);
  const pdf = (u: TestUser, path: string) =>
    sys
      .http()
      .get(`${V}${path}`)
      .set(bearer(u))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const pages = (b: Buffer) => (b.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    sys = await startTestSystem();
    w = await buildWorld(sys);
    db = sys.app.get(Database);
    ({ fm, sc, donor, po, hub } = w.users);
    scIom = await sys.user('steering_committee', { organisation: 'IOM' });
    // earmarked money for KEN, on top of the pooled contributions of the world
    const contributions = sys.app.get(ContributionService);
    const c = await contributions.pledge(actorOf(fm), {
      contributorId: w.org.NOR,
      pledgedAt: '2026-01-25',
      amount: { amount: '700000', currency: 'USD' },
      earmark: { type: 'country', country: 'KEN' },
      reference: 'COMMITTEE-EARMARK',
    });
    await sys.app.get(FundUnitOfWork).run((tx) =>
      contributions.deposit(tx, actorOf(fm), c.id, {
        receivedAt: '2026-02-12',
        amount: { amount: '700000', currency: 'USD' },
        usdAmount: { amount: '700000', currency: 'USD' },
        reference: 'COMMITTEE-EARMARK-DEP',
      }),
    );
    earmarked = c.id;
    withApp = await w.fresh.request('KEN', 'setup');
    await sys.app.get(ImplementationPlanService).put(actorOf(hub), withApp, w.fresh.planBody('IOM', true) as never);
    proposal = await w.fresh.proposal(withApp);
    proposal2 = await w.fresh.proposal();
    withoutApp = await w.fresh.request('KEN', 'setup');
  }, 300_000);
  afterAll(() => sys?.close());

  describe('read access to the request on the table', () => {
    it.each(['sc', 'fm'] as const)(
      '%s reads the request, assessment, partner matches and plan with an application',
      async (who) => {
        const u = w.users[who];
        const r = await get(u, `/requests/${withApp}`);
        expect(r.status).toBe(200);
        const a = await get(u, `/requests/${withApp}/assessment`);
        expect(a.status).toBe(200);
        expect(a.body.current.genderMarker).toBe(2);
        const m = await get(u, `/requests/${withApp}/partner-matches`);
        expect(m.status).toBe(200);
        expect(m.body.items.length).toBeGreaterThan(0);
        expect(m.body.items[0].reasons.length).toBeGreaterThan(0);
        expect((await get(u, `/requests/${withApp}/implementation-plan`)).status).toBe(200);
      },
    );

    it.each(['sc', 'fm'] as const)(
      '%s gets 403 on the assessment and matches of a request without one',
      async (who) => {
        const u = w.users[who];
        const a = await get(u, `/requests/${withoutApp}/assessment`);
        expect(a.status).toBe(403);
        expect(a.headers['content-type']).toMatch(/problem\+json/);
        expect(JSON.stringify(a.body)).not.toContain('Sound request');
        expect((await get(u, `/requests/${withoutApp}/partner-matches`)).status).toBe(403);
      },
    );

    it('opens no write route to them', async () => {
      const before = await count('request_assessment');
      const body = w.fresh.assessment(
        Object.keys((await get(hub, `/requests/${withApp}/assessment`)).body.current.scores),
      );
      expect((await put(sc, `/requests/${withApp}/assessment`, body)).status).toBe(403);
      expect((await put(fm, `/requests/${withApp}/assessment`, body)).status).toBe(403);
      expect((await put(sc, `/requests/${withApp}/implementation-plan`, w.fresh.planBody('IOM', true))).status).toBe(
        403,
      );
      expect(await count('request_assessment')).toBe(before);
    });

    it('keeps donors and partners out of the assessment', async () => {
      expect((await get(donor, `/requests/${withApp}/assessment`)).status).toBe(403);
      expect((await get(po, `/requests/${withApp}/assessment`)).status).toBe(403);
    });
  });

  describe('the brief', () => {
    it('gives the facts, the fund impact as approval would draw it, and the conflicts', async () => {
      const b = await get(sc, `/fund/allocations/${proposal}/brief`);
      expect(b.status).toBe(200);
      expect(b.body.request.id).toBe(withApp);
      expect(b.body.assessment.weightedTotal).toBeCloseTo(3, 2);
      expect(b.body.assessment.genderMarker).toBe(2);
      expect(b.body.partnerMatches.length).toBeGreaterThan(0);
      expect(b.body.plan.budget).toEqual({ amount: '2000000', currency: 'USD' });
      const cash: { kind: string; contribution_id: string | null; balance: string }[] = await db.query(
        `SELECT kind, contribution_id, balance::text FROM fund_balance WHERE kind IN ('cash_pool', 'cash_earmarked')`,
      );
      const total = cash.reduce((s, r) => s + BigInt(r.balance), 0n);
      const pool = cash.filter((r) => r.kind === 'cash_pool').reduce((s, r) => s + BigInt(r.balance), 0n);
      const i = b.body.impact;
      expect(i.sufficient).toBe(true);
      expect(i.unallocatedBefore.amount).toBe(total.toString());
      expect(i.unallocatedAfter.amount).toBe((total - 1000000n).toString());
      impact = i;
      // the KEN earmark (700,000 cents less the 1 % fee) is drawn first, the pool pays the rest
      const e = i.earmarks.find((x: { contributionId: string }) => x.contributionId === earmarked);
      expect(e).toMatchObject({ before: { amount: '693000' }, draw: { amount: '693000' }, after: { amount: '0' } });
      expect(i.poolBefore.amount).toBe(pool.toString());
      const earmarkDraw = i.earmarks.reduce(
        (s: bigint, x: { draw: { amount: string } }) => s + BigInt(x.draw.amount),
        0n,
      );
      expect(BigInt(i.poolBefore.amount) - BigInt(i.poolAfter.amount) + earmarkDraw).toBe(1000000n);
      expect(b.body.conflicts.implementingOrganisationIds).toEqual([w.org.IOM]);
      expect(b.body.conflicts.conflictedMemberIds).toContain(scIom.id);
      expect(b.body.conflicts.caller).toEqual({
        isProposer: false,
        mustRecuse: false,
        recused: false,
        mayDecide: true,
      });
    });

    it('tells a member of an implementing organisation to recuse, and shows the recusal', async () => {
      const b = await get(scIom, `/fund/allocations/${proposal}/brief`);
      expect(b.body.conflicts.caller).toMatchObject({ mustRecuse: true, mayDecide: false });
      expect((await post(scIom, `/fund/allocations/${proposal}/approve`, { decisionRef: 'SC-X' })).status).toBe(403);
      expect((await post(scIom, `/fund/allocations/${proposal}/recuse`, { note: 'IOM implements' })).status).toBe(200);
      const after = await get(scIom, `/fund/allocations/${proposal}/brief`);
      expect(after.body.conflicts.recusedMemberIds).toContain(scIom.id);
      expect(after.body.conflicts.caller).toMatchObject({ mustRecuse: false, recused: true, mayDecide: false });
    });

    it('is for fund staff and the committee; 404 and 400 for bad ids', async () => {
      expect((await get(fm, `/fund/allocations/${proposal}/brief`)).body.conflicts.caller.mayDecide).toBe(false);
      for (const u of [donor, po, hub, w.users.fp])
        expect((await get(u, `/fund/allocations/${proposal}/brief`)).status).toBe(403);
      expect((await get(sc, `/fund/allocations/00000000-0000-7000-8000-000000000000/brief`)).status).toBe(404);
      expect((await get(sc, `/fund/allocations/nope/brief`)).status).toBe(400);
    });
  });

  describe('meetings and decision packs', () => {
    let meeting: string;
    let pack1: { sha256: string; version: number; pages: number };

    it('refuses bad input and other roles, writing nothing', async () => {
      const before = [await count('fund_meeting'), await count('fund_meeting_item')];
      const bad = [
        {},
        { title: 'x', date: '2026-13-01' },
        { title: '', date: '2026-04-15' },
        { title: 'x', date: '2026-04-15', allocationIds: ['nope'] },
        { title: 'x', date: '2026-04-15', allocationIds: [proposal, proposal] },
      ];
      for (const body of bad) {
        const r = await post(fm, '/fund/meetings', body);
        expect(r.status).toBe(400);
        expect(r.headers['content-type']).toMatch(/problem\+json/);
      }
      const missing = await post(fm, '/fund/meetings', {
        title: 'x',
        date: '2026-04-15',
        allocationIds: ['00000000-0000-7000-8000-000000000000'],
      });
      expect(missing.status).toBe(404);
      // an approved allocation is no proposal
      const decided = await post(fm, '/fund/meetings', {
        title: 'x',
        date: '2026-04-15',
        allocationIds: [w.allocation.ken],
      });
      expect(decided.status).toBe(409);
      for (const u of [sc, donor, po, hub])
        expect((await post(u, '/fund/meetings', { title: 'x', date: '2026-04-15' })).status).toBe(403);
      expect([await count('fund_meeting'), await count('fund_meeting_item')]).toEqual(before);
    });

    it('calls a meeting, sets its agenda, and lists it for the committee', async () => {
      const m = await post(fm, '/fund/meetings', {
        title: 'SC meeting 12',
        date: '2026-04-15',
        allocationIds: [proposal2],
      });
      expect(m.status).toBe(201);
      meeting = m.body.id;
      expect(m.body.allocationIds).toEqual([proposal2]);
      const a = await put(fm, `/fund/meetings/${meeting}/agenda`, { allocationIds: [proposal, proposal2] });
      expect(a.status).toBe(200);
      expect(a.body.allocationIds).toEqual([proposal, proposal2]);
      expect((await put(sc, `/fund/meetings/${meeting}/agenda`, { allocationIds: [] })).status).toBe(403);
      expect((await put(fm, `/fund/meetings/${meeting}/agenda`, { allocationIds: [w.allocation.ken] })).status).toBe(
        409,
      );
      expect((await get(sc, `/fund/meetings/${meeting}`)).body.allocationIds).toEqual([proposal, proposal2]);
      const list = await get(sc, '/fund/meetings');
      expect(list.status).toBe(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(meeting);
      for (const u of [donor, po]) {
        expect((await get(u, '/fund/meetings')).status).toBe(403);
        expect((await get(u, `/fund/meetings/${meeting}`)).status).toBe(403);
      }
      expect((await get(sc, '/fund/meetings/00000000-0000-7000-8000-000000000000')).status).toBe(404);
    });

    it('generates the pack: a PDF with every proposal, its hash as stored and downloaded', async () => {
      expect((await post(sc, `/fund/meetings/${meeting}/pack`)).status).toBe(403);
      expect((await get(sc, `/fund/meetings/${meeting}/pack.pdf`)).status).toBe(404); // none yet
      const g = await post(fm, `/fund/meetings/${meeting}/pack`);
      expect(g.status).toBe(201);
      pack1 = g.body;
      expect(g.body.version).toBe(1);
      expect(g.body.allocationIds).toEqual([proposal, proposal2]);
      const d = await pdf(sc, `/fund/meetings/${meeting}/pack.pdf`);
      expect(d.status).toBe(200);
      expect(d.headers['content-type']).toBe('application/pdf');
      const bytes = d.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
      expect(sha256(bytes)).toBe(g.body.sha256);
      expect(d.headers['x-content-sha256']).toBe(g.body.sha256);
      expect(pages(bytes)).toBe(g.body.pages);
      expect(g.body.pages).toBeGreaterThanOrEqual(3); // the cover and a page per proposal at least
      expect((await get(donor, `/fund/meetings/${meeting}/pack.pdf`)).status).toBe(403);
      expect((await get(po, `/fund/meetings/${meeting}/pack.pdf`)).status).toBe(403);
      expect((await get(sc, `/fund/meetings/${meeting}/pack.pdf?version=0`)).status).toBe(400);
      expect((await get(sc, `/fund/meetings/${meeting}/pack.pdf?version=9`)).status).toBe(404);
    });

    it('records the meeting and the pack hash on each decision taken there; the cited pack never changes', async () => {
      const ok = await post(sc, `/fund/allocations/${proposal}/approve`, { decisionRef: 'SC-12-01' });
      expect(ok.status).toBe(200);
      const decisions = (await get(fm, '/fund/decisions?limit=100')).body.items;
      const d = decisions.find(
        (x: { allocationId: string; kind: string }) => x.allocationId === proposal && x.kind === 'approved',
      );
      expect(d).toMatchObject({ meetingId: meeting, packSha256: pack1.sha256 });
      // a decision outside any meeting cites none
      const outside = decisions.find((x: { allocationId: string }) => x.allocationId === w.allocation.ken);
      expect(outside).toMatchObject({ meetingId: null, packSha256: null });
      // regenerating after the decision adds version 2; version 1 stays, byte for byte
      const g2 = await post(fm, `/fund/meetings/${meeting}/pack`);
      expect(g2.status).toBe(201);
      expect(g2.body.version).toBe(2);
      expect(g2.body.sha256).not.toBe(pack1.sha256);
      const v1 = await pdf(sc, `/fund/meetings/${meeting}/pack.pdf?version=1`);
      expect(sha256(v1.body as Buffer)).toBe(d.packSha256);
      const latest = await pdf(sc, `/fund/meetings/${meeting}/pack.pdf`);
      expect(sha256(latest.body as Buffer)).toBe(g2.body.sha256);
      // the database refuses to change a pack
      await expect(
        db.query(`UPDATE fund_meeting_pack SET sha256 = repeat('0', 64) WHERE meeting_id = $1`, [meeting]),
      ).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM fund_meeting_pack WHERE meeting_id = $1`, [meeting])).rejects.toThrow(
        /append-only/,
      );
      // the rejection of the second proposal cites version 2, the pack in force when it was decided
      const no = await post(sc, `/fund/allocations/${proposal2}/reject`, { decisionRef: 'SC-12-02' });
      expect(no.status).toBe(200);
      const d2 = (await get(sc, '/fund/decisions?limit=100')).body.items.find(
        (x: { allocationId: string; kind: string }) => x.allocationId === proposal2 && x.kind === 'rejected',
      );
      expect(d2).toMatchObject({ meetingId: meeting, packSha256: g2.body.sha256 });
    });

    it('approval drew exactly what the brief said', async () => {
      const lines: { kind: string; contribution_id: string | null; amount: string }[] = await db.query(
        `SELECT l.kind, l.contribution_id, l.amount::text FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
          WHERE e.subject_id = $1 AND e.kind = 'allocation' AND l.amount < 0`,
        [proposal],
      );
      const drawn = Object.fromEntries(lines.map((l) => [l.contribution_id ?? 'pool', l.amount]));
      const told = Object.fromEntries([
        ...impact.earmarks.filter((e) => e.draw.amount !== '0').map((e) => [e.contributionId, `-${e.draw.amount}`]),
        ['pool', `-${BigInt(impact.poolBefore.amount) - BigInt(impact.poolAfter.amount)}`],
      ]);
      expect(drawn).toEqual(told);
      expect(drawn[earmarked]).toBe('-693000');
      expect(lines.reduce((s, l) => s + BigInt(l.amount), 0n)).toBe(-1000000n);
    });

    it('gives simultaneous generations consecutive versions, each with its own stored hash', async () => {
      const m = await post(fm, '/fund/meetings', {
        title: 'Raced packs',
        date: '2026-04-20',
        allocationIds: [await w.fresh.proposal()],
      });
      expect(m.status).toBe(201);
      const answers = await Promise.all(Array.from({ length: 12 }, () => post(fm, `/fund/meetings/${m.body.id}/pack`)));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
      expect(answers.map((a) => a.body.version).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      const stored: { version: number; sha256: string; content: Buffer }[] = await db.query(
        `SELECT version, sha256, content FROM fund_meeting_pack WHERE meeting_id = $1 ORDER BY version`,
        [m.body.id],
      );
      expect(stored).toHaveLength(12);
      for (const p of stored) expect(sha256(p.content)).toBe(p.sha256);
      // an agenda change racing a generation: the generation either ran first (201) or finds the agenda changed
      const [agenda, pack] = await Promise.all([
        put(fm, `/fund/meetings/${m.body.id}/agenda`, { allocationIds: [] }),
        post(fm, `/fund/meetings/${m.body.id}/pack`),
      ]);
      expect(agenda.status).toBe(200);
      expect([201, 409]).toContain(pack.status);
      const versions = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM fund_meeting_pack WHERE meeting_id = $1`,
        [m.body.id],
      );
      expect(versions[0].n).toBe(pack.status === 201 ? 13 : 12);
    });

    it('refuses a pack for an empty agenda', async () => {
      const m = await post(fm, '/fund/meetings', { title: 'Empty', date: '2026-05-01' });
      expect(m.status).toBe(201);
      const before = await count('fund_meeting_pack');
      expect((await post(fm, `/fund/meetings/${m.body.id}/pack`)).status).toBe(409);
      expect(await count('fund_meeting_pack')).toBe(before);
      expect((await post(fm, '/fund/meetings/00000000-0000-7000-8000-000000000000/pack')).status).toBe(404);
    });
  });
});
