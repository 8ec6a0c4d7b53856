import { type Actor, type Role, SYSTEM_ACTOR } from '@cbm/core';
import type { Audience } from '@cbm/notifications';
import type { KnowledgeItemEntity } from './knowledge-item.entity';
import { KnowledgeError } from './knowledge-item.errors';

/*
 * The knowledge item's workflow, top to bottom (README, "Workflow"): its states, its actions, who
 * may take each, what must hold first (the publisher is not the author; a reviewer with a declared
 * conflict of interest does not decide), what each changes besides the status (publication, the
 * public search projection) and who is told. The service applies it in one transaction; the
 * repository repeats the status and version check in SQL.
 */

export const KNOWLEDGE_KINDS = ['practice', 'evidence', 'initiative', 'tool', 'dataset', 'solution'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

export const KNOWLEDGE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];

export const KNOWLEDGE_ACTIONS = ['submit_for_review', 'publish', 'archive', 'return_to_draft'] as const;
export type KnowledgeAction = (typeof KNOWLEDGE_ACTIONS)[number];

/** Who writes items: hub officers, and partner officers (their own and their organisation's). */
export const KNOWLEDGE_AUTHORS: readonly Role[] = ['hub_officer', 'partner_officer'];
/** Who reviews, publishes, archives and returns items to draft. */
export const KNOWLEDGE_REVIEWERS: readonly Role[] = ['hub_officer', 'admin'];

const isAuthorRole = (role: Actor['role']): boolean => KNOWLEDGE_AUTHORS.some((r) => r === role);
const isReviewerRole = (role: Actor['role']): boolean => KNOWLEDGE_REVIEWERS.some((r) => r === role);

/** Content is edited while the item is not public. */
export const isEditable = (s: KnowledgeStatus) => s === 'draft' || s === 'in_review';

/** Who may edit an item and submit it: UN staff and the system any; a partner officer their own or their organisation's. */
export function mayEdit(actor: Actor, k: Pick<KnowledgeItemEntity, 'createdById' | 'organisationId'>): boolean {
  if (actor.role === 'hub_officer' || actor.role === 'admin' || actor.role === 'system') return true;
  return (
    actor.role === 'partner_officer' &&
    (k.createdById === actor.id || (!!actor.organisationId && k.organisationId === actor.organisationId))
  );
}

/** Who may write a new item. */
export const mayAuthor = (actor: Actor): boolean => isAuthorRole(actor.role);

/** Who may declare a review (conflict of interest or none) on an item. */
export const mayReview = (actor: Actor): boolean => isReviewerRole(actor.role);

/** The body of POST /knowledge/items/{id}/actions/{action}; which fields matter depends on the action. */
export interface StepInput {
  /** publish: the reviewer's declaration when none is on file (false, or true which blocks them). */
  conflictOfInterest?: boolean;
  note?: string;
  version?: number;
}

/** What a guard may read about the item, inside the transition's transaction. */
export interface KnowledgeReads {
  /** The reviewer's declaration on this item, if they made one. */
  declaration(reviewerId: string): Promise<{ conflictOfInterest: boolean } | null>;
  /** The personal-data findings in the item's text that nobody redacted or overrode. */
  openPersonalData(): Promise<
    readonly { id: string; field: string; kind: string; start: number; end: number; excerpt: string }[]
  >;
}

export interface GuardContext {
  item: KnowledgeItemEntity;
  actor: Actor;
  input: StepInput;
  reads: KnowledgeReads;
}

/** What a step records besides the status. */
export interface StepOutcome {
  /** A declaration of no conflict the reviewer makes with the publish (they had none on file). */
  declaration?: { conflictOfInterest: false; comment: string | null };
}

/** What a step does to the published projection (what every public read reads). */
export type ProjectionEffect = 'upsert' | 'remove' | null;

