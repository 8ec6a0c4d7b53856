import { type Actor, parseMinor, type Role } from '@cbm/core';
import type { Audience } from '@cbm/notifications';
import type { FundContributionEntity } from '../contribution/contribution.entity';
import { FundError } from '../fund.errors';
import { checkMoneyMayFlow } from '../closure/project.workflow';
import type { Posting } from '../ledger/ledger';
import type { AllocationStatus, FundAllocationEntity } from './allocation.entity';
import type { FundApplicationEntity } from './application.entity';
import type { FundTrancheEntity } from './tranche.entity';
import type { ReportFact } from '../ports';

/*
 * The allocation's workflow, top to bottom (DESIGN.md, "The start-up fund"). The fund manager
 * proposes seed money for an application, split in tranches; a steering-committee member other than
 * the proposer approves or rejects it (four eyes), unless their organisation implements the request
 * or they recused themselves; approval draws the money from matching earmarked contributions first,
 * then the pool, and releases the `on_approval` tranches; later tranches are released by the fund
 * manager in order, once enough of the earlier transfers is reported spent; transfers never pass the
 * released tranches. The service applies a step in one transaction with the allocation row locked;
 * the repository repeats the status and version check in SQL, so a second decision is never written.
 */

export const ALLOCATION_STATUSES: readonly AllocationStatus[] = ['proposed', 'approved', 'rejected'];
export type { AllocationStatus };

export const ALLOCATION_ACTIONS = ['approve', 'reject', 'recuse', 'release_tranche'] as const;
export type AllocationAction = (typeof ALLOCATION_ACTIONS)[number];

/* Proposing: the fund manager, with the application's `propose` step (application.workflow.ts). */

export interface ProposalLimits {
  ceilingUsdMinor: bigint;
  maxDurationMonths: number;
}

export interface ProposalInput {
  amount: { amount: string; currency: string };
  tranches: { amount: { amount: string; currency: string }; condition: string }[];
  durationMonths?: number;
}

export interface Proposal {
  amount: bigint;
  durationMonths: number;
  tranches: { amount: bigint; condition: string }[];
}

/** What a proposal must be: USD, tranches adding up to the amount, within the ceiling and the duration. */
export function checkProposal(input: ProposalInput, limits: ProposalLimits): Proposal {
  if (input.amount.currency !== 'USD' || input.tranches.some((t) => t.amount.currency !== 'USD'))
    throw FundError('FUND_INVALID_FIELD', 'allocations and tranches are in USD', {
      fields: [{ field: 'amount.currency', message: 'must be USD' }],
    });
  const amount = parseMinor(input.amount.amount);
  const tranches = input.tranches.map((t) => ({ amount: parseMinor(t.amount.amount), condition: t.condition }));
  if (tranches.reduce((s, t) => s + t.amount, 0n) !== amount)
    throw FundError('FUND_INVALID_FIELD', 'the tranches add up to the allocation', {
      fields: [{ field: 'tranches', message: 'must sum to amount' }],
    });
  if (amount > limits.ceilingUsdMinor)
    throw FundError('FUND_CEILING_EXCEEDED', 'the allocation exceeds the seed-funding ceiling', {
      ceiling: limits.ceilingUsdMinor.toString(),
    });
  const durationMonths = input.durationMonths ?? limits.maxDurationMonths;
  if (durationMonths > limits.maxDurationMonths)
    throw FundError('FUND_DURATION_EXCEEDED', `a seed allocation lasts at most ${limits.maxDurationMonths} months`);
  return { amount, durationMonths, tranches };
}

/* Where the money comes from */

export type Earmark = Pick<FundContributionEntity, 'earmarkType' | 'earmarkObjectives' | 'earmarkCountry'>;

/** Does earmarked money of this contribution may go to this request? */
export function earmarkMatches(c: Earmark, app: Pick<FundApplicationEntity, 'countryCode' | 'objectives'>): boolean {
  if (c.earmarkType === 'none') return true;
  if (c.earmarkType === 'country') return c.earmarkCountry === app.countryCode;
  return app.objectives.some((o) => c.earmarkObjectives.includes(o));
}

/** The unallocated money: the pool, and each earmarked contribution's balance. */
export interface Cash {
  pool: bigint;
  earmarked: { contributionId: string; earmark: Earmark; available: bigint }[];
}

/**
 * Where an allocation's money comes from: matching earmarked contributions first (oldest first),
 * then the unearmarked pool. Pure, so the rule is tested on its own.
 */
