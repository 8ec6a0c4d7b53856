import type { FundApplicationEntity } from '../allocation/application.entity';
import { Cash, eligibleEarmarks, planSources } from '../allocation/allocation.workflow';

/*
 * What a proposal would do to the fund, computed the way approval draws the money
 * (allocation.workflow.ts: the matching earmarks with money left, oldest first, then the pool), and
 * who must step aside. Pure, so the brief, the pack and approval cannot disagree.
 */

export interface EarmarkDraw {
  contributionId: string;
  before: bigint;
  draw: bigint;
  after: bigint;
}

export interface FundImpact {
  /** Approval now would find the money (else it is refused, 422 FUND_INSUFFICIENT_FUNDS). */
  sufficient: boolean;
  shortBy: bigint;
  /** Pool and every earmarked balance, before and after the draw. */
  unallocatedBefore: bigint;
  unallocatedAfter: bigint;
  poolBefore: bigint;
  poolAfter: bigint;
  /** The matching earmarks in the order approval draws them; `draw` 0 for those it would not reach. */
  earmarks: EarmarkDraw[];
}

export function fundImpact(
  cash: Cash,
  app: Pick<FundApplicationEntity, 'countryCode' | 'objectives'>,
  amount: bigint,
): FundImpact {
  const eligible = eligibleEarmarks(cash, app);
  const { sources, shortBy } = planSources(amount, eligible, cash.pool);
  const drawn = (contributionId?: string) =>
    -sources
      .filter((s) => (contributionId ? s.contributionId === contributionId : s.kind === 'cash_pool'))
      .reduce((sum, s) => sum + s.amount, 0n);
  const unallocatedBefore = cash.pool + cash.earmarked.reduce((s, e) => s + e.available, 0n);
  const sufficient = shortBy === 0n;
  const earmarks = [...eligible]
    .sort((a, b) => (a.contributionId < b.contributionId ? -1 : 1))
    .map((e) => {
      const draw = sufficient ? drawn(e.contributionId) : 0n;
      return { contributionId: e.contributionId, before: e.available, draw, after: e.available - draw };
    });
  const poolDraw = sufficient ? drawn() : 0n;
  return {
    sufficient,
    shortBy,
    unallocatedBefore,
    unallocatedAfter: sufficient ? unallocatedBefore - amount : unallocatedBefore,
    poolBefore: cash.pool,
    poolAfter: cash.pool - poolDraw,
    earmarks,
  };
}

export interface Conflicts {
  implementingOrganisationIds: string[];
  /** Active steering-committee members whose organisation implements the request: they must recuse. */
  conflictedMemberIds: string[];
  recusedMemberIds: string[];
}

/** What the caller may do about the proposal, from the same facts the approval's guards check. */
export interface CallerPosition {
  isProposer: boolean;
  /** Their organisation implements the request: they must recuse (approval would answer 403). */
  mustRecuse: boolean;
  recused: boolean;
  mayDecide: boolean;
}

export function callerPosition(
  caller: { id: string; role: string; organisationId: string | null },
  allocation: { status: string; proposedById: string; recusedIds: string[] },
  implementers: string[],
): CallerPosition {
  const member = caller.role === 'steering_committee';
  const isProposer = allocation.proposedById === caller.id;
  const recused = allocation.recusedIds.includes(caller.id);
  const mustRecuse = member && !!caller.organisationId && implementers.includes(caller.organisationId) && !recused;
  const conflicted = !!caller.organisationId && implementers.includes(caller.organisationId);
  return {
    isProposer,
    mustRecuse,
    recused,
    mayDecide: member && allocation.status === 'proposed' && !isProposer && !recused && !conflicted,
  };
}
