import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import { RequestReportEntity, ReportStatus } from './request-report.entity';

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

  find(requestId: string, id: string): Promise<RequestReportEntity | null> {
    return this.repo().findOne({ where: { requestId, id } });
  }

  /** A report by its id alone (a document attached to it names only the report). */
  byId(id: string): Promise<RequestReportEntity | null> {
    return this.repo().findOne({ where: { id } });
  }

  /**
   * The review, guarded in SQL: the report moves only while it is still submitted (false: someone else
   * reviewed it first, and nothing was written).
   */
  async review(
    r: RequestReportEntity,
    set: { status: Exclude<ReportStatus, 'submitted'>; reviewedById: string; reviewedAt: Date; reviewReason: string },
  ): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `WITH changed AS (UPDATE request_report SET status = $2, reviewed_by_id = $3, reviewed_at = $4, review_reason = $5
         WHERE id = $1 AND status = 'submitted' RETURNING id) SELECT id FROM changed`,
      [r.id, set.status, set.reviewedById, set.reviewedAt, set.reviewReason],
    );
    return rows.length === 1;
  }

  /** The request's final report the hub accepted (the latest, should there be more than one). */
  acceptedFinal(requestId: string): Promise<RequestReportEntity | null> {
    return this.repo().findOne({ where: { requestId, kind: 'final', status: 'accepted' }, order: { id: 'DESC' } });
  }

  latestFinal(requestId: string): Promise<RequestReportEntity | null> {
    return this.repo().findOne({ where: { requestId, kind: 'final' }, order: { id: 'DESC' } });
  }

  /**
   * Reports of these requests in the given statuses, in period order (end date, then submission), for
   * results: each carries its indicator actuals.
   */
  withStatus(requestIds: string[], statuses: ReportStatus[]): Promise<RequestReportEntity[]> {
    if (!requestIds.length || !statuses.length) return Promise.resolve([]);
    return this.repo()
      .createQueryBuilder('r')
      .where('r.requestId IN (:...requestIds) AND r.status IN (:...statuses)', { requestIds, statuses })
      .orderBy('r.periodEnd', 'ASC', 'NULLS FIRST')
      .addOrderBy('r.submittedAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
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
