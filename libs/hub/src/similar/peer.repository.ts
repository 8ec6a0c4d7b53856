import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { PeerExchangeEntity } from './peer-exchange.entity';
import { RequestLinkEntity } from './request-link.entity';

@Injectable()
export class PeerRepository {
  constructor(private readonly db: Database) {}

  async insertLink(m: EntityManager, l: RequestLinkEntity): Promise<void> {
    await m.getRepository(RequestLinkEntity).insert(l);
  }

  async linkExists(m: EntityManager, requestId: string, targetType: string, targetId: string): Promise<boolean> {
    return (
      (await m
        .getRepository(RequestLinkEntity)
        .count({ where: { requestId, targetType: targetType as never, targetId } })) > 0
    );
  }

  links(requestId: string): Promise<RequestLinkEntity[]> {
    return this.db.manager.getRepository(RequestLinkEntity).find({ where: { requestId }, order: { id: 'ASC' } });
  }

  async insertExchange(m: EntityManager, e: PeerExchangeEntity): Promise<void> {
    await m.getRepository(PeerExchangeEntity).insert(e);
  }

  findExchange(m: EntityManager, requestId: string, id: string): Promise<PeerExchangeEntity | null> {
    return m.getRepository(PeerExchangeEntity).findOne({ where: { id, requestId } });
  }

  async updateExchange(m: EntityManager, e: PeerExchangeEntity, expectedVersion: number): Promise<boolean> {
    const res = await m
      .getRepository(PeerExchangeEntity)
      .createQueryBuilder()
      .update()
      .set({
        status: e.status,
        outcome: e.outcome,
        plannedActivities: e.plannedActivities,
        updatedAt: e.updatedAt,
        version: expectedVersion + 1,
      })
      .where('id = :id AND version = :v', { id: e.id, v: expectedVersion })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  exchanges(requestId: string): Promise<PeerExchangeEntity[]> {
    return this.db.manager.getRepository(PeerExchangeEntity).find({ where: { requestId }, order: { id: 'ASC' } });
  }
}
