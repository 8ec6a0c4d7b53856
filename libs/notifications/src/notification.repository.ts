import { Injectable } from '@nestjs/common';
import { Database, sqlLiteral } from '@cbm/core';
import { EntityManager, IsNull } from 'typeorm';
import { NotificationEntity } from './notification.entity';

@Injectable()
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  /** The rows as one INSERT with literal values, for Database.transaction to send with COMMIT. */
  insertStatement(rows: NotificationEntity[]): string {
    const values = rows.map((n) => `(${[n.id, n.userId, n.kind, n.title, n.body, n.entityType, n.entityId, n.readAt, n.emailedAt, n.createdAt].map(sqlLiteral).join(', ')})`);
    return `INSERT INTO notification (id, user_id, kind, title, body, entity_type, entity_id, read_at, emailed_at, created_at) VALUES ${values.join(', ')}`;
  }

  /** One multi-row INSERT with a fixed text per row count. */
  async insertMany(m: EntityManager, rows: NotificationEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const params: unknown[] = [];
      const values = chunk.map((n) => {
        const b = params.length;
        params.push(n.id, n.userId, n.kind, n.title, n.body, n.entityType, n.entityId, n.readAt, n.emailedAt, n.createdAt);
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10})`;
      });
      await m.query(`INSERT INTO notification (id, user_id, kind, title, body, entity_type, entity_id, read_at, emailed_at, created_at) VALUES ${values.join(', ')}`, params);
    }
  }

  pendingEmail(m: EntityManager, ids: string[]): Promise<Pick<NotificationEntity, 'id' | 'userId' | 'title' | 'body'>[]> {
    return m.query('SELECT id, user_id AS "userId", title, body FROM notification WHERE id = ANY($1::uuid[]) AND emailed_at IS NULL ORDER BY id', [ids]);
  }

  async markEmailed(m: EntityManager, ids: string[], at: Date): Promise<void> {
    // test/resilience/worker-crash finds the job blocked here by this text
    if (ids.length) await m.query('UPDATE "notification" SET "emailed_at" = $2 WHERE "id" = ANY($1::uuid[])', [ids, at]);
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
