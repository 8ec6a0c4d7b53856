import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import { InvitationStatus, RequestPartnerEntity } from './request-partner.entity';

/** Statuses in which a request counts as an organisation's current load. */
const ACTIVE_STATUSES = ['matching', 'setup', 'in_implementation'];

export interface InvitationFilter {
  organisationId?: string;
  status?: InvitationStatus;
}

@Injectable()
export class RequestPartnerRepository extends TransactionalRepository {
  private repo() {
    return this.manager.getRepository(RequestPartnerEntity);
  }

  async insert(p: RequestPartnerEntity): Promise<void> {
    await this.repo().insert(p);
  }

  findById(id: string): Promise<RequestPartnerEntity | null> {
    if (!id) return Promise.resolve(null);
    return this.repo().findOne({ where: { id } });
  }

  forRequest(requestId: string): Promise<RequestPartnerEntity[]> {
    return this.repo().find({ where: { requestId }, order: { id: 'ASC' } });
  }

  /** Pending and accepted invitations of a request. */
  active(requestId: string): Promise<RequestPartnerEntity[]> {
    return this.repo()
      .createQueryBuilder('p')
      .where("p.requestId = :requestId AND p.status IN ('pending', 'accepted')", { requestId })
      .orderBy('p.id', 'ASC')
      .getMany();
  }

  /** Newest first, keyset on id. */
  list(filter: InvitationFilter, beforeId: string | undefined, limit: number): Promise<RequestPartnerEntity[]> {
    const qb = this.repo().createQueryBuilder('p').orderBy('p.id', 'DESC').limit(limit);
    if (filter.organisationId) qb.andWhere('p.organisationId = :org', { org: filter.organisationId });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (beforeId) qb.andWhere('p.id < :beforeId', { beforeId });
    return qb.getMany();
  }

  /** Guarded status change: only from `from` and at the version read. */
  async respond(p: RequestPartnerEntity, from: InvitationStatus, set: Partial<RequestPartnerEntity>): Promise<boolean> {
    const res = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ ...(set as object), version: p.version + 1 })
      .where('id = :id AND status = :from AND version = :v', { id: p.id, from, v: p.version })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** The open invitations of a request lapse with it (withdrawn), in one statement. */
  async lapsePending(requestId: string, byId: string, at: Date): Promise<void> {
    await this.manager.query(
      `UPDATE request_partner SET status = 'withdrawn', responded_at = $2, responded_by_id = $3, version = version + 1
        WHERE request_id = $1 AND status = 'pending'`,
      [requestId, at, byId],
    );
  }

  /** Requests each organisation currently leads (accepted lead, request not finished). */
  async leadLoad(): Promise<Map<string, number>> {
    const rows: { organisation_id: string; n: string }[] = await this.manager.query(
      `SELECT p.organisation_id, count(*) AS n FROM request_partner p JOIN support_request r ON r.id = p.request_id
        WHERE p.role = 'lead' AND p.status = 'accepted' AND r.status = ANY($1) GROUP BY p.organisation_id`,
      [ACTIVE_STATUSES],
    );
    return new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
  }

  /**
   * Track record per organisation: requests it was an accepted partner on that reached
   * completion, and of those, how many had the organisation's final report (or the lead's)
   * in by the plan's last milestone date.
   */
  async trackRecord(): Promise<Map<string, { delivered: number; onTime: number }>> {
    const rows: { organisation_id: string; delivered: string; on_time: string }[] = await this.manager.query(
      `SELECT p.organisation_id, count(*) AS delivered,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM request_report f JOIN implementation_plan ip ON ip.request_id = f.request_id
                 WHERE f.request_id = r.id AND f.kind = 'final'
                   AND f.submitted_at::date <= (SELECT max((ms->>'dueDate')::date) FROM jsonb_array_elements(ip.milestones) ms))) AS on_time
         FROM request_partner p JOIN support_request r ON r.id = p.request_id
        WHERE p.status = 'accepted' AND r.status IN ('completed', 'closed')
        GROUP BY p.organisation_id`,
    );
    return new Map(rows.map((r) => [r.organisation_id, { delivered: Number(r.delivered), onTime: Number(r.on_time) }]));
  }
}
