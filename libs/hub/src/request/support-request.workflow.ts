import { Actor, addWorkingDays, MoneyDto, Role, workingDaysBetween } from '@cbm/core';
import type { Audience } from '@cbm/notifications';
import type { SupportRequestEntity } from './support-request.entity';
import { RequestError } from './support-request.errors';
import { nextDue, type SlaColumns, type SlaConfig } from '../sla/sla-clocks';

/*
 * The support request's workflow, top to bottom (DESIGN.md, "The support request"): its states,
 * its actions, who may take each, what must hold first (guards), what each changes besides the
 * status (assignee, service-level clocks) and who is told. The service applies it in one
 * transaction; the repository repeats the status and version check in SQL.
 */

export const REQUEST_STATUSES = [
  'draft',
  'submitted',
  'in_triage',
  'info_requested',
  'in_assessment',
  'declined',
  'matching',
  'setup',
  'in_implementation',
  'completed',
  'closed',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_ACTIONS = [
  'submit',
  'start_triage',
  'request_info',
  'provide_info',
  'start_assessment',
  'decline',
  'approve',
  'confirm_partners',
  'start_implementation',
  'complete',
  'close',
  'withdraw',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** The body of POST /requests/{id}/actions/{action}; which fields matter depends on the action. */
export interface StepInput {
  assigneeId?: string;
  question?: string;
  answer?: string;
  reason?: string;
  override?: string;
}

/** What a guard may read about the request, inside the transition's transaction. */
export interface RequestReads {
  person(id: string): Promise<{ role: string; active: boolean } | null>;
  declaredConflict(userId: string): Promise<boolean>;
  currentAssessment(): Promise<{ version: number; recommendation: string } | null>;
  partners(): Promise<{ organisationId: string; role: string; status: string }[]>;
  plan(): Promise<{
    milestones: unknown[];
    budget: { amount: string }[];
    funding: FundingLine[];
    currency: string;
  } | null>;
  /** Start-up fund money approved for the request, if any. */
  approvedFunding(): Promise<MoneyDto | null>;
  /** True when every transfer made for the request is reconciled (or there were none). */
  transfersReconciled(): Promise<boolean>;
  /** Whether the fund funded the request, and closed its projects operationally and financially. */
  fundClosure(): Promise<{ funded: boolean; operationallyClosed: boolean; financiallyClosed: boolean }>;
  latestFinalReport(): Promise<{ id: string; lessonsLearned: string | null } | null>;
}

export interface FundingLine {
  source: string;
  status: string;
  amount: string;
}

export interface GuardContext {
  request: SupportRequestEntity;
  actor: Actor;
  input: StepInput;
  reads: RequestReads;
}

/** What a step records: the text on the timeline entry, facts for the audit event, what else it sets. */
export interface StepOutcome {
  body: string | null;
  audit: Record<string, unknown>;
  assigneeId?: string;
  finalReport?: { id: string; lessonsLearned: string | null };
}

interface Step {
  from: readonly RequestStatus[];
  to: RequestStatus;
  roles: readonly Role[];
  /** What must hold besides state and role; throws REQUEST_GUARD_FAILED (422) when it does not. */
  guard?: (c: GuardContext) => StepOutcome | Promise<StepOutcome>;
  /** The service-level clocks it starts, pauses or stops (working days, sla/sla-clocks.ts). */
  clocks?: (r: SlaColumns, now: Date, sla: SlaConfig) => Partial<SlaColumns>;
  /** Who is told (the actor never is), from the request as it is after the step. */
  tell: (r: SupportRequestEntity, actor: Actor) => Audience;
  /** The partners invited or taking part are told as well. */
  tellPartners?: boolean;
}

const BEFORE_IMPLEMENTATION: RequestStatus[] = [
  'draft',
  'submitted',
  'in_triage',
  'info_requested',
  'in_assessment',
  'matching',
  'setup',
];

/* Audiences */
const focalPoints = (r: SupportRequestEntity): Audience => ({
  scopes: [{ role: 'focal_point', countryCode: r.countryCode }],
});
const hubOfficers: Audience = { scopes: [{ role: 'hub_officer' }] };
const assigneeOrHub = (r: SupportRequestEntity): Audience => (r.assigneeId ? { userIds: [r.assigneeId] } : hubOfficers);
const both = (a: Audience, b: Audience): Audience => ({
  userIds: [...(a.userIds ?? []), ...(b.userIds ?? [])],
  scopes: [...(a.scopes ?? []), ...(b.scopes ?? [])],
});

/* Clocks */
const stopAll = (r: SlaColumns, now: Date): Partial<SlaColumns> => ({
  ...(r.triageDueAt && !r.triageEndedAt ? { triageEndedAt: now } : {}),
  ...(r.infoDueAt && !r.infoEndedAt ? { infoEndedAt: now } : {}),
  ...(r.assessmentDueAt && !r.assessmentEndedAt ? { assessmentEndedAt: now, assessmentPausedAt: null } : {}),
});

/* Guards */
const fail = (message: string, details: Record<string, unknown> = {}) =>
  RequestError('REQUEST_GUARD_FAILED', message, details);

function required(value: string | undefined, field: string): StepOutcome {
  if (!value?.trim()) throw fail(`${field} is required for this action`, { fields: [{ field, message: 'required' }] });
  return { body: value.trim(), audit: {} };
}

/** DESIGN.md: "required fields complete". */
function complete({ request: r }: GuardContext): StepOutcome {
  const missing: string[] = (['title', 'summary', 'expectedResults'] as const).filter((f) => !r[f]?.trim());
  if (!r.objectives?.length) missing.push('objectives');
  if (!r.supportTypes?.length) missing.push('supportTypes');
  if (missing.length)
    throw RequestError('REQUEST_INCOMPLETE', `complete these fields before submitting: ${missing.join(', ')}`, {
      fields: missing.map((field) => ({ field, message: 'required to submit' })),
    });
  return { body: null, audit: {} };
}

async function assignee({ actor, input, reads }: GuardContext): Promise<StepOutcome> {
  const assigneeId = input.assigneeId ?? actor.id;
  const person = await reads.person(assigneeId);
  if (!person || person.role !== 'hub_officer' || !person.active)
    throw fail('the assignee must be an active hub officer', {
      fields: [{ field: 'assigneeId', message: 'not an active hub officer' }],
    });
  return { body: null, audit: { assigneeId }, assigneeId };
}

async function assessedToProceed({ request, actor, reads }: GuardContext): Promise<StepOutcome> {
  if (await reads.declaredConflict(actor.id))
    throw fail('you declared a conflict of interest on this request: another hub officer must approve it');
  const a = await reads.currentAssessment();
  if (!a) throw fail('approve needs a completed assessment', { missing: 'assessment' });
  if (a.recommendation !== 'proceed')
    throw fail(`the current assessment (version ${a.version}) recommends ${a.recommendation}, not proceed`, {
      assessmentVersion: a.version,
      recommendation: a.recommendation,
      requestId: request.id,
    });
  return { body: null, audit: { assessmentVersion: a.version } };
}

async function oneAcceptedLead({ reads }: GuardContext): Promise<StepOutcome> {
  const accepted = (await reads.partners()).filter((p) => p.status === 'accepted');
  const leads = accepted.filter((p) => p.role === 'lead');
  if (!accepted.length)
    throw fail('confirm_partners needs at least one organisation that accepted its invitation', { accepted: 0 });
  if (leads.length !== 1)
    throw fail(`confirm_partners needs exactly one accepted lead organisation, not ${leads.length}`, {
      leads: leads.length,
    });
  return {
    body: null,
    audit: { leadOrganisationId: leads[0].organisationId, organisationIds: accepted.map((p) => p.organisationId) },
  };
}

/** Funding the plan can count on: confirmed lines, and start-up-fund lines up to what the fund approved. */
export function fundingCoverage(
  plan: { budget: { amount: string }[]; funding: FundingLine[] },
  approvedStartUp: bigint | null,
): { budget: bigint; covered: bigint } {
  const budget = plan.budget.reduce((s, b) => s + BigInt(b.amount), 0n);
  let covered = 0n;
  for (const f of plan.funding) {
    if (f.source === 'start_up_fund' && approvedStartUp !== null) {
      const take = approvedStartUp < BigInt(f.amount) ? approvedStartUp : BigInt(f.amount);
      covered += take;
      approvedStartUp -= take;
    } else if (f.status === 'confirmed') covered += BigInt(f.amount);
  }
  return { budget, covered };
}

async function plannedAndFunded({ input, reads }: GuardContext): Promise<StepOutcome> {
  const plan = await reads.plan();
  if (!plan) throw fail('start_implementation needs an implementation plan', { missing: 'implementationPlan' });
  if (!plan.milestones.length) throw fail('the implementation plan has no milestones', { missing: 'milestones' });
  const approved = await reads.approvedFunding();
  const approvedMinor = approved && approved.currency === plan.currency ? BigInt(approved.amount) : null;
  const { budget, covered } = fundingCoverage(plan, approvedMinor);
  const coverage = {
    budget: { amount: String(budget), currency: plan.currency },
    covered: { amount: String(covered), currency: plan.currency },
  };
  if (covered >= budget) return { body: null, audit: coverage };
  const override = input.override?.trim();
  if (!override)
    throw fail(
      `the funding plan covers ${covered} of ${budget} ${plan.currency} (minor units): confirm more funding or give an override reason`,
      coverage,
    );
  return { body: `Started without full funding: ${override}`, audit: { ...coverage, override } };
}

async function finalReportIn({ actor, reads }: GuardContext): Promise<StepOutcome> {
  if (actor.role === 'partner_officer') {
    const lead = (await reads.partners()).find((p) => p.status === 'accepted' && p.role === 'lead');
    if (!lead || lead.organisationId !== actor.organisationId)
      throw RequestError('REQUEST_FORBIDDEN', 'only the lead organisation or the hub completes a request');
  }
  const finalReport = await reads.latestFinalReport();
  if (!finalReport) throw fail('complete needs a final report', { missing: 'finalReport' });
  return { body: null, audit: { finalReportId: finalReport.id }, finalReport };
}

/** A funded request closes once the fund closed its projects operationally and then financially. */
async function reconciled({ reads }: GuardContext): Promise<StepOutcome> {
  const closure = await reads.fundClosure();
  if (closure.funded && !closure.operationallyClosed)
    throw fail('close needs the operational closure of the funded project (its final report accepted)', {
      missing: 'operationalClosure',
    });
  if (closure.funded && !closure.financiallyClosed)
    throw fail(
      'close needs the financial closure of the funded project (final statements accepted, balance returned)',
      {
        missing: 'financialClosure',
      },
    );
  if (!(await reads.transfersReconciled()))
    throw fail('close needs every fund transfer for this request reconciled', { missing: 'reconciliation' });
  return { body: null, audit: closure.funded ? { fundClosure: 'closed' } : {} };
}

/** The whole table. */
export const REQUEST_WORKFLOW: Record<RequestAction, Step> = {
  submit: {
    from: ['draft'],
    to: 'submitted',
    roles: ['focal_point'],
    guard: complete,
    clocks: (_r, now, sla) => ({ triageDueAt: addWorkingDays(now, sla.triageDays), triageEndedAt: null }),
    tell: () => hubOfficers,
  },
  start_triage: {
    from: ['submitted'],
    to: 'in_triage',
    roles: ['hub_officer'],
    guard: assignee,
    // the assessment clock covers triage and assessment: from triage start to the decision
    clocks: (_r, now, sla) => ({
      triageEndedAt: now,
      assessmentDueAt: addWorkingDays(now, sla.assessmentDays),
      assessmentEndedAt: null,
      assessmentPausedAt: null,
    }),
    tell: (r, actor) =>
      r.assigneeId && r.assigneeId !== actor.id ? both({ userIds: [r.assigneeId] }, focalPoints(r)) : focalPoints(r),
  },
  request_info: {
    from: ['in_triage'],
    to: 'info_requested',
    roles: ['hub_officer'],
    guard: ({ input }) => required(input.question, 'question'),
    // waiting on the requester: the hub's clock pauses, the requester's starts
    clocks: (_r, now, sla) => ({
      infoDueAt: addWorkingDays(now, sla.infoDays),
      infoEndedAt: null,
      assessmentPausedAt: now,
    }),
    tell: focalPoints,
  },
  provide_info: {
    from: ['info_requested'],
    to: 'in_triage',
    roles: ['focal_point'],
    guard: ({ input }) => required(input.answer, 'answer'),
    // the hub's clock resumes, moved on by the working days it was paused
    clocks: (r, now) => ({
      infoEndedAt: now,
      assessmentPausedAt: null,
      assessmentDueAt: r.assessmentDueAt
        ? addWorkingDays(r.assessmentDueAt, r.assessmentPausedAt ? workingDaysBetween(r.assessmentPausedAt, now) : 0)
        : null,
    }),
    tell: assigneeOrHub,
  },
  start_assessment: { from: ['in_triage'], to: 'in_assessment', roles: ['hub_officer'], tell: focalPoints },
  decline: {
    from: ['in_triage', 'in_assessment'],
    to: 'declined',
    roles: ['hub_officer'],
    guard: ({ input }) => required(input.reason, 'reason'),
    clocks: stopAll,
    tell: focalPoints,
  },
  approve: {
    from: ['in_assessment'],
    to: 'matching',
    roles: ['hub_officer'],
    guard: assessedToProceed,
    clocks: stopAll,
    tell: focalPoints,
  },
  confirm_partners: {
    from: ['matching'],
    to: 'setup',
    roles: ['hub_officer'],
    guard: oneAcceptedLead,
    tell: focalPoints,
    tellPartners: true,
  },
  start_implementation: {
    from: ['setup'],
    to: 'in_implementation',
    roles: ['hub_officer'],
    guard: plannedAndFunded,
    tell: focalPoints,
    tellPartners: true,
  },
  complete: {
    from: ['in_implementation'],
    to: 'completed',
    roles: ['hub_officer', 'partner_officer'],
    guard: finalReportIn,
    tell: (r) => both(focalPoints(r), assigneeOrHub(r)),
    tellPartners: true,
  },
  close: {
    from: ['completed'],
    to: 'closed',
    roles: ['hub_officer'],
    guard: reconciled,
    tell: focalPoints,
    tellPartners: true,
  },
  withdraw: {
    from: BEFORE_IMPLEMENTATION,
    to: 'withdrawn',
    roles: ['focal_point'],
    guard: ({ input }) => required(input.reason, 'reason'),
    clocks: stopAll,
    tell: assigneeOrHub,
    tellPartners: true,
  },
};

/** The table as rows (for tests and documentation). */
export const TRANSITIONS = REQUEST_ACTIONS.map((action) => {
  const { from, to, roles } = REQUEST_WORKFLOW[action];
  return { action, from, to, roles };
});

export type Decision =
  | { ok: true; transition: { action: RequestAction; from: readonly RequestStatus[]; to: RequestStatus } }
  | { ok: false; reason: 'role'; allowed: RequestAction[] }
  | { ok: false; reason: 'state'; allowed: RequestAction[] };

/** Actions this role may take from this status, before guards. */
export function allowedActions(status: RequestStatus, role: Role | 'system'): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => {
    const step = REQUEST_WORKFLOW[a];
    return step.from.includes(status) && step.roles.includes(role as Role);
  });
}

