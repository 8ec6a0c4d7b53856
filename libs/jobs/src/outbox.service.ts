import { Injectable } from '@nestjs/common';
import { Clock, newId, queueBeforeCommit } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { OutboxEntity } from './outbox.entity';
import { OutboxRepository } from './outbox.repository';

/** What domain services call: `outbox.enqueue(m, 'notify', { notificationIds })` inside their transaction. */
@Injectable()
export class OutboxService {
  private listener?: () => void;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * In a transaction opened by Database.transaction the row is written with COMMIT, with every
   * other row of the transaction in one INSERT sent in the message that commits (notifications
   * and domain events of one change: no round trip of their own); elsewhere (a bare manager) at once.
   */
  async enqueue(m: EntityManager, jobName: string, payload: Record<string, unknown>, delayMs = 0): Promise<string> {
    const now = this.clock.now();
    const row = Object.assign(new OutboxEntity(), {
      id: newId(),
      jobName,
      payload,
      status: 'pending',
      attempts: 0,
      availableAt: new Date(now.getTime() + delayMs),
      dispatchedAt: null,
      processedAt: null,
      lastError: null,
      createdAt: now,
    });
    if (!queueBeforeCommit(m, this, [row], (queued) => this.repo.insertStatement(queued)))
      await this.repo.insertMany(m, [row]);
    // the relay looks again soon; the row is only visible once the caller commits
    setTimeout(() => this.listener?.(), 15).unref();
    return row.id;
  }

  onEnqueued(listener: () => void): void {
    this.listener = listener;
  }
}
