import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager, In, IsNull } from 'typeorm';
import { NotificationEntity } from './notification.entity';

@Injectable()
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  async insertMany(m: EntityManager, rows: NotificationEntity[]): Promise<void> {
    if (rows.length) await m.getRepository(NotificationEntity).insert(rows);
  }

  pendingEmail(m: EntityManager, ids: string[]): Promise<NotificationEntity[]> {
    return m.getRepository(NotificationEntity).find({ where: { id: In(ids), emailedAt: IsNull() } });
  }

  async markEmailed(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.getRepository(NotificationEntity).update({ id }, { emailedAt: at });
  }

  listFor(userId: string, unreadOnly: boolean, beforeId: string | undefined, limit: number): Promise<NotificationEntity[]> {
    const qb = this.db.manager.getRepository(NotificationEntity).createQueryBuilder('n').where('n.userId = :userId', { userId }).orderBy('n.id', 'DESC').limit(limit);
    if (unreadOnly) qb.andWhere('n.readAt IS NULL');
    if (beforeId) qb.andWhere('n.id < :beforeId', { beforeId });
    return qb.getMany();
  }

  async unreadCount(userId: string): Promise<number> {
    return this.db.manager.getRepository(NotificationEntity).count({ where: { userId, readAt: IsNull() } });
  }

  async markRead(userId: string, id: string, at: Date): Promise<boolean> {
    const res = await this.db.manager.getRepository(NotificationEntity).createQueryBuilder().update().set({ readAt: at }).where('id = :id AND user_id = :userId AND read_at IS NULL', { id, userId }).execute();
    if ((res.affected ?? 0) > 0) return true;
    return (await this.db.manager.getRepository(NotificationEntity).count({ where: { id, userId } })) > 0;
  }
}
