import { Actor, Database, Role } from '@cbm/core';
import { SupportRequestEntity, SupportRequestRepository } from '@cbm/hub';
import { startTestSystem, TestSystem } from '../../support/test-system';

/**
 * The hand-written reads of support requests (prepared statements, no TypeORM hydration)
 * answer what TypeORM's entity read answers, under the same scope rules.
 */
describe('support request reads', () => {
  let sys: TestSystem;
  let repo: SupportRequestRepository;
  let all: SupportRequestEntity[];
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    sys = await startTestSystem({ demoData: true });
    repo = sys.app.get(SupportRequestRepository);
    all = await sys.app
      .get(Database)
      .manager.getRepository(SupportRequestEntity)
      .find({ order: { id: 'DESC' } });
    const users: {
      id: string;
      email: string;
      role: Role;
      country_code: string | null;
      organisation_id: string | null;
    }[] = await sys.app
      .get(Database)
      .query(
        `SELECT id, email, role, country_code, organisation_id FROM app_user WHERE email LIKE '%@cbm.example.org'`,
      );
    for (const u of users)
      actors[u.email] = {
        id: u.id,
        role: u.role,
        email: u.email,
        countryCode: u.country_code,
        organisationId: u.organisation_id,
      };
  }, 300_000);
  afterAll(() => sys?.close());

  const visible = async (a: Actor, r: SupportRequestEntity): Promise<boolean> => {
    if (a.role === 'focal_point') return r.countryCode === a.countryCode;
    if (['hub_officer', 'admin', 'fund_manager', 'steering_committee'].includes(a.role)) return r.status !== 'draft';
    if (a.role !== 'partner_officer' || r.status === 'draft') return false;
    const rows = await sys.app
      .get(Database)
      .query(
        `SELECT 1 FROM request_partner WHERE request_id = $1 AND organisation_id = $2 AND status IN ('pending', 'accepted')`,
        [r.id, a.organisationId],
      );
    return rows.length > 0;
  };

  it('reads the same entity as TypeORM, for exactly the requests in scope', async () => {
    expect(all.length).toBeGreaterThan(10);
    let seen = 0;
    for (const a of Object.values(actors)) {
      for (const r of all) {
        const got = await repo.findScoped(a, r.id);
        if (await visible(a, r)) {
          expect(got).toBeInstanceOf(SupportRequestEntity);
          expect(got).toEqual(r);
          seen++;
        } else expect(got).toBeNull();
      }
    }
    expect(seen).toBeGreaterThan(all.length);
    expect(all.some((r) => r.startDate !== null && r.estimatedBudgetAmount !== null)).toBe(true);
  });

  it('lists in scope, filtered, page by page in either order', async () => {
    for (const a of Object.values(actors)) {
      const expected = [];
      for (const r of all) if (await visible(a, r)) expected.push(r);
      const pages: SupportRequestEntity[] = [];
      let afterId: string | undefined;
      for (;;) {
        const page = await repo.list(a, {}, { by: 'newest', afterId }, 3);
        pages.push(...page);
        if (page.length < 3) break;
        afterId = page[2].id;
      }
      expect(pages).toEqual(expected);
      const statuses = ['in_triage', 'in_assessment', 'matching'] as const;
      expect(await repo.list(a, { status: [...statuses] }, { by: 'newest' }, 100)).toEqual(
        expected.filter((r) => (statuses as readonly string[]).includes(r.status)),
      );
    }
    const hub = actors['hub.officer@cbm.example.org'];
    const due = await repo.list(hub, {}, { by: 'due' }, 100);
    const byDue = [...due].sort(
      (x, y) =>
        (x.dueAt?.getTime() ?? Infinity) - (y.dueAt?.getTime() ?? Infinity) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
    expect(due.map((r) => r.id)).toEqual(byDue.map((r) => r.id));
    const dated = due.filter((r) => r.dueAt);
    expect(dated.length).toBeGreaterThan(1);
    const after = dated[0];
    expect(
      (await repo.list(hub, {}, { by: 'due', after: { dueAt: after.dueAt!.toISOString(), id: after.id } }, 100)).map(
        (r) => r.id,
      ),
    ).toEqual(due.slice(1).map((r) => r.id));
    const kenya = all.filter((r) => r.countryCode === 'KEN' && r.status !== 'draft');
    expect(await repo.list(hub, { countryCode: 'KEN' }, { by: 'newest' }, 100)).toEqual(kenya);
  });

  it('cuts microseconds as TypeORM does, before 1970 too', async () => {
    const hub = actors['hub.officer@cbm.example.org'];
    const r = all.filter((x) => x.status !== 'draft').at(-1)!;
    const db = sys.app.get(Database);
    await db.query(
      `UPDATE support_request SET overdue_at = '2026-03-01 12:00:00.999999+00', escalated_at = '1969-12-31 23:59:59.000500+00', triage_due_at = '2026-03-01 12:00:00.000001+05:30' WHERE id = $1`,
      [r.id],
    );
    const typeorm = await db.manager.getRepository(SupportRequestEntity).findOneByOrFail({ id: r.id });
    expect(await repo.findScoped(hub, r.id)).toEqual(typeorm);
    expect(typeorm.overdueAt!.toISOString()).toBe('2026-03-01T12:00:00.999Z');
  });

  it('prepares again on a new connection, even to the same embedded session', async () => {
    const hub = actors['hub.officer@cbm.example.org'];
    const r = all.find((x) => x.status !== 'draft')!;
    expect(await repo.findScoped(hub, r.id)).toEqual(r);
    const pool = (
      sys.app.get(Database).dataSource.driver as unknown as {
        master: { connect(): Promise<{ release(destroy?: boolean): void }> };
      }
    ).master;
    // a pool of one (embedded) hands out the client that prepared the statement: drop it
    (await pool.connect()).release(true);
    // the embedded socket server takes a moment to see the old connection gone
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await repo.findScoped(hub, r.id)).toEqual(r);
  });

  it('locks only inside a transaction', async () => {
    const hub = actors['hub.officer@cbm.example.org'];
    const r = all.find((x) => x.status !== 'draft')!;
    await expect(repo.findScoped(hub, r.id, { lock: true })).rejects.toThrow();
    const db = sys.app.get(Database);
    expect(await db.transaction((t) => repo.in(t).findScoped(hub, r.id, { lock: true }))).toEqual(r);
  });
});
