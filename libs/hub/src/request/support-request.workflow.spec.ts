import type { Actor, DomainError } from '@cbm/core';
import type { SupportRequestEntity } from './support-request.entity';
import {
  allowedActions,
  decide,
  GuardContext,
  REQUEST_STATUSES,
  REQUEST_WORKFLOW,
  RequestReads,
  TRANSITIONS,
} from './support-request.workflow';

describe('support request state machine', () => {
  it.each([
    ['draft', 'focal_point', ['submit', 'withdraw']],
    ['submitted', 'hub_officer', ['start_triage']],
    ['in_triage', 'hub_officer', ['request_info', 'start_assessment', 'decline']],
    ['info_requested', 'focal_point', ['provide_info', 'withdraw']],
    ['in_assessment', 'hub_officer', ['decline', 'approve']],
    ['in_implementation', 'partner_officer', ['complete']],
    ['in_implementation', 'focal_point', []],
    ['closed', 'hub_officer', []],
  ] as const)('from %s a %s may %j', (status, role, expected) => {
    expect(allowedActions(status, role).sort()).toEqual([...expected].sort());
  });

  it('tells a role that may never act from an action not allowed now', () => {
    expect(decide('draft', 'start_triage', 'focal_point')).toMatchObject({ ok: false, reason: 'role' });
    expect(decide('draft', 'start_triage', 'hub_officer')).toMatchObject({ ok: false, reason: 'state', allowed: [] });
    expect(decide('submitted', 'start_triage', 'hub_officer')).toMatchObject({
      ok: true,
      transition: { to: 'in_triage' },
    });
  });

  it('withdraw is possible before implementation only', () => {
    const from = TRANSITIONS.find((t) => t.action === 'withdraw')!.from;
    expect(from).not.toContain('in_implementation');
    expect(from).toContain('setup');
  });

  it('terminal states allow nothing', () => {
    for (const s of ['declined', 'closed', 'withdrawn'] as const)
      for (const role of ['focal_point', 'hub_officer', 'partner_officer', 'admin'] as const)
        expect(allowedActions(s, role)).toEqual([]);
    expect(REQUEST_STATUSES).toHaveLength(12);
  });

  it.each([
    // funded, operationally closed, financially closed, transfers reconciled → what close answers
    [false, true, true, true, null],
    [true, false, false, true, 'operationalClosure'],
    [true, true, false, true, 'financialClosure'],
    [true, true, true, true, null],
    [false, true, true, false, 'reconciliation'],
  ])(
    'close of a request funded=%s, operationally closed=%s, financially closed=%s, reconciled=%s: %s missing',
    async (funded, operationallyClosed, financiallyClosed, reconciled, missing) => {
      const unread = () => Promise.reject(new Error('close does not read this'));
      const reads: RequestReads = {
        person: unread,
        declaredConflict: unread,
        currentAssessment: unread,
        partners: unread,
        plan: unread,
        approvedFunding: unread,
        latestFinalReport: unread,
        fundClosure: async () => ({ funded, operationallyClosed, financiallyClosed }),
        transfersReconciled: async () => reconciled,
      };
      const c = { request: {} as SupportRequestEntity, actor: {} as Actor, input: {}, reads } as GuardContext;
      const got = await Promise.resolve(REQUEST_WORKFLOW.close.guard!(c)).then(
        () => null,
        (e: DomainError) => `${e.code}:${e.details.missing}`,
      );
      expect(got).toBe(missing && `REQUEST_GUARD_FAILED:${missing}`);
    },
  );
});
