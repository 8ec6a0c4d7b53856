import { ApiProperty } from '@nestjs/swagger';
import { Actor, newId } from '@cbm/core';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SupportRequestEntity } from './support-request.entity';
import { REQUEST_STATUSES } from './support-request.workflow';

const STATUS_LIST = REQUEST_STATUSES.map((s) => `'${s}'`).join(', ');

/** What happened to a request, in order; `internal` entries are hidden from focal points. */
@Entity('request_timeline_entry')
@Index('ix_request_timeline_entry_request', ['requestId', 'id'])
@Check(
  'ck_request_timeline_entry_statuses',
  `("from_status" IS NULL OR "from_status" IN (${STATUS_LIST})) AND ("to_status" IS NULL OR "to_status" IN (${STATUS_LIST}))`,
)
export class RequestTimelineEntryEntity {
  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column('uuid')
  requestId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => SupportRequestEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_request_timeline_entry_request_id' })
  request?: SupportRequestEntity;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz')
  at: Date;

  @ApiProperty({ format: 'uuid' })
  @Column('uuid')
  actorId: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_request_timeline_entry_actor_id' })
  actor?: object;

  @ApiProperty({ description: 'the role the actor acted in' })
  @Column('text')
  actorRole: string;

  @ApiProperty({
    description: 'created, transition, comment, note, assessment, invitation, plan, report, link, peer_exchange',
  })
  @Column('text')
  kind: string;

  @ApiProperty({ type: String, nullable: true, description: 'the workflow action of a transition' })
  @Column('text', { nullable: true })
  action: string | null;

  @ApiProperty({ enum: REQUEST_STATUSES, nullable: true })
  @Column('text', { nullable: true })
  fromStatus: string | null;

  @ApiProperty({ enum: REQUEST_STATUSES, nullable: true })
  @Column('text', { nullable: true })
  toStatus: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'question, answer, reason, comment or note' })
  @Column('text', { nullable: true })
  body: string | null;

  @ApiProperty({ description: 'internal notes are for UN staff only' })
  @Column('boolean', { default: false })
  internal: boolean;
}

/** What a timeline entry says; who and when come from the use case. */
export interface TimelineInput {
  kind: string;
  action?: string;
  fromStatus?: string;
  toStatus?: string;
  body?: string | null;
  internal?: boolean;
}

export function timelineEntry(requestId: string, actor: Actor, at: Date, e: TimelineInput): RequestTimelineEntryEntity {
  return Object.assign(new RequestTimelineEntryEntity(), {
    id: newId(),
    requestId,
    at,
    actorId: actor.id,
    actorRole: actor.role,
    kind: e.kind,
    action: e.action ?? null,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    body: e.body ?? null,
    internal: e.internal ?? false,
  });
}
