import { Injectable } from '@nestjs/common';

export const QUEUES = ['cbm-default', 'cbm-notifications'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobHandler<P = Record<string, unknown>> {
  /** Must be idempotent: delivery is at least once. */
  handle(payload: P, ctx: import('./job-runner').JobContext): Promise<void>;
}

interface Registration {
  queue: QueueName;
  handler: JobHandler<never>;
}

/** Job name → handler; the same handlers run in BullMQ workers or in-process. */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<string, Registration>();

  register<P>(name: string, handler: JobHandler<P>, queue: QueueName = 'cbm-default'): void {
    this.handlers.set(name, { queue, handler: handler as JobHandler<never> });
  }

  get(name: string): Registration | undefined {
    return this.handlers.get(name);
  }
}
