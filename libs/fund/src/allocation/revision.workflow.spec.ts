import fc from 'fast-check';
import { Actor, DomainError, ROLES } from '@cbm/core';
import type { PlanSnapshot, RevisionStatus } from './revision.entity';
import {
  changedParts,
  checkDecider,
  checkProposing,
  checkRevision,
  endOf,
  monthsCovering,
  planAtApproval,
  planOf,
  REVISION_ACTIONS,
  RevisionAction,
  RevisionInput,
  revisionStep,
} from './revision.workflow';

const usd = (v: number | bigint) => ({ amount: String(v), currency: 'USD' });
const limits = { ceilingUsdMinor: 10_000_000n };
const start = new Date('2026-03-15T10:00:00Z');
const member = (id = 'member', organisationId: string | null = 'ngo'): Actor => ({
  id,
  role: 'steering_committee',
  organisationId,
});
const fm: Actor = { id: 'fm', role: 'fund_manager', organisationId: null };

/** An approved plan: 1,000,000 in three tranches, the first released. */
const plan = (o: Partial<PlanSnapshot> = {}): PlanSnapshot => ({
  endsOn: '2027-03-15',
  durationMonths: 12,
  amount: '1000000',
  tranches: [
    { seq: 1, amount: '400000', condition: 'on_approval', released: true },
    { seq: 2, amount: '300000', condition: 'progress_report_approved', released: false },
    { seq: 3, amount: '300000', condition: 'final_report', released: false },
  ],
  budgetLines: [],
  ...o,
});
const revise = (input: Partial<RevisionInput>, before = plan()) =>
  checkRevision({ reason: 'the national elections delayed the training', ...input }, before, start, limits);
const codeOf = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (err) {
    return (err as DomainError).code;
  }
};
const codeOfAsync = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: DomainError) => err.code,
  );

