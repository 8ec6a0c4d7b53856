import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { RequestReportEntity } from './request-report.entity';

@Injectable()
export class RequestReportRepository {
  constructor(private readonly db: Database) {}

  private repo(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(RequestReportEntity);
  }

  async insert(m: EntityManager, r: RequestReportEntity): Promise<void> {
    await this.repo(m).insert(r);
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

  latestFinal(requestId: string, m?: EntityManager): Promise<RequestReportEntity | null> {
    return this.repo(m).findOne({ where: { requestId, kind: 'final' }, order: { id: 'DESC' } });
  }

  /** Whether a report of this request was submitted on or after the date (YYYY-MM-DD) less `days`. */
  async submittedSince(m: EntityManager, requestId: string, since: Date): Promise<boolean> {
    return (
      (await this.repo(m)
        .createQueryBuilder('r')
        .where('r.requestId = :requestId AND r.submittedAt >= :since', { requestId, since })
        .getCount()) > 0
    );
  }
}
