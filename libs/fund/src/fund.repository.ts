import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager, In } from 'typeorm';
import { FundAllocationEntity } from './allocation/allocation.entity';
import { FundApplicationEntity } from './allocation/application.entity';
import { FundDecisionEntity } from './allocation/decision.entity';
import { FundTrancheEntity } from './allocation/tranche.entity';
import { FundContributionEntity } from './contribution/contribution.entity';
import { FundDepositEntity } from './contribution/deposit.entity';
import { FundRefundEntity } from './contribution/refund.entity';
import { FundExpenditureEntity } from './transfer/expenditure.entity';
import { FundTransferEntity } from './transfer/transfer.entity';

/** Every query on the fund's own tables (the journal's are in LedgerRepository). */
@Injectable()
export class FundRepository {
  constructor(private readonly db: Database) {}

  private mgr(m?: EntityManager) {
    return m ?? this.db.manager;
  }

  insert<T extends object>(m: EntityManager, entity: new () => T, row: T): Promise<unknown> {
    return m.getRepository(entity).insert(row as never);
  }

  contribution(id: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundContributionEntity).findOne({ where: { id } });
  }

  contributions(
    filter: { contributorId?: string | null; ids?: string[] },
    afterId?: string,
    limit = 1000,
    m?: EntityManager,
  ) {
    const qb = this.mgr(m)
      .getRepository(FundContributionEntity)
      .createQueryBuilder('c')
      .orderBy('c.id', 'ASC')
      .limit(limit);
    if (filter.contributorId) qb.andWhere('c.contributorId = :cid', { cid: filter.contributorId });
    if (filter.ids)
      qb.andWhere('c.id IN (:...ids)', {
        ids: filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000'],
      });
    if (afterId) qb.andWhere('c.id > :afterId', { afterId });
    return qb.getMany();
  }

  deposits(contributionIds: string[], m?: EntityManager) {
    if (!contributionIds.length) return Promise.resolve([]);
    return this.mgr(m)
      .getRepository(FundDepositEntity)
      .find({ where: { contributionId: In(contributionIds) }, order: { id: 'ASC' } });
  }

  deposit(id: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundDepositEntity).findOne({ where: { id } });
  }

  refunds(contributionIds: string[], m?: EntityManager) {
    if (!contributionIds.length) return Promise.resolve([]);
    return this.mgr(m)
      .getRepository(FundRefundEntity)
      .find({ where: { contributionId: In(contributionIds) }, order: { id: 'ASC' } });
  }

  application(id: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundApplicationEntity).findOne({ where: { id } });
  }

  applicationByRequest(requestId: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundApplicationEntity).findOne({ where: { requestId } });
  }

  applications(ids?: string[], m?: EntityManager) {
    if (ids && !ids.length) return Promise.resolve([]);
    return this.mgr(m)
      .getRepository(FundApplicationEntity)
      .find({ where: ids ? { id: In(ids) } : {}, order: { id: 'ASC' } });
  }

  async updateApplication(m: EntityManager, id: string, set: Partial<FundApplicationEntity>) {
    await m.getRepository(FundApplicationEntity).update({ id }, set as never);
  }

  allocation(id: string, m?: EntityManager, lock = false) {
    const qb = this.mgr(m).getRepository(FundAllocationEntity).createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  allocations(filter: { status?: string; requestId?: string; applicationId?: string } = {}, m?: EntityManager) {
    return this.mgr(m)
      .getRepository(FundAllocationEntity)
      .find({ where: { ...filter } as never, order: { id: 'ASC' } });
  }

  /** Guarded status change: `WHERE status = :from`. */
  async transitionAllocation(
    m: EntityManager,
    id: string,
    from: string,
    set: Partial<FundAllocationEntity>,
  ): Promise<boolean> {
    const res = await m
      .getRepository(FundAllocationEntity)
      .createQueryBuilder()
      .update()
      .set({ ...set, version: () => '"version" + 1' } as never)
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  async setTransferred(m: EntityManager, id: string, transferred: bigint) {
    await m.query(`UPDATE "fund_allocation" SET "transferred_amount" = $2, "version" = "version" + 1 WHERE "id" = $1`, [
      id,
      transferred.toString(),
    ]);
  }

  tranches(allocationIds: string[], m?: EntityManager) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.mgr(m)
      .getRepository(FundTrancheEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { allocationId: 'ASC', seq: 'ASC' } });
  }

  async releaseTranche(
    m: EntityManager,
    id: string,
    set: Pick<FundTrancheEntity, 'releasedAt' | 'releasedById' | 'evidenceRef'>,
  ): Promise<boolean> {
    const res = await m
      .getRepository(FundTrancheEntity)
      .createQueryBuilder()
      .update()
      .set(set as never)
      .where('id = :id AND released_at IS NULL', { id })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  decisions(afterId: string | undefined, limit: number, m?: EntityManager) {
    const qb = this.mgr(m)
      .getRepository(FundDecisionEntity)
      .createQueryBuilder('d')
      .orderBy('d.id', 'DESC')
      .limit(limit);
    if (afterId) qb.andWhere('d.id < :afterId', { afterId });
    return qb.getMany();
  }

  decisionsFor(allocationIds: string[], m?: EntityManager) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.mgr(m)
      .getRepository(FundDecisionEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  transfer(id: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundTransferEntity).findOne({ where: { id } });
  }

  transfers(allocationIds: string[], m?: EntityManager) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.mgr(m)
      .getRepository(FundTransferEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  transfersTo(organisationId: string, m?: EntityManager) {
    return this.mgr(m)
      .getRepository(FundTransferEntity)
      .find({ where: { organisationId }, order: { id: 'ASC' } });
  }

  async markTransferReversed(m: EntityManager, id: string) {
    await m.getRepository(FundTransferEntity).update({ id }, { reversed: true });
  }

  expenditures(allocationIds: string[], m?: EntityManager) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.mgr(m)
      .getRepository(FundExpenditureEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  /** Per allocation, how much each earmarked contribution or the pool put into it (from the allocation entries). */
  async allocationSources(
    m?: EntityManager,
  ): Promise<
    { allocationId: string; kind: 'cash_pool' | 'cash_earmarked'; contributionId: string | null; amount: bigint }[]
  > {
    const rows: {
      allocation_id: string;
      kind: 'cash_pool' | 'cash_earmarked';
      contribution_id: string | null;
      amount: string;
    }[] = await this.mgr(m).query(
      `SELECT e."subject_id" AS "allocation_id", l."kind", l."contribution_id", -SUM(l."amount") AS "amount"
         FROM "journal_entry" e JOIN "journal_line" l ON l."entry_id" = e."id"
        WHERE e."kind" = 'allocation' AND l."kind" IN ('cash_pool', 'cash_earmarked')
        GROUP BY e."subject_id", l."kind", l."contribution_id"`,
    );
    return rows.map((r) => ({
      allocationId: r.allocation_id,
      kind: r.kind,
      contributionId: r.contribution_id,
      amount: BigInt(r.amount),
    }));
  }

  /** Approved allocations with their request facts and ledger figures, aggregated in SQL (the summary's hot path). */
  async summaryProjects(page: { afterId?: string; limit?: number } = {}, m?: EntityManager): Promise<SummaryProject[]> {
    const rows: Record<string, string | number[] | Date | null | number>[] = await this.mgr(m).query(
      `SELECT a."id", a."duration_months", COALESCE(a."decided_at", a."proposed_at") AS "started_at", p."request_id", p."request_reference", p."title", p."country_code", p."objectives",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'allocation'), 0)::text AS "left",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'transfer'), 0)::text AS "unspent",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'expenditure'), 0)::text AS "spent"
         FROM "fund_allocation" a
         JOIN "fund_application" p ON p."id" = a."application_id"
         LEFT JOIN "fund_balance" b ON b."allocation_id" = a."id" AND b."currency" = 'USD'
        WHERE a."status" = 'approved' AND ($1::uuid IS NULL OR a."id" > $1::uuid)
        GROUP BY a."id", p."id"
        ORDER BY a."id"
        LIMIT $2`,
      [page.afterId ?? null, page.limit ?? null],
    );
    return rows.map((r) => {
      const spent = BigInt(r.spent as string);
      const transferred = BigInt(r.unspent as string) + spent;
      return {
        allocationId: r.id as string,
        durationMonths: r.duration_months as number,
        startedAt: new Date(r.started_at as Date),
        requestId: r.request_id as string,
        reference: r.request_reference as string,
        title: r.title as string,
        countryCode: (r.country_code as string).trim(),
        objectives: r.objectives as number[],
        allocated: BigInt(r.left as string) + transferred,
        transferred,
        spent,
      };
    });
  }

  /** Transferred and spent per organisation, from the balance table. */
  async summaryOrganisations(
    m?: EntityManager,
  ): Promise<{ organisationId: string; transferred: bigint; spent: bigint }[]> {
    const rows: { organisation_id: string; unspent: string; spent: string }[] = await this.mgr(m).query(
      `SELECT "organisation_id", COALESCE(SUM("balance") FILTER (WHERE "kind" = 'transfer'), 0)::text AS "unspent", COALESCE(SUM("balance") FILTER (WHERE "kind" = 'expenditure'), 0)::text AS "spent"
         FROM "fund_balance" WHERE "kind" IN ('transfer', 'expenditure') AND "currency" = 'USD' GROUP BY "organisation_id"`,
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      transferred: BigInt(r.unspent) + BigInt(r.spent),
      spent: BigInt(r.spent),
    }));
  }

  /** Each contribution's balances by kind (original currency and USD), for the donor totals. */
  async summaryContributions(m?: EntityManager): Promise<SummaryContribution[]> {
    const rows: Record<string, string>[] = await this.mgr(m).query(
      `SELECT c."id", c."contributor_id", c."currency", c."earmark_type",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'pledged' AND b."currency" = c."currency"), 0)::text AS "pledged",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'receivable' AND b."currency" = c."currency"), 0)::text AS "receivable",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'deposit_clearing' AND b."currency" = 'USD'), 0)::text AS "clearing_usd",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'admin_fee'), 0)::text AS "fee",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'refund'), 0)::text AS "refund",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'cash_earmarked'), 0)::text AS "earmarked_cash"
         FROM "fund_contribution" c LEFT JOIN "fund_balance" b ON b."contribution_id" = c."id"
        GROUP BY c."id" ORDER BY c."id"`,
    );
    return rows.map((r) => {
      const currency = r.currency.trim();
      const deposited = -BigInt(r.pledged) - BigInt(r.receivable);
      const depositedUsd = currency === 'USD' ? deposited : -BigInt(r.clearing_usd);
      const fee = BigInt(r.fee);
      const refunded = BigInt(r.refund);
      return {
        id: r.id,
        contributorId: r.contributor_id,
        earmarkType: r.earmark_type,
        depositedUsd,
        adminFeeUsd: fee,
        refundedUsd: refunded,
        netUsd: depositedUsd - fee - refunded,
        earmarkedCash: BigInt(r.earmarked_cash),
      };
    });
  }

  async unallocatedCash(m?: EntityManager): Promise<bigint> {
    const [r] = await this.mgr(m).query(
      `SELECT COALESCE(SUM("balance"), 0)::text AS "s" FROM "fund_balance" WHERE "kind" IN ('cash_pool', 'cash_earmarked') AND "currency" = 'USD'`,
    );
    return BigInt(r.s);
  }

  /** Applications with no approved allocation: the pipeline. */
  unfundedApplications(m?: EntityManager) {
    return this.mgr(m)
      .getRepository(FundApplicationEntity)
      .createQueryBuilder('p')
      .where(
        `NOT EXISTS (SELECT 1 FROM "fund_allocation" a WHERE a."application_id" = p."id" AND a."status" = 'approved')`,
      )
      .orderBy('p.id', 'ASC')
      .getMany();
  }
}

export interface SummaryProject {
  allocationId: string;
  durationMonths: number;
  startedAt: Date;
  requestId: string;
  reference: string;
  title: string;
  countryCode: string;
  objectives: number[];
  allocated: bigint;
  transferred: bigint;
  spent: bigint;
}

export interface SummaryContribution {
  id: string;
  contributorId: string;
  earmarkType: string;
  depositedUsd: bigint;
  adminFeeUsd: bigint;
  refundedUsd: bigint;
  netUsd: bigint;
  earmarkedCash: bigint;
}
