import { Injectable } from '@nestjs/common';
import { Actor, Database, EntityRows, TransactionalRepository, WriteBatch } from '@cbm/core';
import { SelectQueryBuilder } from 'typeorm';
import { KnowledgeItemVersionEntity } from './knowledge-item-version.entity';
import { KnowledgeItemEntity } from './knowledge-item.entity';
import { KnowledgeError } from './knowledge-item.errors';
import { KnowledgeStatus, TransitionSet } from './knowledge-item.workflow';
import { KnowledgeReviewEntity } from './knowledge-review.entity';

/** The columns a content edit writes (never the status, the source or the publication). */
const CONTENT = [
  'kind',
  'title',
  'summary',
  'body',
  'objectives',
  'actions',
  'principles',
  'countries',
  'regions',
  'organisationIds',
  'tags',
  'language',
  'translations',
  'sourceUrl',
  'licence',
  'year',
  'updatedAt',
] as const satisfies readonly (keyof KnowledgeItemEntity)[];

const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

/** Knowledge items (any status), their versions and their reviewers' declarations. */
@Injectable()
export class KnowledgeItemRepository extends TransactionalRepository {
  private readonly rows: EntityRows<KnowledgeItemEntity>;
  private readonly versionRows: EntityRows<KnowledgeItemVersionEntity>;

  constructor(db: Database) {
    super(db);
    this.rows = new EntityRows(db.dataSource, KnowledgeItemEntity, 'k');
    this.versionRows = new EntityRows(db.dataSource, KnowledgeItemVersionEntity, 'v');
  }

  /**
   * Who sees a non-public item: UN staff all; a partner officer what they or their
   * organisation wrote, and anything published. Everyone else only published items.
   */
  private scopeSql(actor: Actor, bind: (value: unknown) => string): string {
    if (actor.role === 'hub_officer' || actor.role === 'admin' || actor.role === 'system') return 'true';
    if (actor.role === 'partner_officer')
      return `(k.status = 'published' OR k.created_by_id = ${bind(actor.id)}::uuid OR k.organisation_id = ${bind(actor.organisationId ?? NO_ORGANISATION)}::uuid)`;
    return `k.status = 'published'`;
  }

  private applyScope(
    qb: SelectQueryBuilder<KnowledgeItemEntity>,
    actor: Actor,
  ): SelectQueryBuilder<KnowledgeItemEntity> {
    if (actor.role === 'hub_officer' || actor.role === 'admin' || actor.role === 'system') return qb;
    if (actor.role === 'partner_officer')
      return qb.andWhere(`(k.status = 'published' OR k.createdById = :scopeActor OR k.organisationId = :scopeOrg)`, {
        scopeActor: actor.id,
        scopeOrg: actor.organisationId ?? NO_ORGANISATION,
      });
    return qb.andWhere(`k.status = 'published'`);
  }

