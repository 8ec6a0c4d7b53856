import fc from 'fast-check';
import { ROLES } from '@cbm/core';
import {
  allowedActions,
  decide,
  isTerminal,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  RequestStatus,
  TRANSITIONS,
} from './support-request.workflow';

/** DESIGN.md's table, written out again by hand: the code must agree with it. */
const TABLE: [RequestStatus, string, RequestStatus, string[]][] = [
  ['draft', 'submit', 'submitted', ['focal_point']],
  ['submitted', 'start_triage', 'in_triage', ['hub_officer']],
  ['in_triage', 'request_info', 'info_requested', ['hub_officer']],
  ['info_requested', 'provide_info', 'in_triage', ['focal_point']],
  ['in_triage', 'start_assessment', 'in_assessment', ['hub_officer']],
  ['in_triage', 'decline', 'declined', ['hub_officer']],
  ['in_assessment', 'decline', 'declined', ['hub_officer']],
  ['in_assessment', 'approve', 'matching', ['hub_officer']],
  ['matching', 'confirm_partners', 'setup', ['hub_officer']],
  ['setup', 'start_implementation', 'in_implementation', ['hub_officer']],
  ['in_implementation', 'complete', 'completed', ['hub_officer', 'partner_officer']],
  ['completed', 'close', 'closed', ['hub_officer']],
  ...(
    ['draft', 'submitted', 'in_triage', 'info_requested', 'in_assessment', 'matching', 'setup'] as RequestStatus[]
  ).map((s) => [s, 'withdraw', 'withdrawn', ['focal_point']] as [RequestStatus, string, RequestStatus, string[]]),
];

describe('support request state machine', () => {
  it('allows exactly the transitions of the DESIGN table', () => {
    for (const status of REQUEST_STATUSES) {
      for (const action of REQUEST_ACTIONS) {
        for (const role of ROLES) {
          const row = TABLE.find(([s, a, , roles]) => s === status && a === action && roles.includes(role));
          const d = decide(status, action, role);
          expect({ status, action, role, ok: d.ok, to: d.ok ? d.transition.to : undefined }).toEqual({
            status,
            action,
            role,
            ok: !!row,
            to: row?.[2],
          });
        }
      }
    }
  });

  it('refuses for the role (403) when the role never takes the action, for the state (409) otherwise', () => {
    expect(decide('draft', 'approve', 'focal_point')).toMatchObject({ ok: false, reason: 'role' });
    expect(decide('draft', 'approve', 'hub_officer')).toMatchObject({ ok: false, reason: 'state', allowed: [] });
    expect(decide('in_triage', 'approve', 'hub_officer')).toMatchObject({
      ok: false,
      reason: 'state',
      allowed: ['request_info', 'start_assessment', 'decline'],
    });
  });

  it('has no way out of terminal states', () => {
    for (const s of REQUEST_STATUSES.filter(isTerminal))
      for (const role of ROLES) expect(allowedActions(s, role)).toEqual([]);
  });

  it('never reaches a state the table does not allow, whatever the sequence of actions and roles (property)', () => {
    const reachable = new Set<RequestStatus>(['draft', ...TRANSITIONS.map((t) => t.to)]);
    fc.assert(
      fc.property(
        fc.array(fc.record({ action: fc.constantFrom(...REQUEST_ACTIONS), role: fc.constantFrom(...ROLES) }), {
          maxLength: 60,
        }),
        (steps) => {
          let status: RequestStatus = 'draft';
          for (const { action, role } of steps) {
            const d = decide(status, action, role);
            const row = TABLE.find(([s, a, , roles]) => s === status && a === action && roles.includes(role));
            expect(d.ok).toBe(!!row);
            if (d.ok) {
              expect(allowedActions(status, role)).toContain(action);
              status = d.transition.to;
            } else {
              expect(allowedActions(status, role)).not.toContain(action);
            }
            expect(reachable.has(status)).toBe(true);
            if (isTerminal(status)) expect(ROLES.flatMap((r) => allowedActions(status, r))).toEqual([]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
