import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobRegistry } from './job-registry';
import { JobContext } from './job-runner';
import { OutboxService } from './outbox.service';

export type EventHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

/**
 * Domain events between bounded contexts, delivered after commit through the outbox:
 * `publish()` writes one outbox row per subscriber in the publisher's transaction, so a
 * subscriber's failure is retried on its own and never undoes the publisher's change.
 */
@Injectable()
export class EventBus {
  private readonly subscribers = new Map<string, string[]>();

  constructor(
    private readonly registry: JobRegistry,
    private readonly outbox: OutboxService,
  ) {}

  /** Call from a module's onModuleInit. Handlers must be idempotent (at-least-once). */
  subscribe<P>(event: string, subscriber: string, handler: EventHandler<P>): void {
    const jobName = `event-${event.replace(/\./g, '-')}-${subscriber}`;
    this.registry.register<P>(jobName, { handle: (payload, ctx) => handler(payload, ctx) });
    this.subscribers.set(event, [...(this.subscribers.get(event) ?? []), jobName]);
  }

  async publish(m: EntityManager, event: string, payload: Record<string, unknown>): Promise<void> {
    for (const jobName of this.subscribers.get(event) ?? [])
      await this.outbox.enqueue(m, jobName, { event, ...payload });
  }
}
