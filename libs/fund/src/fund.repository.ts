import { Injectable } from '@nestjs/common';
import { Database, EntityRows, TransactionalRepository, WriteBatch } from '@cbm/core';
import { FindOptionsWhere, In } from 'typeorm';
import { AllocationStatus, FundAllocationEntity } from './allocation/allocation.entity';
import { applicationExists, ApplicationStatus } from './allocation/application.workflow';
import { FundApplicationEntity } from './allocation/application.entity';
import { FundDecisionEntity } from './allocation/decision.entity';
import { FundRevisionEntity } from './allocation/revision.entity';
import { FundTrancheEntity } from './allocation/tranche.entity';
import { FundFinancialStatementEntity } from './closure/financial-statement.entity';
import type { Source } from './closure/project.workflow';
import { FundUnspentReturnEntity } from './closure/unspent-return.entity';
import { FundContributionEntity } from './contribution/contribution.entity';
import { FundDepositEntity } from './contribution/deposit.entity';
import { FundRefundEntity } from './contribution/refund.entity';
import { FundError, isUniqueViolation } from './fund.errors';
import { FundExpenditureEntity } from './transfer/expenditure.entity';
import { FundTransferEntity } from './transfer/transfer.entity';

/** What a step of the allocation's workflow may change besides its status (never the amount). */
export type AllocationChange = Partial<
  Pick<
    FundAllocationEntity,
    | 'status'
    | 'decidedById'
    | 'decidedAt'
    | 'decisionRef'
    | 'decisionNote'
    | 'recusedIds'
    | 'endsOn'
    | 'genderMarker'
    | 'humanRightsMarker'
    | 'childSensitivityMarker'
  >
>;

/** The three markers an allocation carries (its copy of the assessment's). */
export const MARKERS = ['genderMarker', 'humanRightsMarker', 'childSensitivityMarker'] as const;
export type MarkerName = (typeof MARKERS)[number];
/** Allocations whose markers have these values (0-3); an absent key does not filter. */
export type MarkerFilter = Partial<Record<MarkerName, number>>;

/** What an approved revision changes in the allocation's plan (revision.workflow.ts); the amount only ever grows. */
export type PlanChange = Pick<FundAllocationEntity, 'amount' | 'endsOn' | 'durationMonths' | 'budgetLines'>;

/** What deciding a revision writes on it. */
export type RevisionChange = Partial<
  Pick<
    FundRevisionEntity,
    'status' | 'decidedById' | 'decidedAt' | 'decisionRef' | 'decisionNote' | 'before' | 'after' | 'entryId'
  >
>;

/** What a step of the project's life changes on its allocation (closure/project.workflow.ts). */
export type StageChange = Pick<FundAllocationEntity, 'stage'> &
  Partial<Pick<FundAllocationEntity, 'operationallyClosedAt' | 'financiallyClosedAt'>>;

/** The request's facts the application keeps a copy of (projection upkeep, not a workflow step). */
export type RequestCopy = Pick<FundApplicationEntity, 'requestStatus' | 'organisationIds' | 'leadOrganisationId'>;

/**
 * Every query on the fund's own tables (the journal's are in LedgerRepository). Status writes are
 * guarded: they apply only while the row's status and version are still what the use case read.
 */
@Injectable()
export class FundRepository extends TransactionalRepository {
  private readonly applicationRows: EntityRows<FundApplicationEntity>;
  private readonly allocationRows: EntityRows<FundAllocationEntity>;
  private readonly trancheRows: EntityRows<FundTrancheEntity>;
  private readonly decisionRows: EntityRows<FundDecisionEntity>;
  private readonly revisionRows: EntityRows<FundRevisionEntity>;
  private readonly contributionRows: EntityRows<FundContributionEntity>;
  private readonly depositRows: EntityRows<FundDepositEntity>;
  private readonly refundRows: EntityRows<FundRefundEntity>;
  private readonly transferRows: EntityRows<FundTransferEntity>;
  private readonly expenditureRows: EntityRows<FundExpenditureEntity>;
  private readonly returnRows: EntityRows<FundUnspentReturnEntity>;
  private readonly statementRows: EntityRows<FundFinancialStatementEntity>;

