import { Injectable, Logger } from '@nestjs/common';
import { Clock, Database, Transaction } from '@cbm/core';
import { JobRegistry } from './job-registry';
import { OutboxRepository } from './outbox.repository';

export const MAX_ATTEMPTS = 8;

export interface JobContext {
  /** The transaction the job runs in; its outbox row is marked done in it too. */
  transaction: Transaction;
  outboxId: string;
}

/**
 * Runs one outbox job: re-reads the row, skips it when already done, runs the handler and
 * marks the row done in one transaction. A failure schedules a retry with backoff.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('JobRunner');

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
  ) {}

  async run(outboxId: string): Promise<'done' | 'skipped' | 'failed'> {
    let attempts = 0;
    try {
      return await this.db.transaction(async (t) => {
        const m = t.manager;
        const row = await this.outbox.lockForRun(m, outboxId);
        if (!row || row.status !== 'pending') return 'skipped';
        attempts = row.attempts;
        const reg = this.registry.get(row.jobName);
        if (!reg) throw new Error(`no handler registered for job ${row.jobName}`);
        await reg.handler.handle(row.payload, { transaction: t, outboxId });
        await this.outbox.markDone(m, row.id, this.clock.now());
        return 'done';
      });
    } catch (error) {
      const next = attempts + 1;
      const retryAt =
        next >= MAX_ATTEMPTS ? null : new Date(this.clock.now().getTime() + Math.min(2 ** next, 300) * 1000);
      this.logger.warn({ outboxId, attempt: next, err: (error as Error).message }, 'job failed');
      await this.outbox
        .markAttemptFailed(outboxId, (error as Error).message ?? String(error), retryAt)
        .catch(() => undefined);
      return 'failed';
    }
  }
}
