import fc from 'fast-check';
import { Cash, Earmark, fundFrom } from '../allocation/allocation.workflow';
import { callerPosition, fundImpact } from './brief';

const KEN = { countryCode: 'KEN', objectives: [21] };
const earmarkOf = (country: string | null, objectives: number[]): Earmark => ({
  earmarkType: country ? 'country' : objectives.length ? 'objectives' : 'none',
  earmarkCountry: country,
  earmarkObjectives: objectives,
});
const earmark = (id: string, available: bigint, country: string | null, objectives: number[] = []) => ({
  contributionId: id,
  available,
  earmark: earmarkOf(country, objectives),
});

describe('the fund impact of a proposal', () => {
  const cash: Cash = {
    pool: 1_000_000n,
    earmarked: [
      earmark('0002', 300n, 'KEN'),
      earmark('0001', 200n, null, [21]),
      earmark('0003', 5_000n, 'MEX'), // not for KEN
    ],
  };

  it('draws matching earmarks oldest first, then the pool', () => {
    const i = fundImpact(cash, KEN, 1_000n);
    expect(i.sufficient).toBe(true);
    expect(i.earmarks.map((e) => [e.contributionId, e.before, e.draw, e.after])).toEqual([
      ['0001', 200n, 200n, 0n],
      ['0002', 300n, 300n, 0n],
    ]);
    expect([i.poolBefore, i.poolAfter]).toEqual([1_000_000n, 999_500n]);
    expect([i.unallocatedBefore, i.unallocatedAfter]).toEqual([1_005_500n, 1_004_500n]);
  });

  it('reaches only as far as the amount', () => {
    const i = fundImpact(cash, KEN, 150n);
    expect(i.earmarks.map((e) => e.draw)).toEqual([150n, 0n]);
    expect(i.poolAfter).toBe(i.poolBefore);
  });

  it('says when approval would be refused, and draws nothing then', () => {
    const i = fundImpact(cash, KEN, 2_000_000n);
    expect(i.sufficient).toBe(false);
    expect(i.shortBy).toBe(2_000_000n - 1_000_500n);
    expect(i.unallocatedAfter).toBe(i.unallocatedBefore);
    expect(i.earmarks.every((e) => e.draw === 0n)).toBe(true);
  });

  it('agrees with what approval posts, whatever the balances', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 5_000n }), fc.constantFrom('KEN', 'MEX', null)), { maxLength: 6 }),
        fc.bigInt({ min: 1n, max: 30_000n }),
        (pool, marks, amount) => {
          const c: Cash = {
            pool,
            earmarked: marks.map(([a, country], k) => earmark(String(k).padStart(4, '0'), a, country)),
          };
          const i = fundImpact(c, KEN, amount);
          let posted: { contributionId?: string | null; kind: string; amount: bigint }[];
          try {
            posted = fundFrom(c, KEN, amount);
          } catch {
            return !i.sufficient;
          }
          const told = [
            ...i.earmarks.filter((e) => e.draw > 0n).map((e) => ['e', e.contributionId, -e.draw]),
            ...(i.poolBefore > i.poolAfter ? [['p', undefined, i.poolAfter - i.poolBefore]] : []),
          ];
          const lines = posted.map((p) => [p.kind === 'cash_pool' ? 'p' : 'e', p.contributionId, p.amount]);
          return i.sufficient && JSON.stringify(told, big) === JSON.stringify(lines, big);
        },
      ),
    );
  });
});

describe("the caller's position", () => {
  const proposal = { status: 'proposed', proposedById: 'fm', recusedIds: [] as string[] };
  const member = (id: string, organisationId: string | null = null) => ({
    id,
    role: 'steering_committee',
    organisationId,
  });

  it('a member outside the implementers may decide', () => {
    expect(callerPosition(member('a'), proposal, ['iom'])).toEqual({
      isProposer: false,
      mustRecuse: false,
      recused: false,
      mayDecide: true,
    });
  });

  it('a member of an implementing organisation must recuse, then has recused', () => {
    expect(callerPosition(member('a', 'iom'), proposal, ['iom'])).toMatchObject({ mustRecuse: true, mayDecide: false });
    expect(callerPosition(member('a', 'iom'), { ...proposal, recusedIds: ['a'] }, ['iom'])).toMatchObject({
      mustRecuse: false,
      recused: true,
      mayDecide: false,
    });
  });

  it('nobody decides their own proposal, a decided one, or without the role', () => {
    expect(callerPosition(member('fm'), proposal, []).mayDecide).toBe(false);
    expect(callerPosition(member('a'), { ...proposal, status: 'approved' }, []).mayDecide).toBe(false);
    expect(callerPosition({ id: 'x', role: 'fund_manager', organisationId: null }, proposal, []).mayDecide).toBe(false);
  });
});

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
