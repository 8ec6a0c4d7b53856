import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { RequestAssessmentEntity } from './request-assessment.entity';

@Injectable()
export class RequestAssessmentRepository {
  constructor(private readonly db: Database) {}

  private repo(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(RequestAssessmentEntity);
  }

  async nextVersion(m: EntityManager, requestId: string): Promise<number> {
    const row: { v: number | null } | undefined = await this.repo(m)
      .createQueryBuilder('a')
      .select('max(a.version)', 'v')
      .where('a.requestId = :requestId', { requestId })
      .getRawOne();
    return Number(row?.v ?? 0) + 1;
  }

  async insert(m: EntityManager, a: RequestAssessmentEntity): Promise<void> {
    await this.repo(m).insert(a);
  }

  all(requestId: string, m?: EntityManager): Promise<RequestAssessmentEntity[]> {
    return this.repo(m).find({ where: { requestId }, order: { version: 'ASC' } });
  }

  /** The version that counts: the last one whose assessor declared no conflict. */
  current(requestId: string, m?: EntityManager): Promise<RequestAssessmentEntity | null> {
    return this.repo(m).findOne({ where: { requestId, conflictOfInterest: false }, order: { version: 'DESC' } });
  }

  async declaredConflict(requestId: string, userId: string, m?: EntityManager): Promise<boolean> {
    return (await this.repo(m).count({ where: { requestId, assessorId: userId, conflictOfInterest: true } })) > 0;
  }
}
