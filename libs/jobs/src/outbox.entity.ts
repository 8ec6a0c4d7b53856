import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'done', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Work that must follow a commit; written in the same transaction as the change. */
@Entity('outbox')
@Index('ix_outbox_pending', ['status', 'availableAt'])
@Check('ck_outbox_status', `"status" IN (${OUTBOX_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_outbox_attempts', `"attempts" >= 0`)
export class OutboxEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  jobName: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { default: 'pending' })
  status: OutboxStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('timestamptz')
  availableAt: Date;

  @Column('timestamptz', { nullable: true })
  dispatchedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  processedAt: Date | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz')
  createdAt: Date;

  /** An effect job (e-mail) is being performed, outside any transaction, until then: another delivery waits. */
  @Column('timestamptz', { nullable: true })
  runningUntil: Date | null;
}
