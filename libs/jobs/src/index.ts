import { OutboxEntity } from './outbox.entity';

export * from './jobs.module';
export * from './job-registry';
export * from './job-runner';
export * from './job-scheduler';
export * from './outbox.service';
export * from './outbox-relay';
export * from './outbox.repository';
export * from './outbox.entity';
export const JOBS_ENTITIES = [OutboxEntity];
export * from './event-bus';
