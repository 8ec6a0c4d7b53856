import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JobRegistry } from './job-registry';
import { JobRunner } from './job-runner';

export abstract class JobDispatcher {
  /** Hands one claimed outbox row on; throws when it could not (the row is released for later). */
  abstract dispatch(outboxId: string, jobName: string): Promise<void>;
  abstract readonly mode: 'inline' | 'bullmq';
}

/** No Redis: the relay runs the job itself, through the same runner a worker would use. */
@Injectable()
export class InlineJobDispatcher extends JobDispatcher {
  readonly mode = 'inline' as const;
  constructor(private readonly runner: JobRunner) {
    super();
  }
  async dispatch(outboxId: string, jobName: string): Promise<void> {
    await this.runner.run(outboxId, jobName);
  }
}

@Injectable()
export class BullJobDispatcher extends JobDispatcher {
  readonly mode = 'bullmq' as const;
  constructor(
    private readonly registry: JobRegistry,
    @InjectQueue('cbm-default') private readonly defaultQueue: Queue,
    @InjectQueue('cbm-notifications') private readonly notificationsQueue: Queue,
  ) {
    super();
  }
  async dispatch(outboxId: string, jobName: string): Promise<void> {
    const queue =
      this.registry.get(jobName)?.queue === 'cbm-notifications' ? this.notificationsQueue : this.defaultQueue;
    // the id changes per dispatch: a job lost after a Redis failure is dispatched again
    await queue.add(
      jobName,
      { outboxId },
      { jobId: `${jobName}-${outboxId}-${Date.now()}`, removeOnComplete: 1000, removeOnFail: 5000, attempts: 1 },
    );
  }
}
