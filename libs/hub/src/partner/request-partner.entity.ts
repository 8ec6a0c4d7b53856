import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SupportRequestEntity } from '../request/support-request.entity';

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export const PARTNER_ROLES = ['lead', 'participating'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** An organisation invited to implement a request; it becomes a partner when it accepts. */
@Entity('request_partner')
@Index('ix_request_partner_request', ['requestId'])
@Index('ix_request_partner_organisation', ['organisationId', 'status'])
@Check('ck_request_partner_role', `"role" IN (${PARTNER_ROLES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_request_partner_status', `"status" IN (${INVITATION_STATUSES.map((s) => `'${s}'`).join(', ')})`)
export class RequestPartnerEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => SupportRequestEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_request_partner_request_id' })
  request?: SupportRequestEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_request_partner_organisation_id' })
  organisation?: object;

  @Column('text')
  role: PartnerRole;

  @Column('text')
  status: InvitationStatus;

  @Column('uuid')
  invitedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'invited_by_id', foreignKeyConstraintName: 'fk_request_partner_invited_by_id' })
  invitedBy?: object;

  @Column('timestamptz')
  invitedAt: Date;

  @Column('timestamptz', { nullable: true })
  respondedAt: Date | null;

  @Column('uuid', { nullable: true })
  respondedById: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'responded_by_id', foreignKeyConstraintName: 'fk_request_partner_responded_by_id' })
  respondedBy?: object;

  @Column('text', { nullable: true })
  declineReason: string | null;

  @Column('int', { default: 1 })
  version: number;
}