  constructor(db: Database) {
    super(db);
    this.applicationRows = new EntityRows(db.dataSource, FundApplicationEntity, 'p');
    this.allocationRows = new EntityRows(db.dataSource, FundAllocationEntity, 'a');
    this.trancheRows = new EntityRows(db.dataSource, FundTrancheEntity, 't');
    this.decisionRows = new EntityRows(db.dataSource, FundDecisionEntity, 'd');
    this.revisionRows = new EntityRows(db.dataSource, FundRevisionEntity, 'v');
    this.contributionRows = new EntityRows(db.dataSource, FundContributionEntity, 'c');
    this.depositRows = new EntityRows(db.dataSource, FundDepositEntity, 'd');
    this.refundRows = new EntityRows(db.dataSource, FundRefundEntity, 'r');
    this.transferRows = new EntityRows(db.dataSource, FundTransferEntity, 't');
    this.expenditureRows = new EntityRows(db.dataSource, FundExpenditureEntity, 'e');
    this.returnRows = new EntityRows(db.dataSource, FundUnspentReturnEntity, 'r');
    this.statementRows = new EntityRows(db.dataSource, FundFinancialStatementEntity, 's');
  }

  /** How many rows `update` (an UPDATE ... RETURNING) changed: read as a SELECT, whatever the driver answers for an UPDATE. */
  private async changed(update: string, params: unknown[]): Promise<number> {
    const [{ n }]: { n: number }[] = await this.manager.query(
      `WITH changed AS (${update}) SELECT count(*)::int AS n FROM changed`,
      params,
    );
    return n;
  }

  /* Contributions, deposits, refunds */

  contribution(id: string) {
    return this.manager.getRepository(FundContributionEntity).findOne({ where: { id } });
  }

  contributions(filter: { contributorId?: string | null; ids?: string[] }, afterId?: string, limit = 1000) {
    const qb = this.manager
      .getRepository(FundContributionEntity)
      .createQueryBuilder('c')
      .orderBy('c.id', 'ASC')
      .limit(limit);
    if (filter.contributorId) qb.andWhere('c.contributorId = :cid', { cid: filter.contributorId });
    if (filter.ids)
      qb.andWhere('c.id IN (:...ids)', {
        ids: filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000'],
      });
    if (afterId) qb.andWhere('c.id > :afterId', { afterId });
    return qb.getMany();
  }

  insertContribution(c: FundContributionEntity): Promise<FundContributionEntity> {
    return this.contributionRows.insertReturning(this.manager, c);
  }

  deposits(contributionIds: string[]) {
    if (!contributionIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundDepositEntity)
      .find({ where: { contributionId: In(contributionIds) }, order: { id: 'ASC' } });
  }

  deposit(id: string) {
    return this.manager.getRepository(FundDepositEntity).findOne({ where: { id } });
  }

  insertDeposit(d: FundDepositEntity): Promise<FundDepositEntity> {
    return this.depositRows.insertReturning(this.manager, d);
  }

  refunds(contributionIds: string[]) {
    if (!contributionIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundRefundEntity)
      .find({ where: { contributionId: In(contributionIds) }, order: { id: 'ASC' } });
  }

  insertRefund(r: FundRefundEntity): Promise<FundRefundEntity> {
    return this.refundRows.insertReturning(this.manager, r);
  }

  /* Applications */

