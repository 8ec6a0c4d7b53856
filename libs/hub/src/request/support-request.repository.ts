import { Injectable } from '@nestjs/common';
import { Actor, Database } from '@cbm/core';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import { RequestTimelineEntryEntity } from './request-timeline.entity';
import { SupportRequestEntity } from './support-request.entity';
import { RequestStatus } from './support-request.state-machine';

export interface RequestFilter {
  status?: RequestStatus[];
  countryCode?: string;
  objective?: number;
  assigneeId?: string;
  /** With a running service-level clock past its due date at `now`. */
  overdue?: boolean;
  now?: Date;
}

/** Keyset position: newest first by id, or by due date (the triage queue; undated last). */
export type RequestSort = { by: 'newest'; afterId?: string } | { by: 'due'; after?: { dueAt: string | null; id: string } };

/** What a transition may change besides status' version. */
export type TransitionSet = Partial<
  Pick<
    SupportRequestEntity,
    'status' | 'statusChangedAt' | 'updatedAt' | 'submittedAt' | 'assigneeId' | 'triageDueAt' | 'triageEndedAt' | 'infoDueAt' | 'infoEndedAt' | 'assessmentDueAt' | 'assessmentEndedAt' | 'assessmentPausedAt' | 'dueAt' | 'overdueAt' | 'escalatedAt'
  >
>;

const TRANSITION_COLUMNS: Record<keyof TransitionSet, string> = {
  status: 'status', statusChangedAt: 'status_changed_at', updatedAt: 'updated_at', submittedAt: 'submitted_at', assigneeId: 'assignee_id',
  triageDueAt: 'triage_due_at', triageEndedAt: 'triage_ended_at', infoDueAt: 'info_due_at', infoEndedAt: 'info_ended_at',
  assessmentDueAt: 'assessment_due_at', assessmentEndedAt: 'assessment_ended_at', assessmentPausedAt: 'assessment_paused_at',
  dueAt: 'due_at', overdueAt: 'overdue_at', escalatedAt: 'escalated_at',
};

/** A partner of a request, as the facts of its events need it. */
export interface PartnerFact {
  organisationId: string;
  role: string;
  status: string;
}

@Injectable()
export class SupportRequestRepository {
  constructor(private readonly db: Database) {}

  private requests(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(SupportRequestEntity);
  }

  /**
   * Object-level scope, in one place: focal points see their country's requests; partner
   * officers those their organisation was invited to; UN and fund staff all but drafts.
   */
  applyScope(qb: SelectQueryBuilder<SupportRequestEntity>, actor: Actor, alias = 'r'): SelectQueryBuilder<SupportRequestEntity> {
    switch (actor.role) {
      case 'focal_point':
        return qb.andWhere(`${alias}.countryCode = :scopeCountry`, { scopeCountry: actor.countryCode ?? '---' });
      case 'hub_officer':
      case 'admin':
      case 'fund_manager':
      case 'steering_committee':
        return qb.andWhere(`${alias}.status <> 'draft'`);
      case 'partner_officer':
        return qb.andWhere(
          `${alias}.status <> 'draft' AND EXISTS (SELECT 1 FROM request_partner rp WHERE rp.request_id = ${alias}.id AND rp.organisation_id = :scopeOrg AND rp.status IN ('pending', 'accepted'))`,
          { scopeOrg: actor.organisationId ?? '00000000-0000-0000-0000-000000000000' },
        );
      default:
        return qb.andWhere('1 = 0');
    }
  }

  findScoped(actor: Actor, id: string, m?: EntityManager, lock = false): Promise<SupportRequestEntity | null> {
    if (!id) return Promise.resolve(null);
    const qb = this.requests(m).createQueryBuilder('r').where('r.id = :id', { id });
    this.applyScope(qb, actor);
    if (lock) qb.setLock('pessimistic_write', undefined, ['r']);
    return qb.getOne();
  }

  findById(id: string, m?: EntityManager): Promise<SupportRequestEntity | null> {
    if (!id) return Promise.resolve(null);
    return this.requests(m).findOne({ where: { id } });
  }

