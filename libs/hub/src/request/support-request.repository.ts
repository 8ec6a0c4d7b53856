import { Injectable } from '@nestjs/common';
import { Actor, Database, EntityRows, TransactionalRepository } from '@cbm/core';
import { RequestTimelineEntryEntity } from './request-timeline.entity';
import { SupportRequestEntity } from './support-request.entity';
import { RequestError } from './support-request.errors';
import { RequestStatus, TransitionSet } from './support-request.workflow';

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
export type RequestSort =
  { by: 'newest'; afterId?: string } | { by: 'due'; after?: { dueAt: string | null; id: string } };

/**
 * Object-level scope, in one place: focal points see their country's requests; partner
 * officers those their organisation was invited to; UN and fund staff all but drafts.
 * SQL over the alias `r`; `param` takes a value and answers its placeholder.
 */
export function scopeSql(actor: Actor, param: (value: unknown) => string): string {
  switch (actor.role) {
    case 'focal_point':
      return `r.country_code = ${param(actor.countryCode ?? '---')}`;
    case 'hub_officer':
    case 'admin':
    case 'fund_manager':
    case 'steering_committee':
      return `r.status <> 'draft'`;
    case 'partner_officer':
      return `r.status <> 'draft' AND EXISTS (SELECT 1 FROM request_partner rp WHERE rp.request_id = r.id AND rp.organisation_id = ${param(actor.organisationId ?? '00000000-0000-0000-0000-000000000000')} AND rp.status IN ('pending', 'accepted'))`;
    default:
      return '1 = 0';
  }
}

const placeholder = (params: unknown[]) => (value: unknown) => `$${params.push(value)}`;

/** A partner of a request, as the facts of its events need it. */
export interface PartnerFact {
  organisationId: string;
  role: string;
  status: string;
}

/**
 * Every query on support requests and their timelines. The two hot reads (GET /requests/{id},
 * GET /requests) and every scoped lookup are written SQL sent as named prepared statements, with
 * the select list and row mapping derived from the entity (EntityRows).
 */
@Injectable()
export class SupportRequestRepository extends TransactionalRepository {
  private readonly rows: EntityRows<SupportRequestEntity>;
  private readonly timelineRows: EntityRows<RequestTimelineEntryEntity>;

  constructor(db: Database) {
    super(db);
    this.rows = new EntityRows(db.dataSource, SupportRequestEntity, 'r');
    this.timelineRows = new EntityRows(db.dataSource, RequestTimelineEntryEntity, 't');
  }