export function planSources(
  amount: bigint,
  earmarked: { contributionId: string; available: bigint }[],
  pool: bigint,
): { sources: Posting[]; shortBy: bigint } {
  const sources: Posting[] = [];
  let left = amount;
  for (const e of [...earmarked].sort((a, b) => (a.contributionId < b.contributionId ? -1 : 1))) {
    if (left === 0n) break;
    const take = e.available < left ? e.available : left;
    if (take > 0n)
      sources.push({ kind: 'cash_earmarked', contributionId: e.contributionId, amount: -take, currency: 'USD' });
    left -= take;
  }
  const fromPool = pool < left ? pool : left;
  if (fromPool > 0n) sources.push({ kind: 'cash_pool', amount: -fromPool, currency: 'USD' });
  left -= fromPool;
  return { sources, shortBy: left };
}

/** The earmarked money this application may draw on: matching earmarks with money left. */
export function eligibleEarmarks(cash: Cash, app: Pick<FundApplicationEntity, 'countryCode' | 'objectives'>) {
  return cash.earmarked.filter((e) => e.available > 0n && earmarkMatches(e.earmark, app));
}

/** `amount` for this application from `cash`: its sources, or FUND_INSUFFICIENT_FUNDS (422). */
export function fundFrom(
  cash: Cash,
  app: Pick<FundApplicationEntity, 'countryCode' | 'objectives'>,
  amount: bigint,
): Posting[] {
  const { sources, shortBy } = planSources(amount, eligibleEarmarks(cash, app), cash.pool);
  if (shortBy > 0n)
    throw FundError('FUND_INSUFFICIENT_FUNDS', 'not enough unallocated money matching the earmarks', {
      shortBy: shortBy.toString(),
    });
  return sources;
}

/* The steps on a proposed or approved allocation */

/** What a guard may read, inside the step's transaction. */
export interface AllocationReads {
  /** The organisations implementing the request now (the hub's facts; the application's copy without them). */
  implementers(): Promise<string[]>;
  /** The unallocated money; `lock`: its balance rows FOR UPDATE, in key order. */
  cash(lock: boolean): Promise<Cash>;
  tranches(): Promise<FundTrancheEntity[]>;
  /** What was transferred (net of reversals) and reported spent, from the balances. */
  figures(): Promise<{ transferred: bigint; spent: bigint }>;
  /** A report of the allocation's request (the hub's), or null when the request has no such report. */
  report(reportId: string): Promise<ReportFact | null>;
}

/** The bodies of the actions; which fields matter depends on the action. */
export interface StepInput {
  decisionRef?: string;
  note?: string;
  seq?: number;
  evidenceRef?: string;
}

export interface AllocationRules {
  /** A later tranche waits until this share (basis points) of the transfers is reported spent. */
  nextTrancheSpentShareBps: number;
}

export interface GuardContext {
  allocation: FundAllocationEntity;
  application: FundApplicationEntity;
  actor: Actor;
  input: StepInput;
  reads: AllocationReads;
  rules: AllocationRules;
}

/** What the guards found that the step's effects need. */
export interface StepOutcome {
  /** release_tranche: the tranche to release. */
  tranche?: FundTrancheEntity;
  /** recuse: the member had already recused themselves; nothing to write. */
  unchanged?: boolean;
}

type Guard = (c: GuardContext) => StepOutcome | void | Promise<StepOutcome | void>;

interface Step {
  from: readonly AllocationStatus[];
  to: AllocationStatus;
  roles: readonly Role[];
  /** In order; each throws the 403/404/409/422 that refuses the step. */
  guards: readonly Guard[];
  /** What the step writes besides the allocation's status and version. */
  effect: string;
  /** Who is told (never the actor). */
  tell?: (a: FundAllocationEntity) => Audience;
}

/* Guards */

/**
 * Four eyes: whoever proposed something the steering committee decides (an allocation, a revision of
 * its plan in revision.workflow.ts) never decides it.
 */
export function checkNotProposer(proposedById: string, actor: Actor): void {
  if (proposedById === actor.id)
    throw FundError('FUND_SELF_APPROVAL', 'a steering-committee member other than the proposer decides (four eyes)');
}

/**
 * A member whose organisation implements the request must recuse; one who recused from the allocation
 * decides nothing about it (neither the allocation nor a revision of its plan).
 */
export async function checkNotConflicted(
  recusedIds: readonly string[],
  actor: Actor,
  implementers: () => Promise<string[]>,
): Promise<void> {
  if (actor.organisationId && (await implementers()).includes(actor.organisationId))
    throw FundError('FUND_RECUSAL_REQUIRED', 'your organisation implements this request: you must recuse', {
      organisationId: actor.organisationId,
    });
  if (recusedIds.includes(actor.id))
    throw FundError('FUND_RECUSAL_REQUIRED', 'you recused yourself from this allocation');
}

const notTheProposer: Guard = ({ allocation, actor }) => checkNotProposer(allocation.proposedById, actor);

