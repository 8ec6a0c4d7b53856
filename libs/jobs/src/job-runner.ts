import { Injectable, Logger } from '@nestjs/common';
import { Clock, Database, Transaction } from '@cbm/core';
import { EffectHandler, JobRegistry } from './job-registry';
import { OutboxRepository } from './outbox.repository';

export const MAX_ATTEMPTS = 8;

export interface JobContext {
  /** The transaction the job runs in; its outbox row is marked done in it too. */
  transaction: Transaction;
  outboxId: string;
}

/**
 * Runs one outbox job, at least once and never twice at the same time. A transactional job re-reads
 * its row under a lock, runs and marks the row done in one transaction. An effect job (e-mail) is
 * claimed for a while by one statement, performed outside any transaction, then marked done. A failure
 * schedules a retry with backoff.
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

  async run(outboxId: string, jobName: string): Promise<'done' | 'skipped' | 'failed'> {
    const reg = this.registry.get(jobName);
    let attempts = 0;
    try {
      if (reg?.kind === 'effect') return await this.perform(outboxId, reg.handler, (n) => (attempts = n));
      return await this.db.transaction(async (t) => {
        const row = await this.outbox.lockForRun(t.manager, outboxId);
        if (!row || row.status !== 'pending') return 'skipped';
        attempts = row.attempts;
        if (!reg) throw new Error(`no handler registered for job ${row.jobName}`);
        await reg.handler.handle(row.payload, { transaction: t, outboxId });
        await this.outbox.markDone(t.manager, row.id, this.clock.now());
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

  private async perform(
    outboxId: string,
    handler: EffectHandler,
    seen: (attempts: number) => void,
  ): Promise<'done' | 'skipped'> {
    const claimed = await this.outbox.claimEffect(outboxId, this.clock.now(), this.outbox.effectLeaseSeconds);
    if (!claimed) return 'skipped';
    seen(claimed.attempts);
    await handler.perform(claimed.payload, { outboxId });
    await this.outbox.markEffectDone(outboxId, this.clock.now());
    return 'done';
  }
}
