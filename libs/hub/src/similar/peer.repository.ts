import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import { PeerExchangeEntity } from './peer-exchange.entity';
import { LinkTarget, RequestLinkEntity } from './request-link.entity';

@Injectable()
export class PeerRepository extends TransactionalRepository {
  async insertLink(l: RequestLinkEntity): Promise<void> {
    await this.manager.getRepository(RequestLinkEntity).insert(l);
  }

  async linkExists(requestId: string, targetType: LinkTarget, targetId: string): Promise<boolean> {
    return (
      (await this.manager.getRepository(RequestLinkEntity).count({ where: { requestId, targetType, targetId } })) > 0
    );
  }

  links(requestId: string): Promise<RequestLinkEntity[]> {
    return this.manager.getRepository(RequestLinkEntity).find({ where: { requestId }, order: { id: 'ASC' } });
  }

  /** Links between requests that touch any of the given requests, from either end. */
  requestLinksTouching(requestIds: string[]): Promise<RequestLinkEntity[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(RequestLinkEntity)
      .createQueryBuilder('l')
      .where(`l.targetType = 'request' AND (l.requestId IN (:...ids) OR l.targetId IN (:...ids))`, { ids: requestIds })
      .orderBy('l.id', 'ASC')
      .getMany();
  }

  async insertExchange(e: PeerExchangeEntity): Promise<void> {
    await this.manager.getRepository(PeerExchangeEntity).insert(e);
  }

  findExchange(requestId: string, id: string): Promise<PeerExchangeEntity | null> {
    return this.manager.getRepository(PeerExchangeEntity).findOne({ where: { id, requestId } });
  }

  async updateExchange(e: PeerExchangeEntity, expectedVersion: number): Promise<boolean> {
    const res = await this.manager
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
    return this.manager.getRepository(PeerExchangeEntity).find({ where: { requestId }, order: { id: 'ASC' } });
  }
}
