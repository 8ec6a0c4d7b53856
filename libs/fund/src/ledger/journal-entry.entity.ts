import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export const ENTRY_KINDS = [
  'pledge',
  'deposit',
  'refund',
  'allocation',
  'transfer',
  'expenditure',
  'reversal',
  'unspent_return',
  'allocation_return',
] as const;

/** One money movement. Append-only: the database refuses UPDATE, DELETE and TRUNCATE. */
@Entity('journal_entry')
@Index('uq_journal_entry_reverses', ['reversesEntryId'], { unique: true, where: '"reverses_entry_id" IS NOT NULL' })
@Index('ix_journal_entry_subject', ['subjectId'])
@Index('ix_journal_entry_kind', ['kind', 'id'])
@Check('ck_journal_entry_kind_v2', `"kind" IN (${ENTRY_KINDS.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_journal_entry_reversal', `("kind" = 'reversal') = ("reverses_entry_id" IS NOT NULL)`)
export class JournalEntryEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** One of ENTRY_KINDS. */
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

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => JournalEntryEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'reverses_entry_id', foreignKeyConstraintName: 'fk_journal_entry_reverses_entry_id' })
  reversesEntry?: JournalEntryEntity;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('timestamptz')
  recordedAt: Date;

  @Column('uuid')
  recordedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_journal_entry_recorded_by_id' })
  recordedBy?: object;
}
