import { type Actor, parseMinor, type Role } from '@cbm/core';
import type { Audience } from '@cbm/notifications';
import { FundError } from '../fund.errors';
import type { FundAllocationEntity } from './allocation.entity';
import { checkNotConflicted, checkNotProposer } from './allocation.workflow';
import type { FundRevisionEntity, PlanSnapshot, RevisionKind, RevisionStatus } from './revision.entity';
import type { FundTrancheEntity } from './tranche.entity';

/*
 * Revisions of an approved allocation's plan (amendments), top to bottom. The fund manager proposes a
 * revision: a no-cost extension (a later end date, with a reason) or a budget revision (new budget
 * lines and a new schedule for the tranches not yet released, within the allocation's amount or with
 * a top-up). At most one revision is open (proposed) per allocation. A steering-committee member other
 * than the proposer approves or rejects it, under the allocation's own four-eyes and conflict rules
 * (allocation.workflow.ts: never the proposer, never a member whose organisation implements the
 * request or who recused from the allocation). Approved, the revision replaces the plan: the end date,
 * the budget lines, the unreleased tranches; a top-up draws the money from cash exactly as approval
 * does (AllocationFunding.draw) and raises the amount. Released tranches and transfers never change;
 * the amount never goes down (returning unreleased money to the cash is not done here: refused, 422).
 * Every status write is guarded in SQL (WHERE status AND version); the allocation row is locked first.
 */

export const REVISION_ACTIONS = ['approve', 'reject'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];
export type { RevisionKind, RevisionStatus };

/* Dates: an allocation runs from its decision for its duration; its end date is the plan's. */

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** `start` plus `months` calendar months (UTC), as YYYY-MM-DD. */
export function endOf(start: Date, months: number): string {
  const d = new Date(start);
  d.setUTCMonth(d.getUTCMonth() + months);
  return isoDate(d);
}

/** The plan's end date: as set at approval or by the last extension, or the decision date plus the duration. */
export const planEndsOn = (a: Pick<FundAllocationEntity, 'endsOn' | 'decidedAt' | 'proposedAt' | 'durationMonths'>) =>
  a.endsOn ?? endOf(a.decidedAt ?? a.proposedAt, a.durationMonths);

/** The whole months from `start` that cover `endsOn` (the duration the burn-rate forecast uses). */
export function monthsCovering(start: Date, endsOn: string): number {
  let n = 1;
  while (endOf(start, n) < endsOn && n < 1200) n++;
  return n;
}

/** The allocation's plan now, as a revision reads it. */
export function planOf(
  a: Pick<FundAllocationEntity, 'endsOn' | 'decidedAt' | 'proposedAt' | 'durationMonths' | 'amount' | 'budgetLines'>,
  tranches: readonly Pick<FundTrancheEntity, 'seq' | 'amount' | 'condition' | 'releasedAt'>[],
): PlanSnapshot {
  return {
    endsOn: planEndsOn(a),
    durationMonths: a.durationMonths,
    amount: a.amount,
    tranches: [...tranches]
      .sort((x, y) => x.seq - y.seq)
      .map((t) => ({ seq: t.seq, amount: t.amount, condition: t.condition, released: !!t.releasedAt })),
    budgetLines: a.budgetLines.map((l) => ({ ...l })),
  };
}

/* Proposing */

export const PROPOSING = { roles: ['fund_manager'] as readonly Role[] };

type MoneyInput = { amount: string; currency: string };

export interface RevisionInput {
  reason: string;
  /** A no-cost extension: the new end date (YYYY-MM-DD), after the current one. */
  endsOn?: string;
  /** The new amount: the same, or more (a top-up); never less. */
  amount?: MoneyInput;
  /** The schedule of what is not yet released (the released tranches are kept as they are). */
  tranches?: { amount: MoneyInput; condition: string }[];
  budgetLines?: { category: string; organisationId?: string | null; amount: MoneyInput }[];
}

export interface RevisionLimits {
  ceilingUsdMinor: bigint;
}

export interface ProposedRevision {
  kind: RevisionKind;
  after: PlanSnapshot;
  topUp: bigint;
}

const invalid = (field: string, message: string, detail = `${field} ${message}`) =>
  FundError('FUND_INVALID_FIELD', detail, { fields: [{ field, message }] });