  async application(id: string): Promise<FundApplicationEntity | null> {
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.applicationRows.select} FROM fund_application p WHERE p.id = $1`,
      [id],
    );
    return found.length ? this.applicationRows.entity(found[0]) : null;
  }

  /** application, or FUND_NOT_FOUND (404). */
  async getApplication(id: string): Promise<FundApplicationEntity> {
    const a = await this.application(id);
    if (!a) throw FundError('FUND_NOT_FOUND', 'no such application');
    return a;
  }

  applicationByRequest(requestId: string) {
    return this.manager.getRepository(FundApplicationEntity).findOne({ where: { requestId } });
  }

  applications(ids?: string[]) {
    if (ids && !ids.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundApplicationEntity)
      .find({ where: ids ? { id: In(ids) } : {}, order: { id: 'ASC' } });
  }

  /** A new application; a second one for the same request (two filings at once) is FUND_APPLICATION_EXISTS. */
  async insertApplication(a: FundApplicationEntity): Promise<FundApplicationEntity> {
    try {
      return await this.applicationRows.insertReturning(this.manager, a);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_fund_application_request')) throw applicationExists();
      throw err;
    }
  }

  /**
   * The SQL half of the double guard: the application moves to `to` only while its status and version
   * are still what was read (else false: someone else moved it first, and nothing was written).
   */
  async transitionApplication(a: FundApplicationEntity, to: ApplicationStatus): Promise<boolean> {
    const moved = await this.changed(
      `UPDATE fund_application SET status = $4, version = $3 + 1
        WHERE id = $1 AND status = $2 AND version = $3 RETURNING id`,
      [a.id, a.status, a.version, to],
    );
    return moved === 1;
  }

  /** The application's copy of its request, as the request is now (not a workflow step: no version). */
  async copyRequest(id: string, copy: RequestCopy): Promise<void> {
    await this.manager.query(
      `UPDATE fund_application SET request_status = $2, organisation_ids = $3, lead_organisation_id = $4 WHERE id = $1`,
      [id, copy.requestStatus, copy.organisationIds, copy.leadOrganisationId],
    );
  }

  /* Allocations, tranches, decisions */

  /**
   * The allocation; `lock`: FOR UPDATE, so that every step on it (decisions, releases, transfers,
   * expenditure, reversals) queues behind the one before and sees what it left.
   */
  async allocation(id: string, options: { lock?: boolean } = {}): Promise<FundAllocationEntity | null> {
    if (options.lock && !this.inTransaction) throw new Error('allocation: a lock needs a transaction');
    const lock = options.lock ? ' FOR UPDATE' : '';
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.allocationRows.select} FROM fund_allocation a WHERE a.id = $1${lock}`,
      [id],
    );
    return found.length ? this.allocationRows.entity(found[0]) : null;
  }

  /** These allocations (those that exist), in one query. */
  allocationsWithIds(ids: string[]): Promise<FundAllocationEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.manager.getRepository(FundAllocationEntity).find({ where: { id: In(ids) } });
  }

  /** allocation, or FUND_NOT_FOUND (404). */
  async getAllocation(id: string, options: { lock?: boolean } = {}): Promise<FundAllocationEntity> {
    const a = await this.allocation(id, options);
    if (!a) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    return a;
  }

  /**
   * The names of the people the fund's records point at (proposers, deciders), for the screens: the
   * name column only, of the users the fund's foreign keys already reference.
   */
  async personNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const rows: { id: string; name: string }[] = await this.manager.query(
      'SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])',
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  allocations(filter: { status?: AllocationStatus; requestId?: string; applicationId?: string } & MarkerFilter = {}) {
    const where: FindOptionsWhere<FundAllocationEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.requestId) where.requestId = filter.requestId;
    if (filter.applicationId) where.applicationId = filter.applicationId;
    for (const m of MARKERS) if (filter[m] !== undefined) where[m] = filter[m];
    return this.manager.getRepository(FundAllocationEntity).find({ where, order: { id: 'ASC' } });
  }

  /** A proposed allocation and its tranches, inserted now. */
  async insertAllocation(a: FundAllocationEntity, tranches: FundTrancheEntity[]): Promise<FundAllocationEntity> {
    const stored = await this.allocationRows.insertReturning(this.manager, a);
    const batch = new WriteBatch();
    this.trancheRows.insert(batch, tranches);
    await batch.execute(this.manager);
    return stored;
  }

  /**
   * The SQL half of the double guard: the change applies only while the allocation's status and
   * version are still what was read (else false, and nothing was written).
   */
  async transitionAllocation(a: FundAllocationEntity, set: AllocationChange): Promise<boolean> {
    const params: unknown[] = [a.id, a.status, a.version];
    const assignments = Object.entries(set).map(
      ([key, value]) => `${this.allocationRows.column(key)} = $${params.push(value)}`,
    );
    const moved = await this.changed(
      `UPDATE fund_allocation SET ${[...assignments, 'version = $3 + 1'].join(', ')}
        WHERE id = $1 AND status = $2 AND version = $3 RETURNING id`,
      params,
    );
    return moved === 1;
  }

  /** Transfers add to (reversals take from) the running total, guarded like a transition; the CHECK caps it. */
  async addTransferred(a: FundAllocationEntity, amount: bigint): Promise<boolean> {
    const moved = await this.changed(
      `UPDATE fund_allocation SET transferred_amount = transferred_amount + $4, version = $3 + 1
        WHERE id = $1 AND status = $2 AND version = $3 RETURNING id`,
      [a.id, a.status, a.version, amount.toString()],
    );
    return moved === 1;
  }

  tranches(allocationIds: string[]) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundTrancheEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { allocationId: 'ASC', seq: 'ASC' } });
  }

  /** Releases tranches not yet released; answers how many were. */
  async releaseTranches(
    tranches: Pick<FundTrancheEntity, 'id'>[],
    set: Pick<FundTrancheEntity, 'releasedAt' | 'releasedById' | 'evidenceRef'>,
  ): Promise<number> {
    if (!tranches.length) return 0;
    return this.changed(
      `UPDATE fund_tranche SET released_at = $2, released_by_id = $3, evidence_ref = $4
        WHERE id = ANY($1::uuid[]) AND released_at IS NULL RETURNING id`,
      [tranches.map((t) => t.id), set.releasedAt, set.releasedById, set.evidenceRef],
    );
  }

  /**
   * An approved revision's plan, guarded like a transition (the allocation still approved and at the
   * version read; else false and nothing written). The amount only grows: the CHECK on
   * transferred_amount stands behind it.
   */
  async revisePlan(a: FundAllocationEntity, change: PlanChange): Promise<boolean> {
    const moved = await this.changed(
      `UPDATE fund_allocation SET amount = $4, ends_on = $5, duration_months = $6, budget_lines = $7::jsonb, version = $3 + 1
        WHERE id = $1 AND status = $2 AND version = $3 RETURNING id`,
      [
        a.id,
        a.status,
        a.version,
        change.amount,
        change.endsOn,
        change.durationMonths,
        JSON.stringify(change.budgetLines),
      ],
    );
    return moved === 1;
  }

  /**
   * A revised schedule: the tranches not yet released are replaced by `next` (numbered after the
   * released ones, which never change). Runs under the allocation's row lock.
   */
  async replaceUnreleasedTranches(allocationId: string, next: FundTrancheEntity[]): Promise<void> {
    await this.manager.query(`DELETE FROM fund_tranche WHERE allocation_id = $1 AND released_at IS NULL`, [
      allocationId,
    ]);
    const batch = new WriteBatch();
    this.trancheRows.insert(batch, next);
    await batch.execute(this.manager);
  }

  /* Revisions of an allocation's plan */

  async revisions(allocationId: string): Promise<FundRevisionEntity[]> {
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.revisionRows.select} FROM fund_revision v WHERE v.allocation_id = $1 ORDER BY v.seq`,
      [allocationId],
    );
    return found.map((r) => this.revisionRows.entity(r));
  }

  /** Revision n of the allocation, or FUND_NOT_FOUND (404). */
  async getRevision(allocationId: string, seq: number): Promise<FundRevisionEntity> {
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.revisionRows.select} FROM fund_revision v WHERE v.allocation_id = $1 AND v.seq = $2`,
      [allocationId, seq],
    );
    if (!found.length) throw FundError('FUND_NOT_FOUND', 'no such revision');
    return this.revisionRows.entity(found[0]);
  }

  /**
   * A proposed revision; a second open one for the same allocation (whatever wrote it) is refused by
   * the partial unique index `uq_fund_revision_open`: 409.
   */
  async insertRevision(r: FundRevisionEntity): Promise<FundRevisionEntity> {
    try {
      return await this.revisionRows.insertReturning(this.manager, r);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_fund_revision_open') || isUniqueViolation(err, 'uq_fund_revision_seq'))
        throw FundError('FUND_INVALID_STATE', 'a revision of this allocation is already awaiting its decision');
      throw err;
    }
  }

  /** The SQL half of the double guard on a revision's status: false when it moved since it was read. */
  async transitionRevision(r: FundRevisionEntity, set: RevisionChange): Promise<boolean> {
    const params: unknown[] = [r.id, r.status, r.version];
    const assignments = Object.entries(set).map(
      ([key, value]) => `${this.revisionRows.column(key)} = $${params.push(value)}`,
    );
    const moved = await this.changed(
      `UPDATE fund_revision SET ${[...assignments, 'version = $3 + 1'].join(', ')}
        WHERE id = $1 AND status = $2 AND version = $3 RETURNING id`,
      params,
    );
    return moved === 1;
  }

  revisionsById(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.manager.getRepository(FundRevisionEntity).find({ where: { id: In(ids) } });
  }

  async decisionExists(id: string): Promise<boolean> {
    return (await this.manager.query(`SELECT 1 FROM fund_decision WHERE id = $1`, [id])).length > 0;
  }

  /** An entry of the decision register, written with the transaction's other rows just before COMMIT. */
  addDecision(d: FundDecisionEntity): void {
    this.decisionRows.insertBeforeCommit(this.transaction, d);
  }

  decisions(afterId: string | undefined, limit: number) {
    const qb = this.manager
      .getRepository(FundDecisionEntity)
      .createQueryBuilder('d')
      .orderBy('d.id', 'DESC')
      .limit(limit);
    if (afterId) qb.andWhere('d.id < :afterId', { afterId });
    return qb.getMany();
  }

  decisionsFor(allocationIds: string[]) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundDecisionEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  /* Transfers and expenditure */

  transfer(id: string) {
    return this.manager.getRepository(FundTransferEntity).findOne({ where: { id } });
  }

  transfers(allocationIds: string[]) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundTransferEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  transfersTo(organisationId: string) {
    return this.manager.getRepository(FundTransferEntity).find({ where: { organisationId }, order: { id: 'ASC' } });
  }

  insertTransfer(t: FundTransferEntity): Promise<FundTransferEntity> {
    return this.transferRows.insertReturning(this.manager, t);
  }

  /** Marks the transfer reversed unless it already is (false then: nothing was written). */
  async markTransferReversed(id: string): Promise<boolean> {
    const marked = await this.changed(
      `UPDATE fund_transfer SET reversed = true WHERE id = $1 AND NOT reversed RETURNING id`,
      [id],
    );
    return marked === 1;
  }

  expenditures(allocationIds: string[]) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundExpenditureEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  insertExpenditure(e: FundExpenditureEntity): Promise<FundExpenditureEntity> {
    return this.expenditureRows.insertReturning(this.manager, e);
  }

  /* Project closure: returns of unspent funds, final financial statements, stages */

  /**
   * The SQL half of the project workflow's double guard: the stage moves only while the allocation is
   * still approved, at the stage and version that were read (else false, and nothing was written).
   */
  async transitionStage(a: FundAllocationEntity, set: StageChange): Promise<boolean> {
    const moved = await this.changed(
      `UPDATE fund_allocation SET stage = $4, operationally_closed_at = COALESCE($5, operationally_closed_at),
              financially_closed_at = COALESCE($6, financially_closed_at), version = $3 + 1
        WHERE id = $1 AND status = 'approved' AND stage = $2 AND version = $3 RETURNING id`,
      [a.id, a.stage, a.version, set.stage, set.operationallyClosedAt ?? null, set.financiallyClosedAt ?? null],
    );
    return moved === 1;
  }

  insertReturn(r: FundUnspentReturnEntity): Promise<FundUnspentReturnEntity> {
    return this.returnRows.insertReturning(this.manager, r);
  }

  returns(allocationIds: string[]) {
    if (!allocationIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundUnspentReturnEntity)
      .find({ where: { allocationId: In(allocationIds) }, order: { id: 'ASC' } });
  }

  statements(allocationId: string) {
    return this.manager
      .getRepository(FundFinancialStatementEntity)
      .find({ where: { allocationId }, order: { organisationId: 'ASC' } });
  }

  /**
   * The organisation's statement for the allocation, inserted or replacing the one it submitted before;
   * null when its statement was already accepted (nothing written).
   */
  async submitStatement(s: FundFinancialStatementEntity): Promise<FundFinancialStatementEntity | null> {
    const rows: Record<string, unknown>[] = await this.manager.query(
      `INSERT INTO fund_financial_statement AS s (id, allocation_id, organisation_id, spent, currency, cost_categories, note, status, submitted_by_id, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $9)
       ON CONFLICT (allocation_id, organisation_id) DO UPDATE
          SET spent = EXCLUDED.spent, cost_categories = EXCLUDED.cost_categories, note = EXCLUDED.note,
              submitted_by_id = EXCLUDED.submitted_by_id, submitted_at = EXCLUDED.submitted_at
        WHERE s.status = 'submitted'
       RETURNING ${this.statementRows.select}`,
      [
        s.id,
        s.allocationId,
        s.organisationId,
        s.spent,
        s.currency,
        JSON.stringify(s.costCategories),
        s.note,
        s.submittedById,
        s.submittedAt,
      ],
    );
    return rows.length ? this.statementRows.entity(rows[0]) : null;
  }

  /** Accepts a submitted statement with the reconciliation found at closure; false when it was not submitted. */
  async acceptStatement(
    s: FundFinancialStatementEntity,
    set: Pick<FundFinancialStatementEntity, 'acceptedById' | 'acceptedAt' | 'transferred' | 'returned'>,
  ): Promise<boolean> {
    const n = await this.changed(
      `UPDATE fund_financial_statement SET status = 'accepted', accepted_by_id = $2, accepted_at = $3, transferred = $4, returned = $5
        WHERE id = $1 AND status = 'submitted' RETURNING id`,
      [s.id, set.acceptedById, set.acceptedAt, set.transferred, set.returned],
    );
    return n === 1;
  }

  /**
   * Where the allocation's money came from and what went back already: per cash account, what its
   * approval entry drew and what its `allocation_return` entries released.
   */
  async sourcesOf(allocationId: string): Promise<Source[]> {
    const rows: {
      kind: 'cash_pool' | 'cash_earmarked';
      contribution_id: string | null;
      drawn: string;
      released: string;
    }[] = await this.manager.query(
      `SELECT l."kind", l."contribution_id",
                (-SUM(l."amount") FILTER (WHERE e."kind" = 'allocation'))::text AS "drawn",
                COALESCE(SUM(l."amount") FILTER (WHERE e."kind" = 'allocation_return'), 0)::text AS "released"
           FROM "journal_entry" e JOIN "journal_line" l ON l."entry_id" = e."id"
          WHERE e."subject_id" = $1 AND e."kind" IN ('allocation', 'allocation_return')
            AND l."kind" IN ('cash_pool', 'cash_earmarked') AND l."currency" = 'USD'
          GROUP BY l."kind", l."contribution_id"`,
      [allocationId],
    );
    return rows.map((r) => ({
      kind: r.kind,
      contributionId: r.contribution_id,
      drawn: BigInt(r.drawn ?? '0'),
      released: BigInt(r.released),
    }));
  }

  /* Figures (reporting reads, on the pool) */

  /** Approved allocations with their request facts and ledger figures, aggregated in SQL (the summary's hot path). */
  async summaryProjects(
    page: { afterId?: string; limit?: number } = {},
    markers: MarkerFilter = {},
  ): Promise<SummaryProject[]> {
    const rows: Record<string, string | number[] | Date | null | number>[] = await this.manager.query(
      `SELECT a."id", a."duration_months", COALESCE(a."decided_at", a."proposed_at") AS "started_at", p."request_id", p."request_reference", p."title", p."country_code", p."objectives",
              a."gender_marker", a."human_rights_marker", a."child_sensitivity_marker",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'allocation'), 0)::text AS "left",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'transfer'), 0)::text AS "unspent",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'expenditure'), 0)::text AS "spent"
         FROM "fund_allocation" a
         JOIN "fund_application" p ON p."id" = a."application_id"
         LEFT JOIN "fund_balance" b ON b."allocation_id" = a."id" AND b."currency" = 'USD'
        WHERE a."status" = 'approved' AND ($1::uuid IS NULL OR a."id" > $1::uuid) AND ${markerSql(3)}
        GROUP BY a."id", p."id"
        ORDER BY a."id"
        LIMIT $2`,
      [page.afterId ?? null, page.limit ?? null, ...markerParams(markers)],
    );
    return rows.map((r) => {
      const spent = BigInt(r.spent as string);
      const transferred = BigInt(r.unspent as string) + spent;
      return {
        allocationId: r.id as string,
        durationMonths: r.duration_months as number,
        startedAt: new Date(r.started_at as Date),
        requestId: r.request_id as string,
        reference: r.request_reference as string,
        title: r.title as string,
        countryCode: (r.country_code as string).trim(),
        objectives: r.objectives as number[],
        allocated: BigInt(r.left as string) + transferred,
        transferred,
        spent,
        genderMarker: r.gender_marker as number | null,
        humanRightsMarker: r.human_rights_marker as number | null,
        childSensitivityMarker: r.child_sensitivity_marker as number | null,
      };
    });
  }

  /** Each funded request's first transfer (not reversed), for the mechanism's dashboard. */
  async firstTransfers(): Promise<{ requestId: string; at: Date }[]> {
    const rows: { request_id: string; at: Date }[] = await this.manager.query(
      `SELECT a."request_id", MIN(t."executed_at") AS "at"
         FROM "fund_transfer" t JOIN "fund_allocation" a ON a."id" = t."allocation_id"
        WHERE NOT t."reversed" GROUP BY a."request_id"`,
    );
    return rows.map((r) => ({ requestId: r.request_id, at: new Date(r.at) }));
  }

  /** Transferred and spent per organisation, from the balance table (of the allocations whose markers match). */
  async summaryOrganisations(
    markers: MarkerFilter = {},
  ): Promise<{ organisationId: string; transferred: bigint; spent: bigint }[]> {
    const filtered = MARKERS.some((m) => markers[m] !== undefined);
    const rows: { organisation_id: string; unspent: string; spent: string }[] = await this.manager.query(
      `SELECT b."organisation_id", COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'transfer'), 0)::text AS "unspent", COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'expenditure'), 0)::text AS "spent"
         FROM "fund_balance" b ${filtered ? `JOIN "fund_allocation" a ON a."id" = b."allocation_id" AND ${markerSql(1)}` : ''}
        WHERE b."kind" IN ('transfer', 'expenditure') AND b."currency" = 'USD' GROUP BY b."organisation_id"`,
      filtered ? markerParams(markers) : [],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      transferred: BigInt(r.unspent) + BigInt(r.spent),
      spent: BigInt(r.spent),
    }));
  }

  /** Each contribution's balances by kind (original currency and USD), for the donor totals. */
  async summaryContributions(): Promise<SummaryContribution[]> {
    const rows: Record<string, string>[] = await this.manager.query(
      `SELECT c."id", c."contributor_id", c."currency", c."earmark_type",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'pledged' AND b."currency" = c."currency"), 0)::text AS "pledged",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'receivable' AND b."currency" = c."currency"), 0)::text AS "receivable",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'deposit_clearing' AND b."currency" = 'USD'), 0)::text AS "clearing_usd",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'admin_fee'), 0)::text AS "fee",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'refund'), 0)::text AS "refund",
              COALESCE(SUM(b."balance") FILTER (WHERE b."kind" = 'cash_earmarked'), 0)::text AS "earmarked_cash"
         FROM "fund_contribution" c LEFT JOIN "fund_balance" b ON b."contribution_id" = c."id"
        GROUP BY c."id" ORDER BY c."id"`,
    );
    return rows.map((r) => {
      const currency = r.currency.trim();
      const deposited = -BigInt(r.pledged) - BigInt(r.receivable);
      const depositedUsd = currency === 'USD' ? deposited : -BigInt(r.clearing_usd);
      const fee = BigInt(r.fee);
      const refunded = BigInt(r.refund);
      return {
        id: r.id,
        contributorId: r.contributor_id,
        earmarkType: r.earmark_type,
        depositedUsd,
        adminFeeUsd: fee,
        refundedUsd: refunded,
        netUsd: depositedUsd - fee - refunded,
        earmarkedCash: BigInt(r.earmarked_cash),
      };
    });
  }

  async unallocatedCash(): Promise<bigint> {
    const [r]: { s: string }[] = await this.manager.query(
      `SELECT COALESCE(SUM("balance"), 0)::text AS "s" FROM "fund_balance" WHERE "kind" IN ('cash_pool', 'cash_earmarked') AND "currency" = 'USD'`,
    );
    return BigInt(r.s);
  }

  /** Applications with no approved allocation: the pipeline. */
  unfundedApplications() {
    return this.manager
      .getRepository(FundApplicationEntity)
      .createQueryBuilder('p')
      .where(
        `NOT EXISTS (SELECT 1 FROM "fund_allocation" a WHERE a."application_id" = p."id" AND a."status" = 'approved')`,
      )
      .orderBy('p.id', 'ASC')
      .getMany();
  }
}

/** The marker filter in SQL over `fund_allocation a`, its three values (`markerParams`) from parameter $first on. */
const markerSql = (first: number) =>
  ['gender_marker', 'human_rights_marker', 'child_sensitivity_marker']
    .map((c, i) => `($${first + i}::smallint IS NULL OR a."${c}" = $${first + i})`)
    .join(' AND ');
const markerParams = (f: MarkerFilter) => MARKERS.map((m) => f[m] ?? null);

export interface SummaryProject {
  genderMarker: number | null;
  humanRightsMarker: number | null;
  childSensitivityMarker: number | null;
  allocationId: string;
  durationMonths: number;
  startedAt: Date;
  requestId: string;
  reference: string;
  title: string;
  countryCode: string;
  objectives: number[];
  allocated: bigint;
  transferred: bigint;
  spent: bigint;
}

export interface SummaryContribution {
  id: string;
  contributorId: string;
  earmarkType: string;
  depositedUsd: bigint;
  adminFeeUsd: bigint;
  refundedUsd: bigint;
  netUsd: bigint;
  earmarkedCash: bigint;
}
