import { Injectable } from '@nestjs/common';
import { Transaction } from '@cbm/core';
import { JobRegistry } from './job-registry';
import { JobContext } from './job-runner';
import { OutboxService } from './outbox.service';

/** A fact one context announces to the others: `request.transitioned`, `request.completed`, ... */
export interface DomainEvent<P extends object = object> {
  readonly name: string;
  readonly payload: P;
}

export type EventHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

/**
 * Domain events between bounded contexts, delivered after commit through the outbox:
 * publishing writes one outbox row per subscriber in the publisher's transaction, so a
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

  /** `tx.publish` of a unit of work: the event's outbox rows join transaction `t`'s. */
  publisher(t: Transaction): (event: DomainEvent) => void {
    return (event) => {
      const outbox = this.outbox.in(t);
      for (const jobName of this.subscribers.get(event.name) ?? []) {
        outbox.enqueue(jobName, { event: event.name, ...event.payload });
      }
    };
  }
}
