import { Injectable } from '@nestjs/common';
import { beforeCommit, Clock, newId } from '@cbm/core';
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

  private readonly pending = new WeakMap<EntityManager, OutboxEntity[]>();

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
    let queue = this.pending.get(m);
    if (!queue) {
      const q: OutboxEntity[] = [];
      if (beforeCommit(m, this, () => this.flush(m, q))) {
        this.pending.set(m, q);
        queue = q;
      }
    }
    if (queue) queue.push(row);
    else await this.repo.insertMany(m, [row]);
    // the relay looks again soon; the row is only visible once the caller commits
    setTimeout(() => this.listener?.(), 15).unref();
    return row.id;
  }

  /** The transaction's rows in one INSERT, handed to Database.transaction to send with COMMIT. */
  private async flush(m: EntityManager, rows: OutboxEntity[]): Promise<string | void> {
    this.pending.delete(m);
    if (rows.length) return this.repo.insertStatement(rows);
  }

  onEnqueued(listener: () => void): void {
    this.listener = listener;
  }
}
