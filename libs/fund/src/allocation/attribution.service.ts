import { Injectable } from '@nestjs/common';
import { newId } from '@cbm/core';
import { FundError } from '../fund.errors';
import type { FundTx } from '../fund-unit-of-work';
import { contributionFigures } from '../reporting/figures';
import { attributePooled, ContributionAmount, returnPooled } from './attribution';
import { AttributionKind, FundAttributionEntity } from './attribution.entity';

type Tx = Pick<FundTx, 'ledger' | 'attribution'>;

/**
 * Tracing that never rewrites the past: an allocation's pool-funded part is attributed once, at
 * approval, to the pooled (unearmarked) contributions in proportion to what each had unallocated at
 * that moment, and stored (`fund_allocation_attribution`, append-only). Money an allocation returns
 * to the pool goes back to the contributions in proportion to the allocation's attribution, stored
 * too. A pooled contribution's unallocated money at any moment is then its deposits net of fee, less
 * its refunds, less what is attributed to it net of returns; over all pooled contributions that is
 * the `cash_pool` balance.
 *
 * Every writer here runs after its transaction holds the `cash_pool` balance row (approvals lock it
 * FOR UPDATE; deposits, refunds, reversals and returns UPDATE it): two of them never read the same
 * unallocated dollars.
 */
@Injectable()
export class AttributionService {
  /** Each pooled contribution's unallocated money now (USD minor units), oldest contribution first. */
  async pooledUnallocated(tx: Tx): Promise<ContributionAmount[]> {
    const pooled = await tx.attribution.pooledContributions();
    const balances = await tx.ledger.balancesFor(
      'contribution',
      pooled.map((c) => c.id),
    );
    const attributed = new Map(
      (await tx.attribution.attributedByContribution()).map((a) => [a.contributionId, a.amount]),
    );
    return pooled.map((c) => ({
      contributionId: c.id,
      amount:
        contributionFigures(
          c.currency,
          balances.filter((b) => b.contributionId === c.id),
        ).netUsd - (attributed.get(c.id) ?? 0n),
    }));
  }

  /** One pooled contribution's unallocated money now. */
  async unallocatedOf(tx: Tx, contributionId: string): Promise<bigint> {
    return (await this.pooledUnallocated(tx)).find((c) => c.contributionId === contributionId)?.amount ?? 0n;
  }

  /**
   * At approval, after the cash rows are locked and the allocation entry posted: the pooled part
   * attributed and stored. The parts add up to `pooled` exactly.
   */
  async attributeApproval(
    tx: Tx,
    allocationId: string,
    pooled: bigint,
    entry: { id: string; recordedAt: Date },
  ): Promise<ContributionAmount[]> {
    if (pooled <= 0n) return [];
    const unallocated = await this.pooledUnallocated(tx);
    const parts = this.split(() => attributePooled(pooled, unallocated), 'the pooled contributions');
    await tx.attribution.insert(parts.map((p) => this.row(allocationId, 'allocation', p.amount, p, entry)));
    return parts;
  }

  /**
   * Money an allocation gives back to the pool (the pooled part of an `allocation_return` entry:
   * Cr allocation:<alloc>, Dr cash_pool), booked back to the contributions in proportion to what
   * the allocation holds attributed to each, stored as negative rows. Call it in the transaction
   * that posts the return entry, with the allocation row locked (so two returns of one allocation
   * queue); `returned` may not exceed the allocation's attribution net of earlier returns (422).
   */
  async returnToPool(
    tx: Tx,
    allocationId: string,
    returned: bigint,
    entry: { id: string; recordedAt: Date },
  ): Promise<ContributionAmount[]> {
    if (returned <= 0n) return [];
    const attributed = await tx.attribution.attributionOf(allocationId);
    const parts = this.split(() => returnPooled(returned, attributed), "the allocation's pooled attribution");
    await tx.attribution.insert(parts.map((p) => this.row(allocationId, 'return', -p.amount, p, entry)));
    return parts;
  }

  /** After a refund or a reversal took pooled money: the contribution may not have given more than it had unallocated. */
  async assertCovered(tx: Tx, contributionId: string): Promise<void> {
    const left = await this.unallocatedOf(tx, contributionId);
    if (left < 0n)
      throw FundError(
        'FUND_INSUFFICIENT_FUNDS',
        "the contribution's pooled money is already allocated; only what it has unallocated can be taken back",
        { available: '0' },
      );
  }

  private split(f: () => ContributionAmount[], holders: string) {
    try {
      return f();
    } catch (err) {
      if (err instanceof RangeError)
        throw FundError('FUND_INSUFFICIENT_FUNDS', `${holders} do not hold enough: ${err.message}`);
      throw err;
    }
  }

  private row(
    allocationId: string,
    kind: AttributionKind,
    amount: bigint,
    p: ContributionAmount,
    entry: { id: string; recordedAt: Date },
  ) {
    return Object.assign(new FundAttributionEntity(), {
      id: newId(),
      allocationId,
      contributionId: p.contributionId,
      kind,
      amount: amount.toString(),
      entryId: entry.id,
      recordedAt: entry.recordedAt,
    });
  }
}