describe('revision workflow', () => {
  it('dates: the duration covers the end date, and no shorter one does (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 3000 }),
        (from, days) => {
          const endsOn = new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
          const n = monthsCovering(from, endsOn);
          expect(endOf(from, n) >= endsOn).toBe(true);
          if (n > 1) expect(endOf(from, n - 1) < endsOn).toBe(true);
        },
      ),
    );
    expect(endOf(start, 12)).toBe('2027-03-15');
  });

  it('a no-cost extension moves the end date and the duration, nothing else', () => {
    const r = revise({ endsOn: '2027-09-30' });
    expect(r.kind).toBe('no_cost_extension');
    expect(r.topUp).toBe(0n);
    expect(r.after).toEqual({ ...plan(), endsOn: '2027-09-30', durationMonths: 19 });
    expect(changedParts(plan(), r.after)).toEqual(['endsOn', 'durationMonths']);
  });

  it('refuses a revision that changes nothing, an end date not later, and a reason left empty (400)', () => {
    expect(codeOf(() => revise({}))).toBe('FUND_INVALID_FIELD');
    expect(codeOf(() => revise({ endsOn: '2027-03-15' }))).toBe('FUND_INVALID_FIELD');
    expect(codeOf(() => revise({ endsOn: '2026-12-31' }))).toBe('FUND_INVALID_FIELD');
    expect(codeOf(() => revise({ endsOn: '2027-09-30', reason: ' ' }))).toBe('FUND_INVALID_FIELD');
    expect(codeOf(() => revise({ amount: usd(1000000) }))).toBe('FUND_INVALID_FIELD');
  });

  it('a budget revision within the amount replaces the unreleased tranches, numbered after the released ones', () => {
    const r = revise({
      tranches: [
        { amount: usd(100000), condition: 'on_approval' },
        { amount: usd(500000), condition: 'final_report' },
      ],
      budgetLines: [
        { category: 'training', amount: usd(700000) },
        { category: 'travel', organisationId: 'iom', amount: usd(300000) },
      ],
    });
    expect(r.kind).toBe('budget_revision');
    expect(r.topUp).toBe(0n);
    expect(r.after.tranches).toEqual([
      { seq: 1, amount: '400000', condition: 'on_approval', released: true },
      { seq: 2, amount: '100000', condition: 'on_approval', released: false },
      { seq: 3, amount: '500000', condition: 'final_report', released: false },
    ]);
    expect(r.after.budgetLines).toEqual([
      { category: 'training', organisationId: null, amount: '700000' },
      { category: 'travel', organisationId: 'iom', amount: '300000' },
    ]);
  });

  it('a top-up: within the ceiling (422 over), with a schedule adding up (400), never lowering (422)', () => {
    const tranches = [{ amount: usd(850000), condition: 'progress_report_approved' }];
    const r = revise({ amount: usd(1250000), tranches });
    expect(r.topUp).toBe(250000n);
    expect(r.after.amount).toBe('1250000');
    expect(codeOf(() => revise({ amount: usd(1250000) }))).toBe('FUND_INVALID_FIELD'); // no schedule
    expect(codeOf(() => revise({ amount: usd(1250000), tranches: [{ amount: usd(850001), condition: 'x_y' }] }))).toBe(
      'FUND_INVALID_FIELD',
    );
    expect(
      codeOf(() => revise({ amount: usd(10_000_001), tranches: [{ amount: usd(9_600_001), condition: 'x_y' }] })),
    ).toBe('FUND_CEILING_EXCEEDED');
    expect(codeOf(() => revise({ amount: usd(900000), tranches: [{ amount: usd(500000), condition: 'x_y' }] }))).toBe(
      'FUND_AMOUNT_LOWERING_REFUSED',
    );
    expect(codeOf(() => revise({ amount: { amount: '1250000', currency: 'EUR' }, tranches }))).toBe(
      'FUND_INVALID_FIELD',
    );
    // budget lines, once set, follow the amount
    const withLines = plan({ budgetLines: [{ category: 'training', organisationId: null, amount: '1000000' }] });
    expect(codeOf(() => revise({ amount: usd(1250000), tranches }, withLines))).toBe('FUND_INVALID_FIELD');
    expect(
      codeOf(() =>
        revise(
          { amount: usd(1250000), tranches, budgetLines: [{ category: 'training', amount: usd(1250000) }] },
          withLines,
        ),
      ),
    ).toBeNull();
  });

  it('keeps every released tranche and adds up to the new amount, whatever is released (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 1_000_000n }), { minLength: 1, maxLength: 6 }),
        fc.nat({ max: 6 }),
        fc.array(fc.bigInt({ min: 1n, max: 1_000_000n }), { minLength: 1, maxLength: 6 }),
        (amounts, releasedCount, next) => {
          const tranches = amounts.map((a, i) => ({
            seq: i + 1,
            amount: a.toString(),
            condition: i ? 'report' : 'on_approval',
            released: i < releasedCount,
          }));
          const total = amounts.reduce((s, a) => s + a, 0n);
          const before = plan({ amount: total.toString(), tranches });
          const keptSum = tranches.filter((t) => t.released).reduce((s, t) => s + BigInt(t.amount), 0n);
          const amount = keptSum + next.reduce((s, a) => s + a, 0n);
          const attempt = () =>
            revise(
              { amount: usd(amount), tranches: next.map((a) => ({ amount: usd(a), condition: 'report' })) },
              before,
            );
          if (amount < total) return expect(codeOf(attempt)).toBe('FUND_AMOUNT_LOWERING_REFUSED');
          if (amount > limits.ceilingUsdMinor) return expect(codeOf(attempt)).toBe('FUND_CEILING_EXCEEDED');
          const r = attempt();
          expect(r.after.tranches.reduce((s, t) => s + BigInt(t.amount), 0n)).toBe(amount);
          expect(r.after.tranches.filter((t) => t.released)).toEqual(tranches.filter((t) => t.released));
          expect(r.after.tranches.map((t) => t.seq)).toEqual(r.after.tranches.map((_t, i) => i + 1));
          expect(r.topUp).toBe(amount - total);
        },
      ),
    );
  });

  it('is proposed by the fund manager, on an approved allocation, one open at a time', () => {
    expect(codeOf(() => checkProposing({ status: 'approved' }, fm, false))).toBeNull();
    expect(codeOf(() => checkProposing({ status: 'approved' }, fm, true))).toBe('FUND_INVALID_STATE');
    expect(codeOf(() => checkProposing({ status: 'proposed' }, fm, false))).toBe('FUND_INVALID_STATE');
    for (const role of ROLES.filter((r) => r !== 'fund_manager'))
      expect(codeOf(() => checkProposing({ status: 'approved' }, { ...fm, role }, false))).toBe('FUND_FORBIDDEN');
  });

  it('is decided once, by a steering-committee member: 403 for other roles, 409 once decided', () => {
    const statuses: RevisionStatus[] = ['proposed', 'approved', 'rejected'];
    for (const status of statuses)
      for (const action of REVISION_ACTIONS as readonly RevisionAction[])
        for (const role of ROLES) {
          const code = codeOf(() => revisionStep({ status }, action, { id: 'x', role, organisationId: null }));
          const expected =
            role !== 'steering_committee' ? 'FUND_FORBIDDEN' : status !== 'proposed' ? 'FUND_INVALID_STATE' : null;
          expect({ status, action, role, code }).toEqual({ status, action, role, code: expected });
        }
    expect(revisionStep({ status: 'proposed' }, 'approve', member()).to).toBe('approved');
    expect(revisionStep({ status: 'proposed' }, 'reject', member()).to).toBe('rejected');
  });

  it("applies the allocation's four eyes and conflict rules: not the proposer, not an implementer, not recused", async () => {
    const implementers = async () => ['iom'];
    const r = { proposedById: 'fm' };
    expect(await codeOfAsync(checkDecider(r, { recusedIds: [] }, member(), implementers))).toBeNull();
    expect(
      await codeOfAsync(checkDecider({ proposedById: 'member' }, { recusedIds: [] }, member(), implementers)),
    ).toBe('FUND_SELF_APPROVAL');
    expect(await codeOfAsync(checkDecider(r, { recusedIds: [] }, member('m2', 'iom'), implementers))).toBe(
      'FUND_RECUSAL_REQUIRED',
    );
    expect(await codeOfAsync(checkDecider(r, { recusedIds: ['member'] }, member(), implementers))).toBe(
      'FUND_RECUSAL_REQUIRED',
    );
  });

  it('at approval: a schedule overtaken by a release is refused (409); an extension keeps the schedule as it is now', () => {
    const before = plan();
    const budget = revise({ tranches: [{ amount: usd(600000), condition: 'final_report' }] }, before);
    const released2 = plan({
      tranches: before.tranches.map((t) => (t.seq === 2 ? { ...t, released: true } : t)),
    });
    expect(planAtApproval(before, { before, after: budget.after }).rewritesTranches).toBe(true);
    expect(codeOf(() => planAtApproval(released2, { before, after: budget.after }))).toBe('FUND_INVALID_STATE');
    const extension = revise({ endsOn: '2027-12-31' }, before);
    const applied = planAtApproval(released2, { before, after: extension.after });
    expect(applied.rewritesTranches).toBe(false);
    expect(applied.after).toEqual({ ...released2, endsOn: '2027-12-31', durationMonths: 22 });
  });

  it("reads the allocation's plan: the end date set, or the decision date plus the duration", () => {
    const a = {
      endsOn: null,
      decidedAt: start,
      proposedAt: start,
      durationMonths: 12,
      amount: '1000',
      budgetLines: [],
    };
    const t = { seq: 1, amount: '1000', condition: 'on_approval', releasedAt: start };
    expect(planOf(a, [t])).toEqual({
      endsOn: '2027-03-15',
      durationMonths: 12,
      amount: '1000',
      tranches: [{ seq: 1, amount: '1000', condition: 'on_approval', released: true }],
      budgetLines: [],
    });
    expect(planOf({ ...a, endsOn: '2027-06-30' }, []).endsOn).toBe('2027-06-30');
  });
});
