import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Database, Transaction } from '@cbm/core';

export type ScheduledTask = (t: Transaction) => Promise<void>;

/**
 * Repeating tasks (the service-level scan). With Redis they are BullMQ job schedulers
 * (see BullSchedulerBridge); without, timers in this process. Tasks must be idempotent.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('JobScheduler');
  readonly tasks = new Map<string, { everyMs: number; task: ScheduledTask }>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly db: Database) {}

  every(name: string, everyMs: number, task: ScheduledTask): void {
    this.tasks.set(name, { everyMs, task });
  }

  async runNow(name: string): Promise<void> {
    const entry = this.tasks.get(name);
    if (!entry) throw new Error(`no scheduled task ${name}`);
    await this.db.transaction((t) => entry.task(t));
  }

  startTimers(): void {
    for (const [name, { everyMs }] of this.tasks) {
      const t = setInterval(
        () =>
          this.runNow(name).catch((err: Error) =>
            this.logger.warn({ err: err.message, task: name }, 'scheduled task failed'),
          ),
        everyMs,
      );
      t.unref();
      this.timers.push(t);
    }
  }

  onApplicationShutdown(): void {
    this.timers.forEach(clearInterval);
  }
}
