import { Injectable } from '@nestjs/common';
import { Actor, Database } from '@cbm/core';
import { EntityManager, PessimisticLockTransactionRequiredError } from 'typeorm';
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

const TIMESTAMPS = [
  'submitted_at',
  'status_changed_at',
  'triage_due_at',
  'triage_ended_at',
  'info_due_at',
  'info_ended_at',
  'assessment_due_at',
  'assessment_ended_at',
  'assessment_paused_at',
  'due_at',
  'overdue_at',
  'escalated_at',
  'created_at',
  'updated_at',
];
const OTHERS = [
  'id',
  'reference',
  'country_code',
  'status',
  'title',
  'summary',
  'expected_results',
  'objectives',
  'actions',
  'principles',
  'support_types',
  'target_groups',
  'geographic_scope',
  'national_counterparts',
  'estimated_budget_amount',
  'estimated_budget_currency',
  'start_date',
  'end_date',
  'created_by_id',
  'assignee_id',
  'version',
];
const field = (column: string) => column.replace(/_([a-z])/g, (_m, l: string) => l.toUpperCase());

/**
 * Every column but the search vector (not selected, as in the entity), named as the entity's
 * fields. Dates as text ('2026-03-01', as the entity has them); timestamps as microseconds since
 * 1970, which pg reads as a float: its parser for timestamptz text was a tenth of a list's CPU.
 */
const COLUMNS = [
  ...OTHERS.map((c) => `r.${c}${c.endsWith('_date') ? '::text' : ''} AS "${field(c)}"`),
  ...TIMESTAMPS.map((c) => `round(date_part('epoch', r.${c}) * 1000000) AS "${field(c)}"`),
].join(', ');

type Stamp =
  | 'submittedAt'
  | 'statusChangedAt'
  | 'triageDueAt'
  | 'triageEndedAt'
  | 'infoDueAt'
  | 'infoEndedAt'
  | 'assessmentDueAt'
  | 'assessmentEndedAt'
  | 'assessmentPausedAt'
  | 'dueAt'
  | 'overdueAt'
  | 'escalatedAt'
  | 'createdAt'
  | 'updatedAt';
type Row = Omit<SupportRequestEntity, Stamp> & Record<Stamp, number | null>;

/** Milliseconds cut as pg's own parser cuts them (toward the earlier instant). */
const at = (us: number | null): Date | null => (us === null ? null : new Date(Math.floor(us / 1000)));

function toEntity(r: Row): SupportRequestEntity {
  const e = new SupportRequestEntity();
  e.id = r.id;
  e.reference = r.reference;
  e.countryCode = r.countryCode;
  e.status = r.status;
  e.title = r.title;
  e.summary = r.summary;
  e.expectedResults = r.expectedResults;
  e.objectives = r.objectives;
  e.actions = r.actions;
  e.principles = r.principles;
  e.supportTypes = r.supportTypes;
  e.targetGroups = r.targetGroups;
  e.geographicScope = r.geographicScope;
  e.nationalCounterparts = r.nationalCounterparts;
  e.estimatedBudgetAmount = r.estimatedBudgetAmount;
  e.estimatedBudgetCurrency = r.estimatedBudgetCurrency;
  e.startDate = r.startDate;
  e.endDate = r.endDate;
  e.createdById = r.createdById;
  e.assigneeId = r.assigneeId;
  e.submittedAt = at(r.submittedAt);
  e.statusChangedAt = at(r.statusChangedAt)!;
  e.triageDueAt = at(r.triageDueAt);
  e.triageEndedAt = at(r.triageEndedAt);
  e.infoDueAt = at(r.infoDueAt);
  e.infoEndedAt = at(r.infoEndedAt);
  e.assessmentDueAt = at(r.assessmentDueAt);
  e.assessmentEndedAt = at(r.assessmentEndedAt);
  e.assessmentPausedAt = at(r.assessmentPausedAt);
  e.dueAt = at(r.dueAt);
  e.overdueAt = at(r.overdueAt);
  e.escalatedAt = at(r.escalatedAt);
  e.version = r.version;
  e.createdAt = at(r.createdAt)!;
  e.updatedAt = at(r.updatedAt)!;
  return e;
}