  /**
   * The request if the actor may see it, else null (another country's request does not exist for
   * them). `lock`: FOR UPDATE, so that changes to what hangs off the request queue up behind each other.
   */
  async findScoped(actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<SupportRequestEntity | null> {
    if (!id) return null;
    const params: unknown[] = [id];
    if (options.lock && !this.inTransaction) throw new Error('findScoped: a lock needs a transaction');
    const lock = options.lock ? ' FOR UPDATE OF r' : '';
    const sql = `SELECT ${this.rows.select} FROM support_request r WHERE r.id = $1 AND ${scopeSql(actor, placeholder(params))}${lock}`;
    const found = await this.db.prepared<Record<string, unknown>>(sql, params, this.manager);
    return found.length ? this.rows.entity(found[0]) : null;
  }

  /** findScoped, or REQUEST_NOT_FOUND (404). */
  async getScoped(actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<SupportRequestEntity> {
    const r = await this.findScoped(actor, id, options);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    return r;
  }

  /** Each request's status as its timeline stood before `before` (the last transition recorded earlier), null before any. */
  async statusesBefore(requestIds: string[], before: Date): Promise<Map<string, string>> {
    if (!requestIds.length) return new Map();
    const rows: { request_id: string; to_status: string }[] = await this.manager.query(
      `SELECT DISTINCT ON ("request_id") "request_id", "to_status" FROM "request_timeline_entry"
        WHERE "request_id" = ANY($1) AND "to_status" IS NOT NULL AND "at" < $2
        ORDER BY "request_id", "at" DESC, "id" DESC`,
      [requestIds, before],
    );
    return new Map(rows.map((r) => [r.request_id, r.to_status]));
  }

  async findById(id: string): Promise<SupportRequestEntity | null> {
    if (!id) return null;
    const sql = `SELECT ${this.rows.select} FROM support_request r WHERE r.id = $1`;
    const found = await this.db.prepared<Record<string, unknown>>(sql, [id], this.manager);
    return found.length ? this.rows.entity(found[0]) : null;
  }

  async list(actor: Actor, filter: RequestFilter, sort: RequestSort, limit: number): Promise<SupportRequestEntity[]> {
    const params: unknown[] = [];
    const p = placeholder(params);
    const where = [scopeSql(actor, p)];
    // one text whatever the number of statuses: the statement is prepared once
    if (filter.status?.length) where.push(`r.status = ANY(${p(filter.status)}::text[])`);
    if (filter.countryCode) where.push(`r.country_code = ${p(filter.countryCode)}`);
    if (filter.objective) where.push(`r.objectives @> ARRAY[${p(filter.objective)}]::int[]`);
    if (filter.assigneeId) where.push(`r.assignee_id = ${p(filter.assigneeId)}`);
    if (filter.overdue === true) where.push(`r.due_at < ${p(filter.now ?? new Date())}`);
    if (filter.overdue === false) where.push(`(r.due_at IS NULL OR r.due_at >= ${p(filter.now ?? new Date())})`);
    let order: string;
    if (sort.by === 'newest') {
      order = 'r.id DESC';
      if (sort.afterId) where.push(`r.id < ${p(sort.afterId)}`);
    } else {
      order = 'r.due_at ASC NULLS LAST, r.id ASC';
      const a = sort.after;
      if (a && a.dueAt) {
        const ad = p(a.dueAt);
        where.push(`(r.due_at > ${ad} OR (r.due_at = ${ad} AND r.id > ${p(a.id)}) OR r.due_at IS NULL)`);
      } else if (a) where.push(`r.due_at IS NULL AND r.id > ${p(a.id)}`);
    }
    const sql = `SELECT ${this.rows.select} FROM support_request r WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${p(limit)}`;
    return (await this.db.prepared<Record<string, unknown>>(sql, params, this.manager)).map((r) => this.rows.entity(r));
  }

  /** A new request, as stored (the fields left out take their defaults), with its search vector. */
  async insert(values: Partial<SupportRequestEntity>): Promise<SupportRequestEntity> {
    const r = await this.rows.insertReturning(this.manager, values);
    await this.refreshSearchVector(r.id);
    return r;
  }

  private async refreshSearchVector(id: string): Promise<void> {
    await this.manager.query(
      `UPDATE support_request SET search_vector = to_tsvector('english', title || ' ' || summary) WHERE id = $1`,
      [id],
    );
  }

  /** The focal point's edit: content only, and only when the version still matches. */
  async saveContent(r: SupportRequestEntity, expectedVersion: number): Promise<boolean> {
    const { id, version: _v, searchVector: _s, ...fields } = r;
    const res = await this.manager
      .getRepository(SupportRequestEntity)
      .createQueryBuilder()
      .update()
      .set({ ...fields, version: expectedVersion + 1 })
      .where('id = :id AND version = :v', { id, v: expectedVersion })
      .execute();
    if ((res.affected ?? 0) !== 1) return false;
    await this.refreshSearchVector(id);
    return true;
  }

  /**
   * The SQL half of the double guard: the change applies only while status and version are still
   * what was read (else null: someone else moved the request first, and nothing was written).
   * Answers the request's partners, for the facts its events carry and the people it tells.
   */
  async transition(r: SupportRequestEntity, set: TransitionSet): Promise<PartnerFact[] | null> {
    const params: unknown[] = [r.id, r.status, r.version];
    const assignments = Object.entries(set).map(([key, value]) => `${this.rows.column(key)} = $${params.push(value)}`);
    const found: { partners: PartnerFact[] }[] = await this.manager.query(
      `WITH u AS (
         UPDATE support_request r SET ${assignments.join(', ')}, version = $3 + 1
          WHERE r.id = $1 AND r.status = $2 AND r.version = $3
         RETURNING r.id)
       SELECT COALESCE((SELECT json_agg(json_build_object('organisationId', p.organisation_id, 'role', p.role, 'status', p.status) ORDER BY p.id)
                          FROM request_partner p WHERE p.request_id = u.id), '[]'::json) AS partners
         FROM u`,
      params,
    );
    return found.length ? found[0].partners : null;
  }

  async nextReferenceNumber(countryCode: string, year: number): Promise<number> {
    const found: { last: number }[] = await this.manager.query(
      `INSERT INTO request_reference_counter (country_code, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (country_code, year) DO UPDATE SET last = request_reference_counter.last + 1
       RETURNING last`,
      [countryCode, year],
    );
    return found[0].last;
  }

  /** A timeline entry, written with the transaction's other rows just before COMMIT. */
  addTimeline(entry: RequestTimelineEntryEntity): void {
    this.timelineRows.insertBeforeCommit(this.transaction, entry);
  }

  async timeline(
    requestId: string,
    includeInternal: boolean,
    afterId: string | undefined,
    limit: number,
  ): Promise<(RequestTimelineEntryEntity & { actorName: string | null })[]> {
    const qb = this.manager
      .getRepository(RequestTimelineEntryEntity)
      .createQueryBuilder('t')
      // the actor's name only (never the whole user row), so the screens say who acted
      .leftJoin('t.actor', 'u')
      .addSelect('u.name', 'actor_name')
      .where('t.requestId = :requestId', { requestId })
      .orderBy('t.id', 'ASC')
      .limit(limit);
    if (!includeInternal) qb.andWhere('t.internal = false');
    if (afterId) qb.andWhere('t.id > :afterId', { afterId });
    const { entities, raw } = await qb.getRawAndEntities<{ actor_name: string | null }>();
    return entities.map((e, i) => {
      delete e.actor; // the join leaves an empty relation behind: the view has the name only
      return Object.assign(e, { actorName: raw[i]?.actor_name ?? null });
    });
  }

  /** The timeline entry that answers an information request (the `provide_info` transition), if `id` is one. */
  async informationAnswer(id: string): Promise<{ requestId: string; actorId: string } | null> {
    const found: { requestId: string; actorId: string }[] = await this.manager.query(
      `SELECT request_id AS "requestId", actor_id AS "actorId" FROM request_timeline_entry
       WHERE id = $1 AND kind = 'transition' AND action = 'provide_info' AND NOT internal`,
      [id],
    );
    return found[0] ?? null;
  }
}
