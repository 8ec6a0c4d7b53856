import type { Actor, Role } from '@cbm/core';
import { FundError } from '../fund.errors';
import type { Posting } from '../ledger/ledger';
import type { FundAllocationEntity, ProjectStage } from '../allocation/allocation.entity';
import type { DecisionKind } from '../allocation/decision.entity';

/*
 * The life of a funded project after its allocation is approved (DESIGN.md, "Closure"), top to bottom.
 * The state lives on the allocation (`fund_allocation.stage`): the allocation is what the fund decided
 * and what holds the money, and every step here moves money or stops it moving.
 *
 *   open ── suspend (fund manager) ──▶ suspended ── resume (fund manager) ──▶ open
 *   suspended ── cancel (a steering-committee member, not conflicted) ──▶ cancelled
 *   open ── close_operationally (fund manager; the hub accepted the final report) ──▶ operationally_closed
 *   operationally_closed | cancelled ── close_financially (fund manager) ──▶ closed
 *
 * Suspension is a protective freeze the fund manager applies at once (no transfer, no tranche while
 * suspended); it is also the proposal to cancel: cancellation is decided by a steering-committee member
 * (four eyes: a different person in a different role) and releases what was not transferred back to its
 * sources. Money the partners return after a cancellation goes back to source at once. Financial closure
 * needs every organisation that received money to have submitted its final financial statement, and every
 * transfer reconciled (transferred = reported spent + returned, nothing left unspent); it accepts the
 * statements and releases the allocation's remaining balance to its sources. Every step is registered in
 * the decision register and audited; the service applies a step under the allocation's row lock and
 * repeats the stage and version check in SQL.
 */

