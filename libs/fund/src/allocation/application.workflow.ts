import { type Actor, parseMinor, type Role } from '@cbm/core';
import type { Audience } from '@cbm/notifications';
import { FundError } from '../fund.errors';
import type { RequestFacts } from '../ports';
import { type Cash, fundFrom } from './allocation.workflow';
import type { FundApplicationEntity } from './application.entity';

/*
 * The funding application's workflow, top to bottom (DESIGN.md, "The start-up fund"). The hub files
 * an application for a request in set-up; the fund manager proposes an allocation for it; the
 * steering committee's decision on that allocation decides the application. After a rejection the
 * fund manager may propose again. The allocation's own rules (four eyes, recusal, tranches) are in
 * allocation.workflow.ts. The service applies a step in one transaction; the repository repeats the
 * status and version check in SQL, so of two racing steps exactly one is written.
 */

export const APPLICATION_STATUSES = ['submitted', 'proposed', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_ACTIONS = ['propose', 'approve', 'reject'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Filing: a hub officer, for a request in set-up that has no application yet. */
export const FILING = { to: 'submitted' as ApplicationStatus, roles: ['hub_officer'] as readonly Role[] };

/** What a guard may read, inside the step's transaction. */
export interface ApplicationReads {
  /** The unallocated money; `lock`: its balance rows FOR UPDATE. */
  cash(lock: boolean): Promise<Cash>;
}

export interface GuardContext {
  application: FundApplicationEntity;
  actor: Actor;
  /** propose: the amount of the allocation proposed. */
  amount: bigint;
  reads: ApplicationReads;
}

interface Step {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  roles: readonly Role[];
  /** What must hold besides state and role; throws the 422 that refuses the step. */
  guard?: (c: GuardContext) => Promise<void>;
  /** What the step does besides the status. */
  effect: string;
  /** Who is told (never the actor). */
  tell: Audience;
}

/* Guards */

/** An early answer: the approval checks again with the money locked (allocation.workflow.ts). */
async function moneyInSight({ application, amount, reads }: GuardContext): Promise<void> {
  fundFrom(await reads.cash(false), application, amount);
}

/* Audiences */
const steeringCommittee: Audience = { scopes: [{ role: 'steering_committee' }] };
const hubOfficers: Audience = { scopes: [{ role: 'hub_officer' }] };

/** The whole table. */
export const APPLICATION_WORKFLOW: Record<ApplicationAction, Step> = {
  propose: {
    from: ['submitted', 'rejected'],
    to: 'proposed',
    roles: ['fund_manager'],
    guard: moneyInSight,
    effect: 'an allocation is proposed with its tranches (allocation.workflow.ts: proposed)',
    tell: steeringCommittee,
  },
  approve: {
    from: ['proposed'],
    to: 'approved',
    roles: ['steering_committee'],
    effect: 'taken with the approval of its allocation',
    tell: hubOfficers,
  },
  reject: {
    from: ['proposed'],
    to: 'rejected',
    roles: ['steering_committee'],
    effect: 'taken with the rejection of its allocation; the application can be proposed again',
    tell: hubOfficers,
  },
};

/** The table as rows (for tests and the README). */
export const APPLICATION_TRANSITIONS = APPLICATION_ACTIONS.map((action) => {
  const { from, to, roles } = APPLICATION_WORKFLOW[action];
  return { action, from, to, roles };
});

export type ApplicationDecision =
  { ok: true; to: ApplicationStatus } | { ok: false; reason: 'role' | 'state'; allowed: ApplicationAction[] };

export function allowedApplicationActions(status: ApplicationStatus, role: Role | 'system'): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((a) => {
    const step = APPLICATION_WORKFLOW[a];
    return step.from.includes(status) && step.roles.includes(role as Role);
  });
}

/** Whether `role` may take `action` from `status`: 403 when the role never does, 409 when not now. */
export function decideApplication(
  status: ApplicationStatus,
  action: ApplicationAction,
  role: Role | 'system',
): ApplicationDecision {
  const step = APPLICATION_WORKFLOW[action];
  const allowed = allowedApplicationActions(status, role);
  if (!step.roles.includes(role as Role)) return { ok: false, reason: 'role', allowed };
  if (!step.from.includes(status)) return { ok: false, reason: 'state', allowed };
  return { ok: true, to: step.to };
}

/** The step of `action` on application `a` for this actor, or the 403/409 that refuses it. */
export function applicationStep(a: FundApplicationEntity, action: ApplicationAction, actor: Actor): Step {
  const d = decideApplication(a.status, action, actor.role);
  if (!d.ok && d.reason === 'role')
    throw FundError('FUND_FORBIDDEN', `a ${actor.role} may not ${action} a funding application`);
  if (!d.ok)
    throw FundError(
      'FUND_INVALID_STATE',
      action === 'propose'
        ? `an allocation is proposed for a submitted or rejected application, not a ${a.status} one`
        : `the application is ${a.status}, not proposed`,
      { currentStatus: a.status },
    );
  return APPLICATION_WORKFLOW[action];
}

/** The refusal when the application moved between our read and our write (the SQL guard found no row). */
export const applicationMovedOn = () =>
  FundError('FUND_INVALID_STATE', 'the application was changed by someone else at the same time; reload it');

/**
 * Filing's guard: the request exists, is in set-up, and has no application yet (the unique index on
 * `request_id` repeats the last rule for two filings at the same time).
 */
export function checkFiling(actor: Actor, facts: RequestFacts | null, existing: boolean): RequestFacts {
  if (!FILING.roles.includes(actor.role as Role))
    throw FundError('FUND_FORBIDDEN', 'a hub officer files funding applications');
  if (!facts) throw FundError('FUND_NOT_FOUND', 'no such request');
  if (facts.status !== 'setup')
    throw FundError(
      'FUND_REQUEST_NOT_IN_SETUP',
      `a funding application is filed for a request in set-up, not ${facts.status}`,
      { status: facts.status },
    );
  if (existing) throw applicationExists();
  return facts;
}

export const applicationExists = () =>
  FundError('FUND_APPLICATION_EXISTS', 'this request already has a funding application');

/** What an application may ask for: USD, at most the seed-funding ceiling. Answers the amount in minor units. */
export function requestedAmount(amount: { amount: string; currency: string }, ceilingUsdMinor: bigint): bigint {
  if (amount.currency !== 'USD')
    throw FundError('FUND_INVALID_FIELD', 'the start-up fund allocates USD', {
      fields: [{ field: 'amount.currency', message: 'must be USD' }],
    });
  const minor = parseMinor(amount.amount);
  if (minor > ceilingUsdMinor)
    throw FundError('FUND_CEILING_EXCEEDED', `seed funding is at most ${ceilingUsdMinor} USD minor units`, {
      ceiling: ceilingUsdMinor.toString(),
    });
  return minor;
}
