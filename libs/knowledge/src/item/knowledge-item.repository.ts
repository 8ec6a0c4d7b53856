import { Injectable } from '@nestjs/common';
import { Actor, Database } from '@cbm/core';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { KnowledgeItemVersionEntity } from './knowledge-item-version.entity';
import { KnowledgeItemEntity } from './knowledge-item.entity';
import { KnowledgeStatus } from './knowledge-item.workflow';
import { KnowledgeReviewEntity } from './knowledge-review.entity';

@Injectable()
export class KnowledgeItemRepository {
  constructor(private readonly db: Database) {}

  private items(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(KnowledgeItemEntity);
  }

  /**
   * Who sees a non-public item: UN staff all; a partner officer what they or their
   * organisation wrote, and anything published. Everyone else only published items.
   */
  applyScope(qb: SelectQueryBuilder<KnowledgeItemEntity>, actor: Actor): SelectQueryBuilder<KnowledgeItemEntity> {
    if (actor.role === 'hub_officer' || actor.role === 'admin' || actor.role === 'system') return qb;
    if (actor.role === 'partner_officer') {
      return qb.andWhere(`(k.status = 'published' OR k.createdById = :scopeActor OR k.organisationId = :scopeOrg)`, {
        scopeActor: actor.id,
        scopeOrg: actor.organisationId ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    return qb.andWhere(`k.status = 'published'`);
  }

  findScoped(actor: Actor, id: string, m?: EntityManager): Promise<KnowledgeItemEntity | null> {
    return this.applyScope(this.items(m).createQueryBuilder('k').where('k.id = :id', { id }), actor).getOne();
  }

  findById(id: string, m?: EntityManager): Promise<KnowledgeItemEntity | null> {
    return this.items(m).findOne({ where: { id } });
  }

  findBySource(m: EntityManager, source: string, sourceId: string): Promise<KnowledgeItemEntity | null> {
    return this.items(m).findOne({ where: { source, sourceId } });
  }

  list(
    actor: Actor,
    status: KnowledgeStatus[] | undefined,
    afterId: string | undefined,
    limit: number,
  ): Promise<KnowledgeItemEntity[]> {
    const qb = this.applyScope(this.items().createQueryBuilder('k').orderBy('k.id', 'DESC').limit(limit), actor);
    if (status?.length) qb.andWhere('k.status IN (:...status)', { status });
    if (afterId) qb.andWhere('k.id < :afterId', { afterId });
    return qb.getMany();
  }

  async insert(m: EntityManager, item: KnowledgeItemEntity): Promise<void> {
    await this.items(m).insert(item as never);
  }

  /** Writes the item only when its version is still the one read (the SQL half of the guard). */
  async saveIfVersion(
    m: EntityManager,
    item: KnowledgeItemEntity,
    expectedVersion: number,
    fromStatus?: KnowledgeStatus,
  ): Promise<boolean> {
    const { id, version: _v, ...fields } = item;
    const qb = this.items(m)
      .createQueryBuilder()
      .update()
      .set({ ...(fields as object), version: expectedVersion + 1 })
      .where('id = :id AND version = :v', { id, v: expectedVersion });
    if (fromStatus) qb.andWhere('status = :from', { from: fromStatus });
    const res = await qb.execute();
    return (res.affected ?? 0) === 1;
  }

  async addVersion(m: EntityManager, v: KnowledgeItemVersionEntity): Promise<void> {
    await m.getRepository(KnowledgeItemVersionEntity).insert(v as never);
  }

  versions(itemId: string, afterVersion: number | undefined, limit: number): Promise<KnowledgeItemVersionEntity[]> {
    const qb = this.db.manager
      .getRepository(KnowledgeItemVersionEntity)
      .createQueryBuilder('v')
      .where('v.itemId = :itemId', { itemId })
      .orderBy('v.version', 'ASC')
      .limit(limit);
    if (afterVersion) qb.andWhere('v.version > :afterVersion', { afterVersion });
    return qb.getMany();
  }

  version(itemId: string, version: number): Promise<KnowledgeItemVersionEntity | null> {
    return this.db.manager.getRepository(KnowledgeItemVersionEntity).findOne({ where: { itemId, version } });
  }

  review(m: EntityManager, itemId: string, reviewerId: string): Promise<KnowledgeReviewEntity | null> {
    return m.getRepository(KnowledgeReviewEntity).findOne({ where: { itemId, reviewerId } });
  }

  reviews(itemId: string, m?: EntityManager): Promise<KnowledgeReviewEntity[]> {
    return (m ?? this.db.manager)
      .getRepository(KnowledgeReviewEntity)
      .find({ where: { itemId }, order: { declaredAt: 'ASC' } });
  }

  async saveReview(m: EntityManager, r: KnowledgeReviewEntity): Promise<void> {
    await m.getRepository(KnowledgeReviewEntity).upsert(r as never, ['itemId', 'reviewerId']);
  }
}
