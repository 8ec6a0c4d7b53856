import { Injectable } from '@nestjs/common';

export const QUEUES = ['cbm-default', 'cbm-notifications'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobHandler<P = Record<string, unknown>> {
  /** Must be idempotent: delivery is at least once. */
  handle(payload: P, ctx: import('./job-runner').JobContext): Promise<void>;
}

interface Registration {
  queue: QueueName;
  /** The payload as stored in the outbox row (JSON); the handler registered for the name reads it as its type. */
  handler: JobHandler<Record<string, unknown>>;
}

/** Job name → handler; the same handlers run in BullMQ workers or in-process. */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<string, Registration>();

  register<P>(name: string, handler: JobHandler<P>, queue: QueueName = 'cbm-default'): void {
    this.handlers.set(name, { queue, handler: { handle: (payload, ctx) => handler.handle(payload as P, ctx) } });
  }

  get(name: string): Registration | undefined {
    return this.handlers.get(name);
  }
}
