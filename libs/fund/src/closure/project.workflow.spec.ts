import fc from 'fast-check';
import { Actor, DomainError, Role, ROLES } from '@cbm/core';
import { PROJECT_STAGES, ProjectStage } from '../allocation/allocation.entity';
import {
  checkMoneyMayFlow,
  checkReconciled,
  checkReturn,
  PROJECT_ACTIONS,
  PROJECT_WORKFLOW,
  ProjectAction,
  projectStep,
  releaseLines,
  Source,
} from './project.workflow';

/** The project's life as the README writes it, again by hand: the code must agree with it. */
const TABLE: [ProjectStage, ProjectAction, ProjectStage, string][] = [
  ['open', 'suspend', 'suspended', 'fund_manager'],
  ['suspended', 'resume', 'open', 'fund_manager'],
  ['suspended', 'cancel', 'cancelled', 'steering_committee'],
  ['open', 'close_operationally', 'operationally_closed', 'fund_manager'],
  ['operationally_closed', 'close_financially', 'closed', 'fund_manager'],
  ['cancelled', 'close_financially', 'closed', 'fund_manager'],
];

const actor = (role: Role): Actor => ({ id: 'u', role, organisationId: null });
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('the project workflow', () => {
  it('is exactly the table: every other stage, action and role is refused (409 or 403)', () => {
    for (const stage of PROJECT_STAGES)
      for (const action of PROJECT_ACTIONS)
        for (const role of ROLES) {
          const row = TABLE.find(([from, a, , r]) => from === stage && a === action && r === role);
          const got = code(() => projectStep({ status: 'approved', stage }, action, actor(role)));
          if (row) {
            expect(got).toBeNull();
            expect(PROJECT_WORKFLOW[action].to).toBe(row[2]);
          } else
            expect(got).toBe(PROJECT_WORKFLOW[action].roles.includes(role) ? 'FUND_INVALID_STATE' : 'FUND_FORBIDDEN');
        }
    expect(code(() => projectStep({ status: 'proposed', stage: 'open' }, 'suspend', actor('fund_manager')))).toBe(
      'FUND_INVALID_STATE',
    );
  });

  it('lets money flow to partners only while open; never returns more than is held', () => {
    expect(code(() => checkMoneyMayFlow({ stage: 'open' }))).toBeNull();
    for (const stage of PROJECT_STAGES.filter((s) => s !== 'open'))
      expect(code(() => checkMoneyMayFlow({ stage }))).toBe('FUND_INVALID_STATE');
    expect(code(() => checkReturn(100n, 100n))).toBeNull();
    expect(code(() => checkReturn(101n, 100n))).toBe('FUND_RETURN_EXCEEDED');
  });

  it('releases to the sources in the proportions the approval drew them, pool first for the cents', () => {
    const sources: Source[] = [
      { kind: 'cash_earmarked', contributionId: 'c2', drawn: 600n, released: 0n },
      { kind: 'cash_pool', contributionId: null, drawn: 400n, released: 0n },
    ];
    expect(releaseLines('al', 333n, sources)).toEqual([
      { kind: 'cash_pool', contributionId: null, amount: 134n, currency: 'USD' },
      { kind: 'cash_earmarked', contributionId: 'c2', amount: 199n, currency: 'USD' },
      { kind: 'allocation', allocationId: 'al', amount: -333n, currency: 'USD' },
    ]);
    expect(releaseLines('al', 0n, sources)).toEqual([]);
  });

  it('property: releases in any number of steps balance, and no source ever gets back more than it gave', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10_000_000n }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (drawn, cuts) => {
          const sources: Source[] = drawn.map((d, i) => ({
            kind: i === 0 ? 'cash_pool' : 'cash_earmarked',
            contributionId: i === 0 ? null : `c${i}`,
            drawn: d,
            released: 0n,
          }));
          const total = drawn.reduce((s, d) => s + d, 0n);
          let left = total;
          for (const cut of cuts) {
            const amount = BigInt(Math.floor(Number(left) * cut));
            const lines = releaseLines('al', amount, sources);
            expect(lines.reduce((s, l) => s + l.amount, 0n)).toBe(0n);
            for (const l of lines.filter((x) => x.kind !== 'allocation')) {
              const s = sources.find((x) => x.kind === l.kind && x.contributionId === l.contributionId)!;
              s.released += l.amount;
              expect(s.released).toBeLessThanOrEqual(s.drawn);
            }
            left -= amount;
          }
          // what is left goes back whole: each source has then got exactly what it gave
          releaseLines('al', left, sources)
            .filter((l) => l.kind !== 'allocation')
            .forEach(
              (l) =>
                (sources.find((x) => x.kind === l.kind && x.contributionId === l.contributionId)!.released += l.amount),
            );
          for (const s of sources) expect(s.released).toBe(s.drawn);
        },
      ),
    );
  });

  it('reconciles: statement in, certifying what was reported spent, transferred = spent + returned', () => {
    const org = {
      organisationId: 'o',
      transferred: 1000n,
      spent: 700n,
      returned: 300n,
      unspent: 0n,
      statementSpent: 700n,
    };
    expect(code(() => checkReconciled([org]))).toBeNull();
    expect(code(() => checkReconciled([{ ...org, statementSpent: null }]))).toBe('FUND_NOT_RECONCILED');
    expect(code(() => checkReconciled([{ ...org, statementSpent: 650n }]))).toBe('FUND_NOT_RECONCILED');
    expect(code(() => checkReconciled([{ ...org, returned: 200n, unspent: 100n }]))).toBe('FUND_NOT_RECONCILED');
    expect(
      code(() =>
        checkReconciled([
          { organisationId: 'x', transferred: 0n, spent: 0n, returned: 0n, unspent: 0n, statementSpent: null },
        ]),
      ),
    ).toBeNull();
  });
});