const usdMinor = (m: MoneyInput, field: string): bigint => {
  if (m.currency !== 'USD') throw invalid(`${field}.currency`, 'must be USD', 'allocations are in USD');
  const v = parseMinor(m.amount, field);
  if (v <= 0n) throw invalid(field, 'must be positive');
  return v;
};

/** Who may propose a revision of allocation `a` now: the fund manager, on an approved allocation, none open. */
export function checkProposing(a: Pick<FundAllocationEntity, 'status'>, actor: Actor, openRevision: boolean): void {
  if (!PROPOSING.roles.includes(actor.role as Role))
    throw FundError('FUND_FORBIDDEN', `a ${actor.role} may not propose a revision of an allocation`);
  if (a.status !== 'approved')
    throw FundError('FUND_INVALID_STATE', 'only the plan of an approved allocation is revised', {
      currentStatus: a.status,
    });
  if (openRevision)
    throw FundError('FUND_INVALID_STATE', 'a revision of this allocation is already awaiting its decision');
}

/**
 * What a proposed revision makes of the plan `before` (the allocation started on `start`): the
 * revised plan, its kind and its top-up; 400 for what does not add up, 422 for a lower amount or one
 * over the ceiling.
 */
export function checkRevision(
  input: RevisionInput,
  before: PlanSnapshot,
  start: Date,
  limits: RevisionLimits,
): ProposedRevision {
  if (!input.reason?.trim()) throw invalid('reason', 'is required');
  if (!input.endsOn && !input.amount && !input.tranches && !input.budgetLines)
    throw invalid('endsOn', 'a revision sets a new end date, amount, tranches or budget lines', 'nothing to revise');
  const endsOn = input.endsOn ?? before.endsOn;
  if (input.endsOn && input.endsOn <= before.endsOn)
    throw invalid('endsOn', `must be after the current end date ${before.endsOn}`);

  const current = BigInt(before.amount);
  const amount = input.amount ? usdMinor(input.amount, 'amount') : current;
  if (amount < current)
    throw FundError(
      'FUND_AMOUNT_LOWERING_REFUSED',
      'a revision does not lower the allocation (unreleased money is not returned to the cash this way)',
      { amount: current.toString() },
    );
  if (amount > limits.ceilingUsdMinor)
    throw FundError('FUND_CEILING_EXCEEDED', 'the allocation with its top-up exceeds the seed-funding ceiling', {
      ceiling: limits.ceilingUsdMinor.toString(),
    });

  const released = before.tranches.filter((t) => t.released);
  let tranches = before.tranches;
  if (input.tranches) {
    const next = input.tranches.map((t, i) => ({
      amount: usdMinor(t.amount, `tranches[${i}].amount`),
      condition: t.condition,
    }));
    const releasedSum = released.reduce((s, t) => s + BigInt(t.amount), 0n);
    if (releasedSum + next.reduce((s, t) => s + t.amount, 0n) !== amount)
      throw invalid(
        'tranches',
        'with the released tranches, must add up to the amount',
        'the tranches add up to the allocation',
      );
    const lastSeq = released.reduce((m, t) => Math.max(m, t.seq), 0);
    tranches = [
      ...released,
      ...next.map((t, i) => ({
        seq: lastSeq + i + 1,
        amount: t.amount.toString(),
        condition: t.condition,
        released: false,
      })),
    ];
  } else if (amount !== current)
    throw invalid('tranches', 'a new amount needs the schedule of what is not yet released');

  let budgetLines = before.budgetLines;
  if (input.budgetLines) {
    const lines = input.budgetLines.map((l, i) => ({
      category: l.category,
      organisationId: l.organisationId ?? null,
      amount: usdMinor(l.amount, `budgetLines[${i}].amount`),
    }));
    if (lines.reduce((s, l) => s + l.amount, 0n) !== amount) throw invalid('budgetLines', 'must add up to the amount');
    budgetLines = lines.map((l) => ({ ...l, amount: l.amount.toString() }));
  } else if (amount !== current && before.budgetLines.length)
    throw invalid('budgetLines', 'a new amount needs new budget lines');

  const after: PlanSnapshot = {
    endsOn,
    durationMonths: input.endsOn ? monthsCovering(start, endsOn) : before.durationMonths,
    amount: amount.toString(),
    tranches,
    budgetLines,
  };
  if (JSON.stringify(after) === JSON.stringify(before))
    throw invalid('endsOn', 'changes nothing', 'the revision changes nothing');
  const kind: RevisionKind =
    amount === current && !input.tranches && !input.budgetLines ? 'no_cost_extension' : 'budget_revision';
  return { kind, after, topUp: amount - current };
}