interface Step {
  from: readonly KnowledgeStatus[];
  to: KnowledgeStatus;
  roles: readonly (Role | 'system')[];
  /** Who among the role may take it on this item (403 otherwise). */
  may?: (actor: Actor, item: KnowledgeItemEntity) => boolean;
  /** What must hold besides state, role and version; throws the 409/422 that refuses it. */
  guard?: (c: GuardContext) => StepOutcome | Promise<StepOutcome>;
  /** Who is told (never the actor), from the item as it is after the step (nobody when null), and the notice's title. */
  tell?: { audience: (item: KnowledgeItemEntity) => Audience | null; title: string };
}

/* Audiences */
/** The author, when a person wrote the item (a solution drafted from a request has no person as author). */
const theAuthor = (k: KnowledgeItemEntity): Audience | null =>
  k.createdById && k.createdById !== SYSTEM_ACTOR.id ? { userIds: [k.createdById] } : null;

/* Guards */
/** The Network Hub's peer review: a declared conflict (on file, or in this very request) blocks the reviewer. */
async function noConflict({ actor, input, reads }: GuardContext): Promise<{ declared: boolean }> {
  const declared = await reads.declaration(actor.id);
  if (declared?.conflictOfInterest || input.conflictOfInterest === true)
    throw KnowledgeError(
      'KNOWLEDGE_CONFLICT_OF_INTEREST',
      'you declared a conflict of interest on this item: another reviewer must decide',
    );
  return { declared: !!declared };
}

/** The publisher is not the author, has no conflict, and has declared so (on file, or with this publish). */
async function reviewedByAnother(c: GuardContext): Promise<StepOutcome> {
  if (c.item.createdById === c.actor.id)
    throw KnowledgeError('KNOWLEDGE_PUBLISHER_IS_AUTHOR', 'the publisher must not be the author of the item');
  const { declared } = await noConflict(c);
  if (declared) return {};
  if (c.input.conflictOfInterest === undefined)
    throw KnowledgeError(
      'KNOWLEDGE_DECLARATION_REQUIRED',
      'declare whether you have a conflict of interest (conflictOfInterest: false) to publish',
      { fields: [{ field: 'conflictOfInterest', message: 'required to publish' }] },
    );
  return { declaration: { conflictOfInterest: false, comment: c.input.note ?? null } };
}

/**
 * Personal data never reaches the open: publishing waits until every finding in the item's text is
 * redacted (the text edited so the detector no longer finds it) or overridden by a reviewer with a reason.
 */
async function noOpenPersonalData({ reads }: GuardContext): Promise<void> {
  const findings = await reads.openPersonalData();
  if (findings.length)
    throw KnowledgeError(
      'PERSONAL_DATA_FOUND',
      `the item's text holds ${findings.length} unresolved personal-data finding(s): redact them or override each with a reason`,
      { findings },
    );
}

/** The publish guard: a reviewer other than the author, without conflict, and no open personal data. */
async function publishable(c: GuardContext): Promise<StepOutcome> {
  const outcome = await reviewedByAnother(c);
  await noOpenPersonalData(c);
  return outcome;
}

/** Returning an item under review is a review decision: a reviewer with a conflict does not take it. */
async function unconflictedWhileInReview(c: GuardContext): Promise<StepOutcome> {
  if (c.item.status === 'in_review') await noConflict(c);
  return {};
}

/** The whole table. */
export const KNOWLEDGE_WORKFLOW: Record<KnowledgeAction, Step> = {
  submit_for_review: {
    from: ['draft'],
    to: 'in_review',
    roles: ['hub_officer', 'partner_officer', 'admin', 'system'],
    may: mayEdit,
  },
  publish: {
    from: ['in_review'],
    to: 'published',
    roles: KNOWLEDGE_REVIEWERS,
    guard: publishable,
    tell: { audience: theAuthor, title: 'Your knowledge item was published' },
  },
  archive: {
    from: ['draft', 'in_review', 'published'],
    to: 'archived',
    roles: KNOWLEDGE_REVIEWERS,
    tell: { audience: theAuthor, title: 'Your knowledge item was archived' },
  },
  return_to_draft: {
    from: ['in_review', 'published', 'archived'],
    to: 'draft',
    roles: KNOWLEDGE_REVIEWERS,
    guard: unconflictedWhileInReview,
    tell: { audience: theAuthor, title: 'Your knowledge item was returned to draft' },
  },
};