/** What a transition may change besides the version. */
const TRANSITION_FIELDS = [
  'status',
  'statusChangedAt',
  'updatedAt',
  'submittedAt',
  'assigneeId',
  'triageDueAt',
  'triageEndedAt',
  'infoDueAt',
  'infoEndedAt',
  'assessmentDueAt',
  'assessmentEndedAt',
  'assessmentPausedAt',
  'dueAt',
  'overdueAt',
  'escalatedAt',
] as const;
export type TransitionSet = Partial<Pick<SupportRequestEntity, (typeof TRANSITION_FIELDS)[number]>>;
const column = (fieldName: string) => fieldName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

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

  /*
   * The two hot reads (GET /requests/{id}, GET /requests) and every scoped lookup are written
   * SQL, sent as named prepared statements: TypeORM's query building and hydration were most
   * of their cost, and PostgreSQL re-planned the wide aliased query at every call.
   */

  findScoped(actor: Actor, id: string, m?: EntityManager, lock = false): Promise<SupportRequestEntity | null> {
    if (!id) return Promise.resolve(null);
    if (lock && !m?.queryRunner?.isTransactionActive)
      return Promise.reject(new PessimisticLockTransactionRequiredError());
    const params: unknown[] = [id];
    const sql = `SELECT ${COLUMNS} FROM support_request r WHERE r.id = $1 AND ${scopeSql(actor, placeholder(params))}${lock ? ' FOR UPDATE OF r' : ''}`;
    return this.db.prepared<Row>(sql, params, m).then((rows) => (rows.length ? toEntity(rows[0]) : null));
  }

  findById(id: string, m?: EntityManager): Promise<SupportRequestEntity | null> {
    if (!id) return Promise.resolve(null);
    return this.requests(m).findOne({ where: { id } });
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
    const sql = `SELECT ${COLUMNS} FROM support_request r WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${p(limit)}`;
    return (await this.db.prepared<Row>(sql, params)).map(toEntity);
  }

  async insert(m: EntityManager, r: SupportRequestEntity): Promise<void> {
    await this.requests(m).insert(r as never);
    await this.refreshSearchVector(m, r.id);
  }

  private async refreshSearchVector(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE support_request SET search_vector = to_tsvector('english', title || ' ' || summary) WHERE id = $1`,
      [id],
    );
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
  async transition(
    m: EntityManager,
    id: string,
    from: RequestStatus,
    expectedVersion: number,
    set: TransitionSet,
    entry: RequestTimelineEntryEntity,
  ): Promise<PartnerFact[] | null> {
    const params: unknown[] = [id, from, expectedVersion];
    const assignments = Object.keys(set)
      .sort()
      .map((key) => {
        if (!(TRANSITION_FIELDS as readonly string[]).includes(key))
          throw new Error(`transition: ${key} is not a transition field`);
        params.push(set[key as keyof TransitionSet]);
        return `${column(key)} = $${params.length}`;
      });
    params.push(
      entry.id,
      entry.at,
      entry.actorId,
      entry.actorRole,
      entry.kind,
      entry.action,
      entry.fromStatus,
      entry.toStatus,
      entry.body,
      entry.internal,
    );
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

  timeline(
    requestId: string,
    includeInternal: boolean,
    afterId: string | undefined,
    limit: number,
  ): Promise<RequestTimelineEntryEntity[]> {
    const qb = this.db.manager
      .getRepository(RequestTimelineEntryEntity)
      .createQueryBuilder('t')
      .where('t.requestId = :requestId', { requestId })
      .orderBy('t.id', 'ASC')
      .limit(limit);
    if (!includeInternal) qb.andWhere('t.internal = false');
    if (afterId) qb.andWhere('t.id > :afterId', { afterId });
    return qb.getMany();
  }
}