const notConflicted: Guard = ({ allocation, actor, reads }) =>
  checkNotConflicted(allocation.recusedIds, actor, () => reads.implementers());

/**
 * Where `amount` more for this allocation comes from, with the cash rows locked (FOR UPDATE, key
 * order): concurrent draws queue there, each sees what the previous left. 422 when it is not there.
 * Only `AllocationFunding.draw` calls it (approval and a top-up alike).
 */
export async function drawPlan(
  reads: Pick<AllocationReads, 'cash'>,
  application: Pick<FundApplicationEntity, 'countryCode' | 'objectives'>,
  amount: bigint,
): Promise<Posting[]> {
  return fundFrom(await reads.cash(true), application, amount);
}

const notYetRecused: Guard = ({ allocation, actor }) =>
  allocation.recusedIds.includes(actor.id) ? { unchanged: true } : undefined;

/** No tranche opens while the project is suspended, cancelled or closed (closure/project.workflow.ts). */
const projectOpen: Guard = ({ allocation }) => checkMoneyMayFlow(allocation);

const trancheReleasable: Guard = async ({ input, reads, rules }) => {
  const tranches = await reads.tranches();
  const tranche = releasableTranche(tranches, input.seq ?? 0, await reads.figures(), rules.nextTrancheSpentShareBps);
  if (tranche.condition === PROGRESS_REPORT_ACCEPTED) {
    const ref = input.evidenceRef ?? '';
    checkReportEvidence(tranches, ref, UUID.test(ref) ? await reads.report(ref) : null);
  }
  return { tranche };
};

/* Audiences */
const proposer = (a: FundAllocationEntity): Audience => ({ userIds: [a.proposedById] });

/** The whole table. */
export const ALLOCATION_WORKFLOW: Record<AllocationAction, Step> = {
  approve: {
    from: ['proposed'],
    to: 'approved',
    roles: ['steering_committee'],
    guards: [notTheProposer, notConflicted],
    effect:
      'the money drawn (AllocationFunding.draw: the cash locked, matching earmarks first, then the pool, 422 ' +
      'when short; a journal entry Cr the sources, Dr allocation); the on_approval tranches released; the decision ' +
      'registered; the application approved (application.workflow.ts)',
    tell: proposer,
  },
  reject: {
    from: ['proposed'],
    to: 'rejected',
    roles: ['steering_committee'],
    guards: [notTheProposer, notConflicted],
    effect: 'the decision registered; the application rejected, to be proposed again',
    tell: proposer,
  },
  recuse: {
    from: ['proposed'],
    to: 'proposed',
    roles: ['steering_committee'],
    guards: [notYetRecused],
    effect: 'the member added to the recused; the recusal registered',
  },
  release_tranche: {
    from: ['approved'],
    to: 'approved',
    roles: ['fund_manager'],
    guards: [projectOpen, trancheReleasable],
    effect: 'the tranche released with its evidence: more may be transferred',
  },
};

export const ALLOCATION_TRANSITIONS = ALLOCATION_ACTIONS.map((action) => {
  const { from, to, roles } = ALLOCATION_WORKFLOW[action];
  return { action, from, to, roles };
});

export type AllocationDecision =
  { ok: true; to: AllocationStatus } | { ok: false; reason: 'role' | 'state'; allowed: AllocationAction[] };

export function allowedAllocationActions(status: AllocationStatus, role: Role | 'system'): AllocationAction[] {
  return ALLOCATION_ACTIONS.filter((a) => {
    const step = ALLOCATION_WORKFLOW[a];
    return step.from.includes(status) && step.roles.includes(role as Role);
  });
}

/** Whether `role` may take `action` from `status`: 403 when the role never does, 409 when not now. */
export function decideAllocation(
  status: AllocationStatus,
  action: AllocationAction,
  role: Role | 'system',
): AllocationDecision {
  const step = ALLOCATION_WORKFLOW[action];
  const allowed = allowedAllocationActions(status, role);
  if (!step.roles.includes(role as Role)) return { ok: false, reason: 'role', allowed };
  if (!step.from.includes(status)) return { ok: false, reason: 'state', allowed };
  return { ok: true, to: step.to };
}

/** The step of `action` on allocation `a` for this actor, or the 403/409 that refuses it. */
export function allocationStep(a: FundAllocationEntity, action: AllocationAction, actor: Actor): Step {
  const d = decideAllocation(a.status, action, actor.role);
  if (!d.ok && d.reason === 'role')
    throw FundError('FUND_FORBIDDEN', `a ${actor.role} may not ${action.replace('_', ' ')} an allocation`);
  if (!d.ok)
    throw FundError(
      'FUND_INVALID_STATE',
      action === 'release_tranche'
        ? 'tranches of an approved allocation are released'
        : `the allocation is already ${a.status}`,
      { currentStatus: a.status },
    );
  return ALLOCATION_WORKFLOW[action];
}

