import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import { SupportRequestEntity } from '../request/support-request.entity';

@Injectable()
export class SlaRepository extends TransactionalRepository {
  /** Requests whose running clock ran out and were not yet flagged; locked, skipping rows another scan holds. */
  newlyOverdue(now: Date, limit: number): Promise<SupportRequestEntity[]> {
    return this.manager
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
  unescalated(now: Date, limit: number): Promise<SupportRequestEntity[]> {
    return this.manager
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
  async mark(id: string, column: 'overdueAt' | 'escalatedAt', at: Date): Promise<boolean> {
    const res = await this.manager
      .getRepository(SupportRequestEntity)
      .createQueryBuilder()
      .update()
      .set({ [column]: at })
      .where(`id = :id AND ${column === 'overdueAt' ? 'overdue_at' : 'escalated_at'} IS NULL`, { id })
      .execute();
    return (res.affected ?? 0) === 1;
  }
}
