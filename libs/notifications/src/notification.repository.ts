import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { IsNull } from 'typeorm';
import { NotificationEntity } from './notification.entity';

@Injectable()
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  pendingEmail(ids: string[]): Promise<Pick<NotificationEntity, 'id' | 'userId' | 'title' | 'body'>[]> {
    return this.db.query(
      'SELECT id, user_id AS "userId", title, body FROM notification WHERE id = ANY($1::uuid[]) AND emailed_at IS NULL ORDER BY id',
      [ids],
    );
  }

  /** One statement, outside any transaction (the e-mail is already sent). */
  async markEmailed(ids: string[], at: Date): Promise<void> {
    // test/resilience/worker-crash finds the job blocked here by this text
    if (ids.length)
      await this.db.query('UPDATE "notification" SET "emailed_at" = $2 WHERE "id" = ANY($1::uuid[])', [ids, at]);
  }

  listFor(
    userId: string,
    unreadOnly: boolean,
    beforeId: string | undefined,
    limit: number,
  ): Promise<NotificationEntity[]> {
    const qb = this.db.manager
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId })
      .orderBy('n.id', 'DESC')
      .limit(limit);
    if (unreadOnly) qb.andWhere('n.readAt IS NULL');
    if (beforeId) qb.andWhere('n.id < :beforeId', { beforeId });
    return qb.getMany();
  }

  async unreadCount(userId: string): Promise<number> {
    return this.db.manager.getRepository(NotificationEntity).count({ where: { userId, readAt: IsNull() } });
  }

  async markRead(userId: string, id: string, at: Date): Promise<boolean> {
    const res = await this.db.manager
      .getRepository(NotificationEntity)
      .createQueryBuilder()
      .update()
      .set({ readAt: at })
      .where('id = :id AND user_id = :userId AND read_at IS NULL', { id, userId })
      .execute();
    if ((res.affected ?? 0) > 0) return true;
    return (await this.db.manager.getRepository(NotificationEntity).count({ where: { id, userId } })) > 0;
  }
}
