import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import type { AssessmentMarkers } from '../ports';
import { RequestAssessmentEntity } from './request-assessment.entity';

@Injectable()
export class RequestAssessmentRepository extends TransactionalRepository {
  private repo() {
    return this.manager.getRepository(RequestAssessmentEntity);
  }

  async nextVersion(requestId: string): Promise<number> {
    const row: { v: number | null } | undefined = await this.repo()
      .createQueryBuilder('a')
      .select('max(a.version)', 'v')
      .where('a.requestId = :requestId', { requestId })
      .getRawOne();
    return Number(row?.v ?? 0) + 1;
  }

  async insert(a: RequestAssessmentEntity): Promise<void> {
    await this.repo().insert(a);
  }

  all(requestId: string): Promise<RequestAssessmentEntity[]> {
    return this.repo().find({ where: { requestId }, order: { version: 'ASC' } });
  }

  /** The version that counts: the last one whose assessor declared no conflict. */
  current(requestId: string): Promise<RequestAssessmentEntity | null> {
    return this.repo().findOne({ where: { requestId, conflictOfInterest: false }, order: { version: 'DESC' } });
  }

  /** The markers of the version that counts, for each of the requests that has one. */
  currentMarkers(requestIds: string[]): Promise<({ requestId: string } & AssessmentMarkers)[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return this.manager.query(
      `SELECT DISTINCT ON (request_id) request_id AS "requestId", gender_marker AS "genderMarker",
              human_rights_marker AS "humanRightsMarker", child_sensitivity_marker AS "childSensitivityMarker"
         FROM request_assessment
        WHERE request_id = ANY($1::uuid[]) AND NOT conflict_of_interest
        ORDER BY request_id, version DESC`,
      [requestIds],
    );
  }

  async declaredConflict(requestId: string, userId: string): Promise<boolean> {
    return (await this.repo().count({ where: { requestId, assessorId: userId, conflictOfInterest: true } })) > 0;
  }
}
