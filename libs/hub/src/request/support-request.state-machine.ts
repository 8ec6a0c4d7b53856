import type { Role } from '@cbm/core';

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

export interface Transition {
  from: readonly RequestStatus[];
  action: RequestAction;
  to: RequestStatus;
  roles: readonly Role[];
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

/** The whole table of DESIGN.md ("The support request"). Guards live in the service. */
export const TRANSITIONS: readonly Transition[] = [
  { from: ['draft'], action: 'submit', to: 'submitted', roles: ['focal_point'] },
  { from: ['submitted'], action: 'start_triage', to: 'in_triage', roles: ['hub_officer'] },
  { from: ['in_triage'], action: 'request_info', to: 'info_requested', roles: ['hub_officer'] },
  { from: ['info_requested'], action: 'provide_info', to: 'in_triage', roles: ['focal_point'] },
  { from: ['in_triage'], action: 'start_assessment', to: 'in_assessment', roles: ['hub_officer'] },
  { from: ['in_triage', 'in_assessment'], action: 'decline', to: 'declined', roles: ['hub_officer'] },
  { from: ['in_assessment'], action: 'approve', to: 'matching', roles: ['hub_officer'] },
  { from: ['matching'], action: 'confirm_partners', to: 'setup', roles: ['hub_officer'] },
  { from: ['setup'], action: 'start_implementation', to: 'in_implementation', roles: ['hub_officer'] },
  { from: ['in_implementation'], action: 'complete', to: 'completed', roles: ['hub_officer', 'partner_officer'] },
  { from: ['completed'], action: 'close', to: 'closed', roles: ['hub_officer'] },
  { from: BEFORE_IMPLEMENTATION, action: 'withdraw', to: 'withdrawn', roles: ['focal_point'] },
];

export type Decision =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'role'; allowed: RequestAction[] }
  | { ok: false; reason: 'state'; allowed: RequestAction[] };

/** Actions this role may take from this status, before guards. */
export function allowedActions(status: RequestStatus, role: Role | 'system'): RequestAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(status) && t.roles.includes(role as Role)).map((t) => t.action);
}

export function decide(status: RequestStatus, action: RequestAction, role: Role | 'system'): Decision {
  const allowed = allowedActions(status, role);
  if (!TRANSITIONS.some((t) => t.action === action && t.roles.includes(role as Role)))
    return { ok: false, reason: 'role', allowed };
  const transition = TRANSITIONS.find(
    (t) => t.action === action && t.from.includes(status) && t.roles.includes(role as Role),
  );
  if (!transition) return { ok: false, reason: 'state', allowed };
  return { ok: true, transition };
}

export const isTerminal = (s: RequestStatus) => s === 'declined' || s === 'closed' || s === 'withdrawn';
