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

  contributions(filter: { contributorId?: string | null; ids?: string[] }, afterId?: string, limit = 1000, m?: EntityManager) {
    const qb = this.mgr(m).getRepository(FundContributionEntity).createQueryBuilder('c').orderBy('c.id', 'ASC').limit(limit);
    if (filter.contributorId) qb.andWhere('c.contributorId = :cid', { cid: filter.contributorId });
    if (filter.ids) qb.andWhere('c.id IN (:...ids)', { ids: filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000'] });
    if (afterId) qb.andWhere('c.id > :afterId', { afterId });
    return qb.getMany();
  }

  deposits(contributionIds: string[], m?: EntityManager) {
    if (!contributionIds.length) return Promise.resolve([]);
    return this.mgr(m).getRepository(FundDepositEntity).find({ where: { contributionId: In(contributionIds) }, order: { id: 'ASC' } });
  }

  deposit(id: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundDepositEntity).findOne({ where: { id } });
  }

  refunds(contributionIds: string[], m?: EntityManager) {
    if (!contributionIds.length) return Promise.resolve([]);
    return this.mgr(m).getRepository(FundRefundEntity).find({ where: { contributionId: In(contributionIds) }, order: { id: 'ASC' } });
  }

  application(id: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundApplicationEntity).findOne({ where: { id } });
  }

  applicationByRequest(requestId: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundApplicationEntity).findOne({ where: { requestId } });
  }

  applications(ids?: string[], m?: EntityManager) {
    if (ids && !ids.length) return Promise.resolve([]);
    return this.mgr(m).getRepository(FundApplicationEntity).find({ where: ids ? { id: In(ids) } : {}, order: { id: 'ASC' } });
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
    return this.mgr(m).getRepository(FundAllocationEntity).find({ where: { ...filter } as never, order: { id: 'ASC' } });
  }

  /** Guarded status change: `WHERE status = :from`. */
  async transitionAllocation(m: EntityManager, id: string, from: string, set: Partial<FundAllocationEntity>): Promise<boolean> {
    const res = await m.getRepository(FundAllocationEntity).createQueryBuilder().update().set({ ...set, version: () => '"version" + 1' } as never).where('id = :id AND status = :from', { id, from }).execute();
    return (res.affected ?? 0) === 1;
  }

  async setTransferred(m: EntityManager, id: string, transferred: bigint) {
    await m.query(`UPDATE "fund_allocation" SET "transferred_amount" = $2, "version" = "version" + 1 WHERE "id" = $1`, [id, transferred.toString()]);
  }

  tranches(allocationIds: string[], m?: EntityManager) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.mgr(m).getRepository(FundTrancheEntity).find({ where: { allocationId: In(allocationIds) }, order: { allocationId: 'ASC', seq: 'ASC' } });
  }

  async releaseTranche(m: EntityManager, id: string, set: Pick<FundTrancheEntity, 'releasedAt' | 'releasedById' | 'evidenceRef'>): Promise<boolean> {
    const res = await m.getRepository(FundTrancheEntity).createQueryBuilder().update().set(set as never).where('id = :id AND released_at IS NULL', { id }).execute();
    return (res.affected ?? 0) === 1;
  }

  decisions(afterId: string | undefined, limit: number, m?: EntityManager) {
    const qb = this.mgr(m).getRepository(FundDecisionEntity).createQueryBuilder('d').orderBy('d.id', 'DESC').limit(limit);
    if (afterId) qb.andWhere('d.id < :afterId', { afterId });
    return qb.getMany();
  }

  decisionsFor(allocationIds: string[], m?: EntityManager) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.mgr(m).getRepository(FundDecisionEntity).find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  transfer(id: string, m?: EntityManager) {
    return this.mgr(m).getRepository(FundTransferEntity).findOne({ where: { id } });
  }

  transfers(allocationIds: string[], m?: EntityManager) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.mgr(m).getRepository(FundTransferEntity).find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  async markTransferReversed(m: EntityManager, id: string) {
    await m.getRepository(FundTransferEntity).update({ id }, { reversed: true });
  }

  expenditures(allocationIds: string[], m?: EntityManager) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.mgr(m).getRepository(FundExpenditureEntity).find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  /** Per allocation, how much each earmarked contribution or the pool put into it (from the allocation entries). */
  async allocationSources(m?: EntityManager): Promise<{ allocationId: string; kind: 'cash_pool' | 'cash_earmarked'; contributionId: string | null; amount: bigint }[]> {
    const rows: { allocation_id: string; kind: 'cash_pool' | 'cash_earmarked'; contribution_id: string | null; amount: string }[] = await this.mgr(m).query(
      `SELECT e."subject_id" AS "allocation_id", l."kind", l."contribution_id", -SUM(l."amount") AS "amount"
         FROM "journal_entry" e JOIN "journal_line" l ON l."entry_id" = e."id"
        WHERE e."kind" = 'allocation' AND l."kind" IN ('cash_pool', 'cash_earmarked')
        GROUP BY e."subject_id", l."kind", l."contribution_id"`,
    );
    return rows.map((r) => ({ allocationId: r.allocation_id, kind: r.kind, contributionId: r.contribution_id, amount: BigInt(r.amount) }));
  }
}