/** Whether `role` may take `action` from `status`: 403 when the role never does, 409 when not now. */
export function decide(status: RequestStatus, action: RequestAction, role: Role | 'system'): Decision {
  const step = REQUEST_WORKFLOW[action];
  const allowed = allowedActions(status, role);
  if (!step.roles.includes(role as Role)) return { ok: false, reason: 'role', allowed };
  if (!step.from.includes(status)) return { ok: false, reason: 'state', allowed };
  return { ok: true, transition: { action, from: step.from, to: step.to } };
}

/** The step of `action` for this actor and request, or the 403/409 that refuses it. */
export function stepFor(r: SupportRequestEntity, action: RequestAction, actor: Actor): Step {
  const d = decide(r.status, action, actor.role);
  if (!d.ok && d.reason === 'role')
    throw RequestError('REQUEST_FORBIDDEN', `a ${actor.role} may not ${action} a request`, {
      allowedActions: d.allowed,
    });
  if (!d.ok)
    throw RequestError('REQUEST_INVALID_TRANSITION', `cannot ${action} a request that is ${r.status}`, {
      currentStatus: r.status,
      allowedActions: d.allowed,
    });
  return REQUEST_WORKFLOW[action];
}

/** What a transition may change: the status and what the workflow keeps, never the content. */
export type TransitionSet = Partial<
  Pick<
    SupportRequestEntity,
    | 'status'
    | 'statusChangedAt'
    | 'updatedAt'
    | 'submittedAt'
    | 'assigneeId'
    | 'triageDueAt'
    | 'triageEndedAt'
    | 'infoDueAt'
    | 'infoEndedAt'
    | 'assessmentDueAt'
    | 'assessmentEndedAt'
    | 'assessmentPausedAt'
    | 'dueAt'
    | 'overdueAt'
    | 'escalatedAt'
  >
