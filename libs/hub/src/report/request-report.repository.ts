import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import { RequestReportEntity } from './request-report.entity';

@Injectable()
export class RequestReportRepository extends TransactionalRepository {
  private repo() {
    return this.manager.getRepository(RequestReportEntity);
  }

  async insert(r: RequestReportEntity): Promise<void> {
    await this.repo().insert(r);
  }

  list(requestId: string, afterId: string | undefined, limit: number): Promise<RequestReportEntity[]> {
    const qb = this.repo()
      .createQueryBuilder('r')
      .where('r.requestId = :requestId', { requestId })
      .orderBy('r.id', 'ASC')
      .limit(limit);
    if (afterId) qb.andWhere('r.id > :afterId', { afterId });
    return qb.getMany();
  }

  latestFinal(requestId: string): Promise<RequestReportEntity | null> {
    return this.repo().findOne({ where: { requestId, kind: 'final' }, order: { id: 'DESC' } });
  }

  /** Whether a report of this request was submitted on or after the date (YYYY-MM-DD) less `days`. */
  async submittedSince(requestId: string, since: Date): Promise<boolean> {
    return (
      (await this.repo()
        .createQueryBuilder('r')
        .where('r.requestId = :requestId AND r.submittedAt >= :since', { requestId, since })
        .getCount()) > 0
    );
  }

  /** Reports of these requests submitted before `before`, in submission order (for statements "as of" a moment). */
  submittedBefore(requestIds: string[], before: Date): Promise<RequestReportEntity[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return this.repo()
      .createQueryBuilder('r')
      .where('r.requestId IN (:...requestIds) AND r.submittedAt < :before', { requestIds, before })
      .orderBy('r.submittedAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }
}
