import { DynamicModule, Global, Injectable, Module, OnApplicationBootstrap, Provider } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { EventBus } from './event-bus';
import { BullJobDispatcher, InlineJobDispatcher, JobDispatcher } from './job-dispatcher';
import { JobRegistry, QUEUES } from './job-registry';
import { JobRunner } from './job-runner';
import { JobScheduler } from './job-scheduler';
import { OutboxRelay, RelayOptions } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { BullSchedulerBridge, DefaultQueueProcessor, NotificationsQueueProcessor } from './bull.processors';

export interface JobsOptions {
  redisUrl?: string;
  /** Run BullMQ workers in this process (the worker app; the API in tests). */
  runWorkers: boolean;
  /** Run the outbox relay and, without Redis, the timers. */
  runRelay: boolean;
  /** Key prefix in Redis: tests use one per file. */
  prefix?: string;
}

export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

@Injectable()
class InlineTimers implements OnApplicationBootstrap {
  constructor(private readonly scheduler: JobScheduler) {}
  onApplicationBootstrap(): void {
    this.scheduler.startTimers();
  }
}

@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsOptions): DynamicModule {
    const common: Provider[] = [
      EventBus,
      JobRegistry,
      JobRunner,
      OutboxRepository,
      OutboxService,
      JobScheduler,
      OutboxRelay,
      { provide: RelayOptions, useValue: { enabled: options.runRelay } },
    ];
    if (!options.redisUrl) {
      return {
        module: JobsModule,
        providers: [
          ...common,
          { provide: JobDispatcher, useClass: InlineJobDispatcher },
          ...(options.runRelay ? [InlineTimers] : []),
        ],
        exports: [EventBus, JobRegistry, OutboxService, JobScheduler, OutboxRelay, JobRunner],
      };
    }
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({ connection: redisConnection(options.redisUrl), prefix: options.prefix ?? 'cbm' }),
        BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
      ],
      providers: [
        ...common,
        { provide: JobDispatcher, useClass: BullJobDispatcher },
        ...(options.runWorkers ? [DefaultQueueProcessor, NotificationsQueueProcessor, BullSchedulerBridge] : []),
      ],
      exports: [EventBus, JobRegistry, OutboxService, JobScheduler, OutboxRelay, JobRunner, BullModule],
    };
  }
}
