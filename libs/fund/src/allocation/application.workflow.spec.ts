import fc from 'fast-check';
import { Actor, DomainError, ROLES } from '@cbm/core';
import type { RequestFacts } from '../ports';
import type { Cash } from './allocation.workflow';
import { FundApplicationEntity } from './application.entity';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  APPLICATION_WORKFLOW,
  ApplicationStatus,
  applicationStep,
  checkFiling,
  decideApplication,
  requestedAmount,
} from './application.workflow';

/** DESIGN.md's funding application, written out again by hand: the code must agree with it. */
const TABLE: [ApplicationStatus, string, ApplicationStatus, string][] = [
  ['submitted', 'propose', 'proposed', 'fund_manager'],
  ['rejected', 'propose', 'proposed', 'fund_manager'],
  ['proposed', 'approve', 'approved', 'steering_committee'],
  ['proposed', 'reject', 'rejected', 'steering_committee'],
];

const ROLES_AND_SYSTEM = [...ROLES, 'system'] as const;

const app = (status: ApplicationStatus): FundApplicationEntity =>
  Object.assign(new FundApplicationEntity(), {
    id: 'a',
    requestId: 'r',
    status,
    version: 3,
    countryCode: 'KEN',
    objectives: [21],
    organisationIds: [],
  });
const actor = (role: Actor['role'], id = 'u1'): Actor => ({ id, role });
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return { code: (err as DomainError).code, status: (err as DomainError).status };
  }
  return null;
};

describe('funding application workflow', () => {
  it('allows exactly the transitions of the table, for exactly its roles', () => {
    for (const status of APPLICATION_STATUSES)
      for (const action of APPLICATION_ACTIONS)
        for (const role of ROLES_AND_SYSTEM) {
          const row = TABLE.find(([s, a, , r]) => s === status && a === action && r === role);
          const d = decideApplication(status, action, role);
          expect({ status, action, role, ok: d.ok, to: d.ok ? d.to : undefined }).toEqual({
            status,
            action,
            role,
            ok: !!row,
            to: row?.[2],
          });
        }
  });

  it('refuses a role that never takes the action with 403, an action not possible now with 409', () => {
    expect(refusal(() => applicationStep(app('submitted'), 'propose', actor('steering_committee')))).toEqual({
      code: 'FUND_FORBIDDEN',
      status: 403,
    });
    expect(refusal(() => applicationStep(app('proposed'), 'propose', actor('fund_manager')))).toEqual({
      code: 'FUND_INVALID_STATE',
      status: 409,
    });
    expect(refusal(() => applicationStep(app('approved'), 'reject', actor('steering_committee')))).toEqual({
      code: 'FUND_INVALID_STATE',
      status: 409,
    });
    expect(applicationStep(app('rejected'), 'propose', actor('fund_manager')).to).toBe('proposed');
  });

  it('decides an application at most once, and only after a proposal, whatever the sequence (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ action: fc.constantFrom(...APPLICATION_ACTIONS), role: fc.constantFrom(...ROLES_AND_SYSTEM) }),
          { maxLength: 40 },
        ),
        (steps) => {
          let status: ApplicationStatus = 'submitted';
          let approvals = 0;
          let proposedSinceDecision = false;
          for (const { action, role } of steps) {
            const d = decideApplication(status, action, role);
            if (!d.ok) continue;
            if (d.to === 'approved' || d.to === 'rejected') {
              expect(proposedSinceDecision).toBe(true);
              proposedSinceDecision = false;
            }
            if (d.to === 'proposed') proposedSinceDecision = true;
            if (d.to === 'approved') approvals++;
            status = d.to;
          }
          expect(approvals).toBeLessThanOrEqual(1);
          if (approvals) expect(status).toBe('approved');
        },
      ),
    );
  });

  it('an approved application is final', () => {
    for (const role of ROLES_AND_SYSTEM)
      for (const action of APPLICATION_ACTIONS) expect(decideApplication('approved', action, role).ok).toBe(false);
  });

  it('proposing looks at the unallocated money without locking it, and refuses what it cannot cover (422)', async () => {
    const locks: boolean[] = [];
    const cash =
      (pool: bigint) =>
      async (lock: boolean): Promise<Cash> => {
        locks.push(lock);
        return { pool, earmarked: [] };
      };
    const guard = APPLICATION_WORKFLOW.propose.guard!;
    const c = { application: app('submitted'), actor: actor('fund_manager'), amount: 1000n };
    await expect(guard({ ...c, reads: { cash: cash(1000n) } })).resolves.toBeUndefined();
    await expect(guard({ ...c, reads: { cash: cash(999n) } })).rejects.toMatchObject({
      code: 'FUND_INSUFFICIENT_FUNDS',
      status: 422,
      details: { shortBy: '1' },
    });
    expect(locks).toEqual([false, false]);
  });

  it('files for a request in set-up without an application, by a hub officer', () => {
    const facts: RequestFacts = {
      id: 'r',
      reference: 'CBM-2026-KEN-0001',
      title: 't',
      status: 'setup',
      countryCode: 'KEN',
      objectives: [21],
      leadOrganisationId: null,
      organisationIds: [],
    };
    const hub = actor('hub_officer');
    expect(checkFiling(hub, facts, false)).toBe(facts);
    expect(refusal(() => checkFiling(actor('fund_manager'), facts, false))).toMatchObject({ status: 403 });
    expect(refusal(() => checkFiling(hub, null, false))).toEqual({ code: 'FUND_NOT_FOUND', status: 404 });
    expect(refusal(() => checkFiling(hub, { ...facts, status: 'matching' }, false))).toEqual({
      code: 'FUND_REQUEST_NOT_IN_SETUP',
      status: 409,
    });
    expect(refusal(() => checkFiling(hub, facts, true))).toEqual({ code: 'FUND_APPLICATION_EXISTS', status: 409 });
  });

  it.each([
    [{ amount: '100', currency: 'USD' }, 100n, null],
    [{ amount: '101', currency: 'USD' }, 100n, 'FUND_CEILING_EXCEEDED'],
    [{ amount: '50', currency: 'EUR' }, 100n, 'FUND_INVALID_FIELD'],
  ])('asks for %j under a ceiling of %s: %s', (amount, ceiling, code) => {
    if (code) expect(refusal(() => requestedAmount(amount, ceiling))).toMatchObject({ code });
    else expect(requestedAmount(amount, ceiling)).toBe(100n);
  });
});
