import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export type PartnerRole = 'lead' | 'participating';

/** An organisation invited to implement a request; it becomes a partner when it accepts. */
@Entity('request_partner')
@Index('ix_request_partner_request', ['requestId'])
@Index('ix_request_partner_organisation', ['organisationId', 'status'])
export class RequestPartnerEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  @Column('uuid')
  organisationId: string;

  @Column('text')
  role: PartnerRole;

  @Column('text')
  status: InvitationStatus;

  @Column('uuid')
  invitedById: string;

  @Column('timestamptz')
  invitedAt: Date;

  @Column('timestamptz', { nullable: true })
  respondedAt: Date | null;

  @Column('uuid', { nullable: true })
  respondedById: string | null;

  @Column('text', { nullable: true })
  declineReason: string | null;

  @Column('int', { default: 1 })
  version: number;
}
