import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Append-only; the database refuses UPDATE, DELETE and TRUNCATE (see the migration). */
@Entity('audit_event')
@Index('ix_audit_event_entity', ['entityType', 'entityId', 'seq'])
@Index('uq_audit_event_seq', ['seq'], { unique: true })
export class AuditEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Chain order; assigned under the append lock. */
  @Column('bigint')
  seq: string;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('uuid')
  actorId: string;

  @Column('text')
  actorRole: string;

  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  @Column('text')
  entityId: string;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  requestId: string | null;

  @Column('text', { nullable: true })
  clientAddress: string | null;

  @Column('char', { length: 64 })
  prevHash: string;

  @Column('char', { length: 64 })
  hash: string;

  /** Which body the hash covers: 1 the time in milliseconds (events before migration AuditUnrewindable), 2 in microseconds. */
  @Column('smallint')
  hashVersion: number;
}
