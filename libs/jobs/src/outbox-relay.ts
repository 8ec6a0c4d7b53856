import { Injectable, Logger, OnApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@cbm/core';
import { JobDispatcher } from './job-dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

const POLL_MS = 500;
const BATCH = 50;

export class RelayOptions {
  enabled = true;
}

/**
 * Moves committed outbox rows to the queue (or runs them in-process). A row is marked
 * done only when its job has run, so nothing is lost while Redis is down.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly dispatcher: JobDispatcher,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly options: RelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.outbox.onEnqueued(() => this.kick());
    this.schedule(POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), ms);
    this.timer.unref();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.schedule(POLL_MS);
      });
  }

  /** One pass until nothing is due; exposed for tests. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.repo.claimDue(this.clock.now(), BATCH);
      for (const row of rows) {
        if (this.stopped && this.dispatcher.mode === 'inline') {
          await this.repo.release(row.id, this.clock.now());
          continue;
        }
        try {
          await this.dispatcher.dispatch(row.id, row.job_name);
        } catch (err) {
          this.logger.warn({ err: (err as Error).message, outboxId: row.id }, 'could not dispatch; will retry');
          await this.repo.release(row.id, new Date(this.clock.now().getTime() + 2000));
        }
      }
      total += rows.length;
      if (rows.length < BATCH || this.stopped) return total;
    }
  }
}