export interface KnowledgeTransition {
  action: KnowledgeAction;
  from: readonly KnowledgeStatus[];
  to: KnowledgeStatus;
  roles: readonly (Role | 'system')[];
}

/** The table as rows (for tests and documentation). */
export const KNOWLEDGE_TRANSITIONS: readonly KnowledgeTransition[] = KNOWLEDGE_ACTIONS.map((action) => {
  const { from, to, roles } = KNOWLEDGE_WORKFLOW[action];
  return { action, from, to, roles };
});

export type KnowledgeDecision =
  { ok: true; transition: KnowledgeTransition } | { ok: false; reason: 'role' | 'state'; allowed: KnowledgeAction[] };

/** Actions this role may take from this status, before guards. */
export function allowedKnowledgeActions(status: KnowledgeStatus, role: Role | 'system'): KnowledgeAction[] {
  return KNOWLEDGE_ACTIONS.filter((a) => {
    const step = KNOWLEDGE_WORKFLOW[a];
    return step.from.includes(status) && step.roles.includes(role);
  });
}

/** Whether `role` may take `action` from `status`: 403 when the role never does, 409 when not now. */
export function decideKnowledge(
  status: KnowledgeStatus,
  action: KnowledgeAction,
  role: Role | 'system',
): KnowledgeDecision {
  const step = KNOWLEDGE_WORKFLOW[action];
  const allowed = allowedKnowledgeActions(status, role);
  if (!step.roles.includes(role)) return { ok: false, reason: 'role', allowed };
  if (!step.from.includes(status)) return { ok: false, reason: 'state', allowed };
  return { ok: true, transition: { action, from: step.from, to: step.to, roles: step.roles } };
}

/** The step of `action` for this actor and item, or the 403/409 that refuses it. */
export function stepFor(k: KnowledgeItemEntity, action: KnowledgeAction, actor: Actor): Step {
  const d = decideKnowledge(k.status, action, actor.role);
  if (!d.ok && d.reason === 'role')
    throw KnowledgeError('KNOWLEDGE_FORBIDDEN', `a ${actor.role} may not ${action} a knowledge item`, {
      allowedActions: d.allowed,
    });
  if (!d.ok)
    throw KnowledgeError('KNOWLEDGE_INVALID_TRANSITION', `cannot ${action} an item that is ${k.status}`, {
      currentStatus: k.status,
      allowedActions: d.allowed,
    });
  const step = KNOWLEDGE_WORKFLOW[action];
  if (step.may && !step.may(actor, k))
    throw KnowledgeError(
      'KNOWLEDGE_FORBIDDEN',
      `only the author, their organisation or hub officers ${action} an item`,
    );
  return step;
}

/** What a transition may change: the status and the publication, never the content. */
export type TransitionSet = Partial<
  Pick<KnowledgeItemEntity, 'status' | 'updatedAt' | 'publishedAt' | 'publishedById'>
>;

/** Everything `action` sets on the item: the status, and on publish who published it and when. */
export function changesOf(action: KnowledgeAction, actor: Actor, now: Date): TransitionSet {
  const set: TransitionSet = { status: KNOWLEDGE_WORKFLOW[action].to, updatedAt: now };
  if (action === 'publish') Object.assign(set, { publishedAt: now, publishedById: actor.id });
  return set;
}

/** The public projection follows publication: written when an item becomes public, removed when it stops being. */
export function projectionEffect(from: KnowledgeStatus, to: KnowledgeStatus): ProjectionEffect {
  if (to === 'published') return 'upsert';
  if (from === 'published') return 'remove';
  return null;
}
