import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One money movement. Append-only: the database refuses UPDATE, DELETE and TRUNCATE. */
@Entity('journal_entry')
@Index('uq_journal_entry_reverses', ['reversesEntryId'], { unique: true, where: '"reverses_entry_id" IS NOT NULL' })
@Index('ix_journal_entry_subject', ['subjectId'])
@Index('ix_journal_entry_kind', ['kind', 'id'])
export class JournalEntryEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** pledge, deposit, refund, allocation, transfer, expenditure, reversal */
  @Column('text')
  kind: string;

  /** The decision or document the entry comes from (decision reference, deposit slip, report). */
  @Column('text')
  reference: string;

  @Column('text', { default: '' })
  memo: string;

  /** The contribution, allocation, transfer or expenditure the entry is about. */
  @Column('uuid')
  subjectId: string;

  @Column('uuid', { nullable: true })
  reversesEntryId: string | null;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('timestamptz')
  recordedAt: Date;

  @Column('uuid')
  recordedById: string;
}