  list(actor: Actor, filter: RequestFilter, sort: RequestSort, limit: number): Promise<SupportRequestEntity[]> {
    const qb = this.requests().createQueryBuilder('r').limit(limit);
    this.applyScope(qb, actor);
    if (filter.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
    if (filter.countryCode) qb.andWhere('r.countryCode = :country', { country: filter.countryCode });
    if (filter.objective) qb.andWhere('r.objectives @> ARRAY[:objective]::int[]', { objective: filter.objective });
    if (filter.assigneeId) qb.andWhere('r.assigneeId = :assignee', { assignee: filter.assigneeId });
    if (filter.overdue === true) qb.andWhere('r.dueAt < :now', { now: filter.now ?? new Date() });
    if (filter.overdue === false) qb.andWhere('(r.dueAt IS NULL OR r.dueAt >= :now)', { now: filter.now ?? new Date() });
    if (sort.by === 'newest') {
      qb.orderBy('r.id', 'DESC');
      if (sort.afterId) qb.andWhere('r.id < :afterId', { afterId: sort.afterId });
    } else {
      qb.orderBy('r.dueAt', 'ASC', 'NULLS LAST').addOrderBy('r.id', 'ASC');
      const a = sort.after;
      if (a && a.dueAt) qb.andWhere(new Brackets((w) => w.where('r.dueAt > :ad', { ad: a.dueAt }).orWhere('r.dueAt = :ad AND r.id > :ai', { ai: a.id }).orWhere('r.dueAt IS NULL')));
      else if (a) qb.andWhere('r.dueAt IS NULL AND r.id > :ai', { ai: a.id });
    }
    return qb.getMany();
  }

  async insert(m: EntityManager, r: SupportRequestEntity): Promise<void> {
    await this.requests(m).insert(r as never);
    await this.refreshSearchVector(m, r.id);
  }

  private async refreshSearchVector(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE support_request SET search_vector = to_tsvector('english', title || ' ' || summary) WHERE id = $1`, [id]);
  }

  /** Optimistic write of editable fields: only when the version still matches. */
  async saveIfVersion(m: EntityManager, r: SupportRequestEntity, expectedVersion: number): Promise<boolean> {
    const { id, version: _v, searchVector: _s, ...fields } = r;
    const res = await this.requests(m)
      .createQueryBuilder()
      .update()
      .set({ ...(fields as object), version: expectedVersion + 1 })
      .where('id = :id AND version = :v', { id, v: expectedVersion })
      .execute();
    if ((res.affected ?? 0) !== 1) return false;
    await this.refreshSearchVector(m, id);
    return true;
  }

  /**
   * The SQL half of the double guard (status and version must both still be what was read), the
   * timeline entry and the request's partners (for the facts its events carry), in one statement.
   * Null when the guard did not hold: nothing was written.
   */
  async transition(m: EntityManager, id: string, from: RequestStatus, expectedVersion: number, set: TransitionSet, entry: RequestTimelineEntryEntity): Promise<PartnerFact[] | null> {
    const params: unknown[] = [id, from, expectedVersion];
    const assignments = Object.keys(set)
      .sort()
      .map((key) => {
        const column = TRANSITION_COLUMNS[key as keyof TransitionSet];
        if (!column) throw new Error(`transition: ${key} is not a transition field`);
        params.push(set[key as keyof TransitionSet]);
        return `${column} = $${params.length}`;
      });
    params.push(entry.id, entry.at, entry.actorId, entry.actorRole, entry.kind, entry.action, entry.fromStatus, entry.toStatus, entry.body, entry.internal);
    const e = params.length - 10;
    const rows: { partners: PartnerFact[] }[] = await m.query(
      `WITH u AS (
         UPDATE support_request r SET ${assignments.join(', ')}, version = $3 + 1
          WHERE r.id = $1 AND r.status = $2 AND r.version = $3
         RETURNING r.id),
       t AS (
         INSERT INTO request_timeline_entry (id, request_id, at, actor_id, actor_role, kind, action, from_status, to_status, body, internal)
         SELECT $${e + 1}::uuid, u.id, $${e + 2}::timestamptz, $${e + 3}::uuid, $${e + 4}::text, $${e + 5}::text, $${e + 6}::text, $${e + 7}::text, $${e + 8}::text, $${e + 9}::text, $${e + 10}::boolean FROM u)
       SELECT COALESCE((SELECT json_agg(json_build_object('organisationId', p.organisation_id, 'role', p.role, 'status', p.status) ORDER BY p.id)
                          FROM request_partner p WHERE p.request_id = u.id), '[]'::json) AS partners
         FROM u`,
      params,
    );
    return rows.length ? rows[0].partners : null;
  }

  async nextReferenceNumber(m: EntityManager, countryCode: string, year: number): Promise<number> {
    const rows: { last: number }[] = await m.query(
      `INSERT INTO request_reference_counter (country_code, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (country_code, year) DO UPDATE SET last = request_reference_counter.last + 1
       RETURNING last`,
      [countryCode, year],
    );
    return rows[0].last;
  }

  async addTimeline(m: EntityManager, entry: RequestTimelineEntryEntity): Promise<void> {
    await m.getRepository(RequestTimelineEntryEntity).insert(entry);
  }

  timeline(requestId: string, includeInternal: boolean, afterId: string | undefined, limit: number): Promise<RequestTimelineEntryEntity[]> {
    const qb = this.db.manager.getRepository(RequestTimelineEntryEntity).createQueryBuilder('t').where('t.requestId = :requestId', { requestId }).orderBy('t.id', 'ASC').limit(limit);
    if (!includeInternal) qb.andWhere('t.internal = false');
    if (afterId) qb.andWhere('t.id > :afterId', { afterId });
    return qb.getMany();
  }
}

