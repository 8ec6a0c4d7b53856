import { Injectable } from '@nestjs/common';
import type { JobContext } from './job-runner';

export const QUEUES = ['cbm-default', 'cbm-notifications'] as const;
export type QueueName = (typeof QUEUES)[number];

/** A job that works in the database: it runs in a transaction that also marks its outbox row done. */
export interface JobHandler<P = Record<string, unknown>> {
  /** Must be idempotent: delivery is at least once. */
  handle(payload: P, ctx: JobContext): Promise<void>;
}

/**
 * A job whose effect is outside the database (an e-mail): performed after a short claim commits,
 * holding no transaction or lock while it talks to the outside world; at least once.
 */
export interface EffectHandler<P = Record<string, unknown>> {
  perform(payload: P, ctx: { outboxId: string }): Promise<void>;
}

/** The payload as stored in the outbox row (JSON); the handler registered for the name reads it as its type. */
type Stored = Record<string, unknown>;
export type Registration =
  | { queue: QueueName; kind: 'transactional'; handler: JobHandler<Stored> }
  | { queue: QueueName; kind: 'effect'; handler: EffectHandler<Stored> };

/** Job name → handler; the same handlers run in BullMQ workers or in-process. */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<string, Registration>();

  register<P>(name: string, handler: JobHandler<P>, queue: QueueName = 'cbm-default'): void {
    this.handlers.set(name, {
      queue,
      kind: 'transactional',
      handler: { handle: (payload, ctx) => handler.handle(payload as P, ctx) },
    });
  }

  registerEffect<P>(name: string, handler: EffectHandler<P>, queue: QueueName = 'cbm-default'): void {
    this.handlers.set(name, {
      queue,
      kind: 'effect',
      handler: { perform: (payload, ctx) => handler.perform(payload as P, ctx) },
    });
  }

  get(name: string): Registration | undefined {
    return this.handlers.get(name);
  }
}