  /** The item if the actor may see it, else null (another organisation's draft does not exist for them). */
  async findScoped(actor: Actor, id: string): Promise<KnowledgeItemEntity | null> {
    if (!id) return null;
    const params: unknown[] = [id];
    const scope = this.scopeSql(actor, (v) => `$${params.push(v)}`);
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.rows.select} FROM knowledge_item k WHERE k.id = $1 AND ${scope}`,
      params,
    );
    return found.length ? this.rows.entity(found[0]) : null;
  }

  async isPublished(id: string): Promise<boolean> {
    const found: unknown[] = await this.manager.query(
      `SELECT 1 FROM knowledge_item k WHERE k.id = $1 AND k.status = 'published'`,
      [id],
    );
    return found.length > 0;
  }

  /** findScoped, or KNOWLEDGE_NOT_FOUND (404). */
  async getScoped(actor: Actor, id: string): Promise<KnowledgeItemEntity> {
    const k = await this.findScoped(actor, id);
    if (!k) throw KnowledgeError('KNOWLEDGE_NOT_FOUND', 'no such knowledge item');
    return k;
  }

  async findBySource(source: string, sourceId: string): Promise<KnowledgeItemEntity | null> {
    return (await this.bySources(source, [sourceId])).get(sourceId) ?? null;
  }

  /** The items imported from `source` with these source ids, by source id (one query for an import). */
  async bySources(source: string, sourceIds: string[]): Promise<Map<string, KnowledgeItemEntity>> {
    if (!sourceIds.length) return new Map();
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.rows.select} FROM knowledge_item k WHERE k.source = $1 AND k.source_id = ANY($2::text[])`,
      [source, sourceIds],
    );
    return new Map(found.map((r) => this.rows.entity(r)).map((k) => [k.sourceId ?? '', k]));
  }

  list(
    actor: Actor,
    status: KnowledgeStatus[] | undefined,
    afterId: string | undefined,
    limit: number,
  ): Promise<KnowledgeItemEntity[]> {
    const qb = this.applyScope(
      this.manager.getRepository(KnowledgeItemEntity).createQueryBuilder('k').orderBy('k.id', 'DESC').limit(limit),
      actor,
    );
    if (status?.length) qb.andWhere('k.status IN (:...status)', { status });
    if (afterId) qb.andWhere('k.id < :afterId', { afterId });
    return qb.getMany();
  }

  /** New items, now (later statements of the transaction update them): one statement per 500. */
  async insert(items: readonly KnowledgeItemEntity[]): Promise<void> {
    if (!items.length) return;
    const batch = new WriteBatch();
    this.rows.insert(batch, items);
    await batch.execute(this.manager);
  }

  /** A content edit: only while the version is still the one read (else false, and nothing was written). */
  async saveContent(k: KnowledgeItemEntity, expectedVersion: number): Promise<boolean> {
    const params: unknown[] = [k.id, expectedVersion];
    const assignments = CONTENT.map((key) => `${this.rows.column(key)} = $${params.push(k[key])}`);
    return this.updated(
      `UPDATE knowledge_item SET ${assignments.join(', ')}, version = $2 + 1 WHERE id = $1 AND version = $2 RETURNING id`,
      params,
    );
  }

  /**
   * The SQL half of the double guard: the status changes only while status and version are still
   * what was read (else false: someone else moved the item first, and nothing was written).
   */
  async transition(k: KnowledgeItemEntity, set: TransitionSet): Promise<boolean> {
    const params: unknown[] = [k.id, k.status, k.version];
    const assignments = Object.entries(set).map(([key, value]) => `${this.rows.column(key)} = $${params.push(value)}`);
    return this.updated(
      `UPDATE knowledge_item SET ${assignments.join(', ')}, version = $3 + 1
        WHERE id = $1 AND status = $2 AND version = $3 RETURNING id`,
      params,
    );
  }

  /** Whether the UPDATE (with RETURNING) changed exactly one row; asked as a SELECT, whose rows come back as such. */
  private async updated(update: string, params: unknown[]): Promise<boolean> {
    const [{ n }]: { n: number }[] = await this.manager.query(
      `WITH u AS (${update}) SELECT count(*)::int AS n FROM u`,
      params,
    );
    return n === 1;
  }

  /** A version snapshot, written with the transaction's other rows just before COMMIT. */
  addVersion(v: KnowledgeItemVersionEntity): void {
    this.versionRows.insertBeforeCommit(this.transaction, v);
  }

  versions(itemId: string, afterVersion: number | undefined, limit: number): Promise<KnowledgeItemVersionEntity[]> {
    const qb = this.manager
      .getRepository(KnowledgeItemVersionEntity)
      .createQueryBuilder('v')
      .where('v.itemId = :itemId', { itemId })
      .orderBy('v.version', 'ASC')
      .limit(limit);
    if (afterVersion) qb.andWhere('v.version > :afterVersion', { afterVersion });
    return qb.getMany();
  }

  version(itemId: string, version: number): Promise<KnowledgeItemVersionEntity | null> {
    return this.manager.getRepository(KnowledgeItemVersionEntity).findOne({ where: { itemId, version } });
  }

  declaration(itemId: string, reviewerId: string): Promise<KnowledgeReviewEntity | null> {
    return this.manager.getRepository(KnowledgeReviewEntity).findOne({ where: { itemId, reviewerId } });
  }

  reviews(itemId: string): Promise<KnowledgeReviewEntity[]> {
    return this.manager.getRepository(KnowledgeReviewEntity).find({ where: { itemId }, order: { declaredAt: 'ASC' } });
  }

  /** A reviewer's declaration; a later one replaces theirs. */
  async saveReview(r: KnowledgeReviewEntity): Promise<void> {
    await this.manager.query(
      `INSERT INTO knowledge_review (id, item_id, reviewer_id, conflict_of_interest, conflict_statement, comment, declared_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (item_id, reviewer_id) DO UPDATE SET conflict_of_interest = EXCLUDED.conflict_of_interest,
         conflict_statement = EXCLUDED.conflict_statement, comment = EXCLUDED.comment, declared_at = EXCLUDED.declared_at`,
      [r.id, r.itemId, r.reviewerId, r.conflictOfInterest, r.conflictStatement, r.comment, r.declaredAt],
    );
  }
}