>;

/** Everything `action` sets on `r`: the status, the assignee, the clocks and the due date they give. */
export function changesOf(
  action: RequestAction,
  r: SupportRequestEntity,
  outcome: StepOutcome,
  now: Date,
  sla: SlaConfig,
): TransitionSet {
  const set: TransitionSet = { status: REQUEST_WORKFLOW[action].to, statusChangedAt: now, updatedAt: now };
  if (action === 'submit') set.submittedAt = now;
  if (outcome.assigneeId) set.assigneeId = outcome.assigneeId;
  const clocks = clockChanges(action, r, now, sla);
  if (Object.keys(clocks).length) {
    Object.assign(set, clocks);
    const dueAt = nextDue({ ...r, ...clocks });
    // a new due date restarts the overdue scan for this request
    if (dueAt?.getTime() !== r.dueAt?.getTime()) Object.assign(set, { dueAt, overdueAt: null, escalatedAt: null });
  }
  return set;
}

/** The clock columns `action` changes (empty when none). */
export function clockChanges(action: RequestAction, r: SlaColumns, now: Date, sla: SlaConfig): Partial<SlaColumns> {
  return REQUEST_WORKFLOW[action].clocks?.(r, now, sla) ?? {};
}

export const isTerminal = (s: RequestStatus) => s === 'declined' || s === 'closed' || s === 'withdrawn';

/** A request's fields can be edited by its focal point in these states. */
export const EDITABLE: readonly RequestStatus[] = ['draft', 'info_requested'];