/* Deciding */

interface Step {
  from: readonly RevisionStatus[];
  to: RevisionStatus;
  roles: readonly Role[];
  effect: string;
  /** Who is told (never the actor). */
  tell: (r: Pick<FundRevisionEntity, 'proposedById'>) => Audience;
}

const proposer = (r: Pick<FundRevisionEntity, 'proposedById'>): Audience => ({ userIds: [r.proposedById] });
export const steeringCommittee: Audience = { scopes: [{ role: 'steering_committee' }] };

/** The whole table. */
export const REVISION_WORKFLOW: Record<RevisionAction, Step> = {
  approve: {
    from: ['proposed'],
    to: 'approved',
    roles: ['steering_committee'],
    effect:
      'the plan replaced (end date, duration, budget lines, unreleased tranches; on_approval ones released); a ' +
      'top-up drawn from cash (AllocationFunding.draw) and added to the amount; the decision registered',
    tell: proposer,
  },
  reject: {
    from: ['proposed'],
    to: 'rejected',
    roles: ['steering_committee'],
    effect: 'the decision registered; the plan unchanged, another revision may be proposed',
    tell: proposer,
  },
};

/** The step of `action` on revision `r` for this actor, or the 403 (role) / 409 (state) that refuses it. */
export function revisionStep(r: Pick<FundRevisionEntity, 'status'>, action: RevisionAction, actor: Actor): Step {
  const step = REVISION_WORKFLOW[action];
  if (!step.roles.includes(actor.role as Role))
    throw FundError('FUND_FORBIDDEN', `a ${actor.role} may not ${action} a revision`);
  if (!step.from.includes(r.status))
    throw FundError('FUND_INVALID_STATE', `the revision is already ${r.status}`, { currentStatus: r.status });
  return step;
}

/** The allocation's four-eyes and conflict rules, applied to its revision (403). */
export async function checkDecider(
  r: Pick<FundRevisionEntity, 'proposedById'>,
  a: Pick<FundAllocationEntity, 'recusedIds'>,
  actor: Actor,
  implementers: () => Promise<string[]>,
): Promise<void> {
  checkNotProposer(r.proposedById, actor);
  await checkNotConflicted(a.recusedIds, actor, implementers);
}

/**
 * The plan an approval writes, from the plan now and the revision. Only tranche releases move the
 * plan while a revision is open: a revision that rewrites the schedule no longer applies once one
 * was released (409, to be rejected and proposed again); one that keeps the schedule keeps it as it is now.
 */
export function planAtApproval(
  current: PlanSnapshot,
  r: Pick<FundRevisionEntity, 'before' | 'after'>,
): { after: PlanSnapshot; rewritesTranches: boolean } {
  const releasedSeqs = (p: PlanSnapshot) =>
    p.tranches
      .filter((t) => t.released)
      .map((t) => t.seq)
      .join(',');
  const rewritesTranches = JSON.stringify(r.after.tranches) !== JSON.stringify(r.before.tranches);
  if (
    current.amount !== r.before.amount ||
    current.endsOn !== r.before.endsOn ||
    (rewritesTranches && releasedSeqs(current) !== releasedSeqs(r.before))
  )
    throw FundError(
      'FUND_INVALID_STATE',
      'the plan changed since the revision was proposed (a tranche was released): reject it and propose again',
    );
  return { after: { ...r.after, tranches: rewritesTranches ? r.after.tranches : current.tranches }, rewritesTranches };
}

/** The refusal when the revision moved between our read and our write (the SQL guard found no row). */
export const revisionMovedOn = () =>
  FundError('FUND_INVALID_STATE', 'the revision was decided by someone else at the same time; reload it');

/** What changed, field by field: the history's before/after. */
export function changedParts(before: PlanSnapshot, after: PlanSnapshot): (keyof PlanSnapshot)[] {
  return (Object.keys(after) as (keyof PlanSnapshot)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}
