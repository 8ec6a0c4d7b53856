import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccountKind } from './ledger';

/** One side of a journal entry: debit positive, credit negative, minor units. Append-only. */
@Entity('journal_line')
@Index('ix_journal_line_entry', ['entryId'])
@Index('ix_journal_line_account', ['accountKey', 'currency'])
@Check('ck_journal_line_amount', `"amount" <> 0 AND "currency" ~ '^[A-Z]{3}$'`)
export class JournalLineEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  entryId: string;

  @Column('smallint')
  lineNo: number;

  @Column('text')
  accountKey: string;

  @Column('text')
  kind: AccountKind;

  @Column('uuid', { nullable: true })
  contributionId: string | null;

  @Column('uuid', { nullable: true })
  allocationId: string | null;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;
}
