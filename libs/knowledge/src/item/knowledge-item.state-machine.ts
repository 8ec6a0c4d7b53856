import type { Role } from '@cbm/core';

export const KNOWLEDGE_KINDS = ['practice', 'evidence', 'initiative', 'tool', 'dataset', 'solution'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

export const KNOWLEDGE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];

export const KNOWLEDGE_ACTIONS = ['submit_for_review', 'publish', 'archive', 'return_to_draft'] as const;
export type KnowledgeAction = (typeof KNOWLEDGE_ACTIONS)[number];

export const KNOWLEDGE_AUTHORS: readonly Role[] = ['hub_officer', 'partner_officer'];
const REVIEWERS: readonly Role[] = ['hub_officer', 'admin'];

export interface KnowledgeTransition {
  from: readonly KnowledgeStatus[];
  action: KnowledgeAction;
  to: KnowledgeStatus;
  roles: readonly (Role | 'system')[];
}

/** The workflow. Guards (the publisher is not the author, no declared conflict) live in the service. */
export const KNOWLEDGE_TRANSITIONS: readonly KnowledgeTransition[] = [
  {
    from: ['draft'],
    action: 'submit_for_review',
    to: 'in_review',
    roles: ['hub_officer', 'partner_officer', 'admin', 'system'],
  },
  { from: ['in_review'], action: 'publish', to: 'published', roles: REVIEWERS },
  { from: ['draft', 'in_review', 'published'], action: 'archive', to: 'archived', roles: REVIEWERS },
  { from: ['in_review', 'published', 'archived'], action: 'return_to_draft', to: 'draft', roles: REVIEWERS },
];

export type KnowledgeDecision =
  { ok: true; transition: KnowledgeTransition } | { ok: false; reason: 'role' | 'state'; allowed: KnowledgeAction[] };

export function allowedKnowledgeActions(status: KnowledgeStatus, role: Role | 'system'): KnowledgeAction[] {
  return KNOWLEDGE_TRANSITIONS.filter((t) => t.from.includes(status) && t.roles.includes(role)).map((t) => t.action);
}

export function decideKnowledge(
  status: KnowledgeStatus,
  action: KnowledgeAction,
  role: Role | 'system',
): KnowledgeDecision {
  const allowed = allowedKnowledgeActions(status, role);
  if (!KNOWLEDGE_TRANSITIONS.some((t) => t.action === action && t.roles.includes(role)))
    return { ok: false, reason: 'role', allowed };
  const transition = KNOWLEDGE_TRANSITIONS.find(
    (t) => t.action === action && t.from.includes(status) && t.roles.includes(role),
  );
  return transition ? { ok: true, transition } : { ok: false, reason: 'state', allowed };
}

/** Content can be edited while the item is not public. */
export const isEditable = (s: KnowledgeStatus) => s === 'draft' || s === 'in_review';
