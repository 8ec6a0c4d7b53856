import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from '../allocation/allocation.entity';

/** A meeting of the steering committee: a date, a title, an agenda of proposals (fund_meeting_item). */
@Entity('fund_meeting')
@Index('ix_fund_meeting_date', ['meetsOn', 'id'])
export class FundMeetingEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('date')
  meetsOn: string;

  @Column('uuid')
  createdById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_fund_meeting_created_by_id' })
  createdBy?: object;

  @Column('timestamptz')
  createdAt: Date;

  /** Moved by every agenda change and pack: agenda writes are guarded on it. */
  @Column('int', { default: 1 })
  version: number;
}

/** One proposal on a meeting's agenda, in order. */
@Entity('fund_meeting_item')
@Index('uq_fund_meeting_item_position', ['meetingId', 'position'], { unique: true })
@Check('ck_fund_meeting_item_position', `"position" >= 1`)
export class FundMeetingItemEntity {
  @PrimaryColumn('uuid')
  meetingId: string;

  @ManyToOne(() => FundMeetingEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_fund_meeting_item_meeting_id' })
  meeting?: FundMeetingEntity;

  @PrimaryColumn('uuid')
  allocationId: string;

  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_meeting_item_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('int')
  position: number;
}

/**
 * A generated decision pack (PDF) of a meeting, kept whole: the bytes, their SHA-256 and the agenda it
 * covers. Append-only (a trigger refuses UPDATE and DELETE): generating again adds the next version,
 * so a pack a decision cites is never changed and stays downloadable.
 */
@Entity('fund_meeting_pack')
@Index('uq_fund_meeting_pack_version', ['meetingId', 'version'], { unique: true })
@Check('ck_fund_meeting_pack_sha256', `"sha256" ~ '^[0-9a-f]{64}$' AND "version" >= 1 AND "size" > 0`)
export class FundMeetingPackEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => FundMeetingEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_fund_meeting_pack_meeting_id' })
  meeting?: FundMeetingEntity;

  @Column('int')
  version: number;

  /** The allocations the pack covers, in agenda order (arrays have no foreign keys: they were the agenda's). */
  @Column('uuid', { array: true })
  allocationIds: string[];

  @Column('char', { length: 64 })
  sha256: string;

  @Column('int')
  size: number;

  @Column('int')
  pages: number;

  @Column('bytea')
  content: Buffer;

  @Column('uuid')
  generatedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'generated_by_id', foreignKeyConstraintName: 'fk_fund_meeting_pack_generated_by_id' })
  generatedBy?: object;

  @Column('timestamptz')
  generatedAt: Date;
}
