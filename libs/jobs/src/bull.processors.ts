import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { JobRunner } from './job-runner';
import { JobScheduler } from './job-scheduler';

const SCHEDULED = 'scheduled-';

async function processJob(
  job: Job<{ outboxId?: string }>,
  runner: JobRunner,
  scheduler: JobScheduler,
): Promise<string> {
  if (job.name.startsWith(SCHEDULED)) {
    await scheduler.runNow(job.name.slice(SCHEDULED.length));
    return 'done';
  }
  // failures are recorded on the outbox row and retried by the relay, not by BullMQ
  return job.data.outboxId ? runner.run(job.data.outboxId, job.name) : 'skipped';
}

@Processor('cbm-default', { concurrency: 4 })
export class DefaultQueueProcessor extends WorkerHost {
  constructor(
    private readonly runner: JobRunner,
    private readonly scheduler: JobScheduler,
  ) {
    super();
  }
  process(job: Job<{ outboxId?: string }>) {
    return processJob(job, this.runner, this.scheduler);
  }
}

@Processor('cbm-notifications', { concurrency: 8 })
export class NotificationsQueueProcessor extends WorkerHost {
  constructor(
    private readonly runner: JobRunner,
    private readonly scheduler: JobScheduler,
  ) {
    super();
  }
  process(job: Job<{ outboxId?: string }>) {
    return processJob(job, this.runner, this.scheduler);
  }
}

/** With Redis, repeating tasks are BullMQ job schedulers: one run per period across all workers. */
@Injectable()
export class BullSchedulerBridge implements OnApplicationBootstrap {
  constructor(
    private readonly scheduler: JobScheduler,
    @InjectQueue('cbm-default') private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const [name, { everyMs }] of this.scheduler.tasks) {
      await this.queue.upsertJobScheduler(`${SCHEDULED}${name}`, { every: everyMs }, { name: `${SCHEDULED}${name}` });
    }
  }
}