/** Runs the step's guards in order; their findings together. */
export async function checkGuards(step: Step, c: GuardContext): Promise<StepOutcome> {
  const outcome: StepOutcome = {};
  for (const guard of step.guards) Object.assign(outcome, await guard(c));
  return outcome;
}

/** The refusal when the allocation moved between our read and our write (the SQL guard found no row). */
export const allocationMovedOn = () =>
  FundError('FUND_INVALID_STATE', 'the allocation was changed by someone else at the same time; reload it');

/* Tranches and transfers */

export const released = (tranches: readonly Pick<FundTrancheEntity, 'releasedAt' | 'amount'>[]): bigint =>
  tranches.filter((t) => t.releasedAt).reduce((s, t) => s + BigInt(t.amount), 0n);

/** Released with the approval itself. */
export const releasedOnApproval = <T extends Pick<FundTrancheEntity, 'condition'>>(tranches: readonly T[]): T[] =>
  tranches.filter((t) => t.condition === 'on_approval');

/**
 * Tranche `seq` may be released: it exists, is not yet released, every earlier one is, and (after the
 * first) at least `shareBps` of what was transferred is reported spent.
 */
export function releasableTranche<T extends Pick<FundTrancheEntity, 'seq' | 'releasedAt'>>(
  tranches: readonly T[],
  seq: number,
  figures: { transferred: bigint; spent: bigint },
  shareBps: number,
): T {
  const t = tranches.find((x) => x.seq === seq);
  if (!t) throw FundError('FUND_NOT_FOUND', 'no such tranche');
  if (t.releasedAt) throw FundError('FUND_INVALID_STATE', 'the tranche is already released');
  if (tranches.some((x) => x.seq < seq && !x.releasedAt))
    throw FundError('FUND_TRANCHE_HELD', 'earlier tranches are released first');
  const share = BigInt(shareBps);
  if (seq > 1 && (figures.transferred === 0n || figures.spent * 10000n < share * figures.transferred))
    throw FundError(
      'FUND_TRANCHE_HELD',
      `the next tranche is held until at least ${shareBps / 100}% of earlier transfers is reported spent`,
      { transferred: figures.transferred.toString(), spent: figures.spent.toString(), requiredShareBps: shareBps },
    );
  return t;
}

/** The tranche condition met by an accepted progress (or final) report of the request, cited by its id. */
export const PROGRESS_REPORT_ACCEPTED = 'progress_report_accepted';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A `progress_report_accepted` tranche is released on evidence that is the id of a report of the
 * request the hub ACCEPTED (progress or final), not already cited to release another tranche of the
 * allocation (one report opens one tranche). `report` is the hub's answer for `evidenceRef` (null:
 * the request has no such report).
 */
export function checkReportEvidence(
  tranches: readonly Pick<FundTrancheEntity, 'seq' | 'releasedAt' | 'evidenceRef'>[],
  evidenceRef: string,
  report: Pick<ReportFact, 'id' | 'status'> | null,
): void {
  if (!report || report.status !== 'accepted')
    throw FundError(
      'FUND_REPORT_NOT_ACCEPTED',
      report
        ? `the tranche is released on an accepted report; report ${report.id} is ${report.status}`
        : 'the evidence of this tranche is the id of an accepted report of the request',
      { evidenceRef, reportStatus: report?.status ?? null },
    );
  const used = tranches.find((t) => t.releasedAt && t.evidenceRef?.toLowerCase() === report.id.toLowerCase());
  if (used)
    throw FundError('FUND_REPORT_ALREADY_USED', `report ${report.id} already released tranche ${used.seq}`, {
      evidenceRef,
      trancheSeq: used.seq,
    });
}

/** A transfer of `amount` fits: never past the allocation, never past the released tranches. */
export function checkTransfer(
  a: Pick<FundAllocationEntity, 'amount' | 'transferredAmount'>,
  releasedAmount: bigint,
  amount: bigint,
): void {
  const transferred = BigInt(a.transferredAmount);
  if (transferred + amount > BigInt(a.amount))
    throw FundError('FUND_ALLOCATION_EXCEEDED', 'the transfers would exceed the allocation', {
      allocation: a.amount,
      transferred: transferred.toString(),
    });
  if (transferred + amount > releasedAmount)
    throw FundError('FUND_TRANCHE_HELD', 'the transfer exceeds what the released tranches make available', {
      released: releasedAmount.toString(),
      transferred: transferred.toString(),
    });
}
