import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SupportRequestEntity } from '../request/support-request.entity';

@Injectable()
export class SlaRepository {
  /** Requests whose running clock ran out and were not yet flagged; locked, skipping rows another scan holds. */
  newlyOverdue(m: EntityManager, now: Date, limit: number): Promise<SupportRequestEntity[]> {
    return m
      .getRepository(SupportRequestEntity)
      .createQueryBuilder('r')
      .where('r.dueAt < :now AND r.overdueAt IS NULL', { now })
      .orderBy('r.dueAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Flagged, still overdue at the same due date, not yet escalated. */
  unescalated(m: EntityManager, now: Date, limit: number): Promise<SupportRequestEntity[]> {
    return m
      .getRepository(SupportRequestEntity)
      .createQueryBuilder('r')
      .where('r.dueAt < :now AND r.overdueAt IS NOT NULL AND r.escalatedAt IS NULL', { now })
      .orderBy('r.overdueAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Conditional: only the first scan to get there wins (at-least-once delivery). */
  async mark(m: EntityManager, id: string, column: 'overdueAt' | 'escalatedAt', at: Date): Promise<boolean> {
    const res = await m
      .getRepository(SupportRequestEntity)
      .createQueryBuilder()
      .update()
      .set({ [column]: at })
      .where(`id = :id AND ${column === 'overdueAt' ? 'overdue_at' : 'escalated_at'} IS NULL`, { id })
      .execute();
    return (res.affected ?? 0) === 1;
  }
}