export const PROJECT_ACTIONS = ['suspend', 'resume', 'cancel', 'close_operationally', 'close_financially'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export interface ProjectStep {
  from: readonly ProjectStage[];
  to: ProjectStage;
  roles: readonly Role[];
  /** The entry it leaves in the decision register. */
  decision: DecisionKind;
  /** The allocation's remaining balance goes back to its sources. */
  releases: boolean;
}

export const PROJECT_WORKFLOW: Record<ProjectAction, ProjectStep> = {
  suspend: { from: ['open'], to: 'suspended', roles: ['fund_manager'], decision: 'suspended', releases: false },
  resume: { from: ['suspended'], to: 'open', roles: ['fund_manager'], decision: 'resumed', releases: false },
  cancel: {
    from: ['suspended'],
    to: 'cancelled',
    roles: ['steering_committee'],
    decision: 'cancelled',
    releases: true,
  },
  close_operationally: {
    from: ['open'],
    to: 'operationally_closed',
    roles: ['fund_manager'],
    decision: 'operationally_closed',
    releases: false,
  },
  close_financially: {
    from: ['operationally_closed', 'cancelled'],
    to: 'closed',
    roles: ['fund_manager'],
    decision: 'financially_closed',
    releases: true,
  },
};

/** The step of `action` on allocation `a` for this actor, or the 403 (role) / 409 (state) that refuses it. */
export function projectStep(a: Pick<FundAllocationEntity, 'status' | 'stage'>, action: ProjectAction, actor: Actor) {
  const step = PROJECT_WORKFLOW[action];
  if (!step.roles.includes(actor.role as Role))
    throw FundError('FUND_FORBIDDEN', `a ${actor.role} may not ${action.replace('_', ' ')} a project`);
  if (a.status !== 'approved')
    throw FundError('FUND_INVALID_STATE', 'only the project of an approved allocation is suspended or closed', {
      currentStatus: a.status,
    });
  if (!step.from.includes(a.stage))
    throw FundError('FUND_INVALID_STATE', `cannot ${action.replace('_', ' ')} a project that is ${a.stage}`, {
      currentStage: a.stage,
      allowedActions: allowedProjectActions(a.stage, actor.role as Role),
    });
  return step;
}

export function allowedProjectActions(stage: ProjectStage, role: Role | 'system'): ProjectAction[] {
  return PROJECT_ACTIONS.filter(
    (x) => PROJECT_WORKFLOW[x].from.includes(stage) && PROJECT_WORKFLOW[x].roles.includes(role as Role),
  );
}

/** Money moves to the partners (transfers, tranche releases) only while the project is open. */
export function checkMoneyMayFlow(a: Pick<FundAllocationEntity, 'stage'>): void {
  if (a.stage !== 'open')
    throw FundError('FUND_INVALID_STATE', `no transfer or tranche release while the project is ${a.stage}`, {
      currentStage: a.stage,
    });
}

/** A return of unspent funds: positive, and never more than the organisation holds unspent (422). */
export function checkReturn(amount: bigint, unspent: bigint): void {
  if (amount > unspent)
    throw FundError('FUND_RETURN_EXCEEDED', 'the return exceeds what the organisation holds unspent', {
      unspent: unspent.toString(),
    });
}

/** After a cancellation or closure, money coming back to the allocation goes straight on to its sources. */
export const releasesAtOnce = (stage: ProjectStage) => stage === 'cancelled' || stage === 'closed';

/** One cash account an approval drew on: the pool, or an earmarked contribution. */
export interface Source {
  kind: 'cash_pool' | 'cash_earmarked';
  contributionId: string | null;
  /** What the approval drew from it (positive). */
  drawn: bigint;
  /** What earlier releases already gave back to it (positive). */
  released: bigint;
}

/**
 * The lines that release `amount` from the allocation back to where the approval drew it: Dr each source,
 * Cr allocation. Each source gets its share of `amount` in the proportion the approval drew it (rounded
 * down); the cents left go to the sources in order (pool first, then earmarked by contribution id), and no
 * source ever gets back more than it gave (what it drew less what earlier releases returned).
 */
export function releaseLines(allocationId: string, amount: bigint, sources: readonly Source[]): Posting[] {
  if (amount <= 0n) return [];
  const ordered = [...sources].sort((a, b) =>
    a.kind !== b.kind
      ? a.kind === 'cash_pool'
        ? -1
        : 1
      : (a.contributionId ?? '') < (b.contributionId ?? '')
        ? -1
        : 1,
  );
  const total = ordered.reduce((s, x) => s + x.drawn, 0n);
  const room = ordered.map((x) => x.drawn - x.released);
  if (total === 0n || room.reduce((s, r) => s + r, 0n) < amount)
    throw FundError('FUND_UNBALANCED_ENTRY', 'the allocation would release more than its sources gave it');
  const parts = ordered.map((x, i) => min((amount * x.drawn) / total, room[i]));
  let left = amount - parts.reduce((s, p) => s + p, 0n);
  for (let i = 0; left > 0n && i < ordered.length; i++) {
    const more = min(left, room[i] - parts[i]);
    parts[i] += more;
    left -= more;
  }
  const lines: Posting[] = ordered
    .map((x, i) => ({ kind: x.kind, contributionId: x.contributionId, amount: parts[i], currency: 'USD' }))
    .filter((l) => l.amount > 0n);
  return [...lines, { kind: 'allocation', allocationId, amount: -amount, currency: 'USD' }];
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** One organisation's money under an allocation, for the reconciliation at financial closure. */
export interface OrganisationMoney {
  organisationId: string;
  /** Transfers not reversed (from the transfer rows). */
  transferred: bigint;
  /** Reported spent (the expenditure account). */
  spent: bigint;
  /** Returned unspent (from the return rows). */
  returned: bigint;
  /** Still held (the transfer account). */
  unspent: bigint;
  /** The final financial statement's certified total, if submitted. */
  statementSpent: bigint | null;
}

/**
 * Financial closure may go ahead: every organisation that received money submitted its statement, the
 * statement certifies what was reported spent, and transferred = spent + returned with nothing unspent.
 * Otherwise 422 FUND_NOT_RECONCILED naming each organisation and what is wrong.
 */
export function checkReconciled(orgs: readonly OrganisationMoney[]): void {
  const problems = reconciliationProblems(orgs);
  if (problems.length)
    throw FundError('FUND_NOT_RECONCILED', 'every transfer is reconciled before financial closure', { problems });
}

/** What stands in the way of each organisation's reconciliation (empty: reconciled). */
export function reconciliationProblems(orgs: readonly OrganisationMoney[]) {
  return orgs.flatMap((o) => {
    const p: string[] = [];
    if (o.transferred === 0n && o.spent === 0n && o.returned === 0n) return [];
    if (o.statementSpent === null) p.push('no final financial statement');
    else if (o.statementSpent !== o.spent)
      p.push(`the statement certifies ${o.statementSpent}, expenditure reported is ${o.spent}`);
    if (o.unspent !== 0n) p.push(`${o.unspent} transferred is neither reported spent nor returned`);
    if (o.transferred !== o.spent + o.returned + o.unspent)
      p.push(`transferred ${o.transferred} ≠ spent ${o.spent} + returned ${o.returned} + unspent ${o.unspent}`);
    return p.map((message) => ({ organisationId: o.organisationId, message }));
  });
}
