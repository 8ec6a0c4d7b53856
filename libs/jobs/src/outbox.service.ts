import { Injectable } from '@nestjs/common';
import { BufferKind, Clock, FLUSH_STAGE, newId, Transaction, WriteBatch, WriteBuffer } from '@cbm/core';
import { OutboxEntity } from './outbox.entity';
import { OutboxRepository } from './outbox.repository';

/** The outbox rows of one transaction: one INSERT just before COMMIT; the relay is woken after it. */
export class OutboxWriter implements WriteBuffer {
  private readonly rows: OutboxEntity[] = [];

  constructor(
    private readonly service: OutboxService,
    t: Transaction,
  ) {
    t.afterCommit(() => service.committed());
  }

  /** A job to run after COMMIT (at least once: handlers re-read and are idempotent). */
  enqueue(jobName: string, payload: Record<string, unknown>, delayMs = 0): string {
    const row = this.service.row(jobName, payload, delayMs);
    this.rows.push(row);
    return row.id;
  }

  write(batch: WriteBatch): void {
    if (this.rows.length) this.service.insert(batch, this.rows);
  }
}

/** Work that must follow a commit goes through the outbox table, never straight to the queue. */
@Injectable()
export class OutboxService {
  private listener?: () => void;
  private readonly writer = new BufferKind('outbox', FLUSH_STAGE.outbox, (t) => new OutboxWriter(this, t));

  constructor(
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  /** Transaction `t`'s outbox. */
  in(t: Transaction): OutboxWriter {
    return t.buffer(this.writer);
  }

  row(jobName: string, payload: Record<string, unknown>, delayMs: number): OutboxEntity {
    const now = this.clock.now();
    return Object.assign(new OutboxEntity(), {
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
  }

  insert(batch: WriteBatch, rows: OutboxEntity[]): void {
    this.repo.insert(batch, rows);
  }

  /** A transaction that wrote outbox rows committed: the relay looks now rather than at its next poll. */
  committed(): void {
    this.listener?.();
  }

  onEnqueued(listener: () => void): void {
    this.listener = listener;
  }
}
