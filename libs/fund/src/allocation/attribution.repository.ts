import { Injectable } from '@nestjs/common';
import { Database, EntityRows, TransactionalRepository, WriteBatch } from '@cbm/core';
import { FundAttributionEntity } from './attribution.entity';
import { ContributionAmount } from './attribution';

/** The stored attribution of pooled money to allocations (append-only), and the journal reads tracing needs. */
@Injectable()
export class AttributionRepository extends TransactionalRepository {
  private readonly rows: EntityRows<FundAttributionEntity>;

  constructor(db: Database) {
    super(db);
    this.rows = new EntityRows(db.dataSource, FundAttributionEntity, 'x');
  }

  async insert(rows: FundAttributionEntity[]): Promise<void> {
    if (!rows.length) return;
    const batch = new WriteBatch();
    this.rows.insert(batch, rows);
    await batch.execute(this.manager);
  }

  /** The pooled (unearmarked) contributions, oldest first. */
  async pooledContributions(): Promise<{ id: string; currency: string }[]> {
    const rows: { id: string; currency: string }[] = await this.manager.query(
      `SELECT "id", trim("currency") AS "currency" FROM "fund_contribution" WHERE "earmark_type" = 'none' ORDER BY "id"`,
    );
    return rows;
  }

  /** What is attributed to each contribution, net of returns (recorded before `before` when given). */
  async attributedByContribution(before?: Date): Promise<ContributionAmount[]> {
    const rows: { contribution_id: string; amount: string }[] = await this.manager.query(
      `SELECT "contribution_id", SUM("amount")::text AS "amount" FROM "fund_allocation_attribution"
        ${before ? 'WHERE "recorded_at" < $1' : ''} GROUP BY "contribution_id"`,
      before ? [before] : [],
    );
    return rows.map((r) => ({ contributionId: r.contribution_id, amount: BigInt(r.amount) }));
  }

  /** What an allocation holds attributed to each contribution, net of returns. */
  async attributionOf(allocationId: string): Promise<ContributionAmount[]> {
    const rows: { contribution_id: string; amount: string }[] = await this.manager.query(
      `SELECT "contribution_id", SUM("amount")::text AS "amount" FROM "fund_allocation_attribution"
        WHERE "allocation_id" = $1 GROUP BY "contribution_id" ORDER BY "contribution_id"`,
      [allocationId],
    );
    return rows.map((r) => ({ contributionId: r.contribution_id, amount: BigInt(r.amount) }));
  }

  /** A pooled contribution's attribution per allocation, from the rows recorded before `before`. */
  async pooledDraws(contributionId: string, before: Date): Promise<{ allocationId: string; amount: bigint }[]> {
    const rows: { allocation_id: string; amount: string }[] = await this.manager.query(
      `SELECT "allocation_id", SUM("amount")::text AS "amount" FROM "fund_allocation_attribution"
        WHERE "contribution_id" = $1 AND "recorded_at" < $2 GROUP BY "allocation_id" ORDER BY "allocation_id"`,
      [contributionId, before],
    );
    return rows.map((r) => ({ allocationId: r.allocation_id, amount: BigInt(r.amount) }));
  }

  /**
   * An earmarked contribution's money per allocation, straight from the journal: what the
   * allocation entries drew on `cash_earmarked:<contribution>`, less what returns
   * (`allocation_return` entries) put back there, recorded before `before`.
   */
  async earmarkedDraws(contributionId: string, before: Date): Promise<{ allocationId: string; amount: bigint }[]> {
    const rows: { allocation_id: string; amount: string }[] = await this.manager.query(
      `SELECT a."allocation_id", (-SUM(l."amount"))::text AS "amount"
         FROM "journal_line" l
         JOIN "journal_entry" e ON e."id" = l."entry_id"
         JOIN "journal_line" a ON a."entry_id" = e."id" AND a."kind" = 'allocation'
        WHERE l."kind" = 'cash_earmarked' AND l."contribution_id" = $1 AND e."kind" IN ('allocation', 'allocation_return')
          AND e."recorded_at" < $2
        GROUP BY a."allocation_id" ORDER BY a."allocation_id"`,
      [contributionId, before],
    );
    return rows.map((r) => ({ allocationId: r.allocation_id, amount: BigInt(r.amount) }));
  }
}
