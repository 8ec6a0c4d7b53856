import { Injectable } from '@nestjs/common';
import { Actor } from '@cbm/core';
import { FundTx } from '../fund-unit-of-work';
import type { Posting } from '../ledger/ledger';
import { JournalEntryEntity } from '../ledger/journal-entry.entity';
import { LedgerService } from '../ledger/ledger.service';
import { FundAllocationEntity } from './allocation.entity';
import { drawPlan } from './allocation.workflow';
import { AttributionService } from './attribution.service';
import { FundApplicationEntity } from './application.entity';

export interface Draw {
  allocation: FundAllocationEntity;
  application: FundApplicationEntity;
  /** How much more the allocation takes from the unallocated money (its amount at approval, a top-up). */
  amount: bigint;
  /** The steering committee's decision the entry cites. */
  reference: string;
  memo: string;
}

/**
 * The one place allocated money leaves the unallocated cash: an allocation's approval and a revision's
 * top-up both draw here. The cash balance rows are locked in key order, matching earmarked
 * contributions are drawn first (oldest first), then the pool (allocation.workflow.ts `drawPlan`),
 * 422 `FUND_INSUFFICIENT_FUNDS` when the money is not there; then one journal entry of kind
 * `allocation` (Cr cash_earmarked / cash_pool, Dr allocation) whose subject is the allocation; its
 * pooled part is attributed to the pooled contributions there and then, in journal order, under the
 * same locks (attribution.service.ts).
 */
@Injectable()
export class AllocationFunding {
  constructor(
    private readonly ledger: LedgerService,
    private readonly attribution: AttributionService,
  ) {}

  async draw(tx: FundTx, actor: Actor, d: Draw): Promise<{ entry: JournalEntryEntity; sources: Posting[] }> {
    const sources = await drawPlan(tx.allocationReads(d.allocation, d.application), d.application, d.amount);
    const entry = await this.ledger.post(tx, actor, {
      kind: 'allocation',
      reference: d.reference,
      memo: d.memo,
      subjectId: d.allocation.id,
      lines: [...sources, { kind: 'allocation', allocationId: d.allocation.id, amount: d.amount, currency: 'USD' }],
    });
    const pooled = -sources.filter((s) => s.kind === 'cash_pool').reduce((sum, l) => sum + l.amount, 0n);
    await this.attribution.attributeApproval(tx, d.allocation.id, pooled, entry);
    return { entry, sources };
  }
}
