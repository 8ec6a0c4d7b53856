import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SupportRequestEntity } from '../request/support-request.entity';

export const PEER_EXCHANGE_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type PeerExchangeStatus = (typeof PEER_EXCHANGE_STATUSES)[number];

/** The hub connects the requesting country's focal points with a peer country's, about a topic. */
@Entity('peer_exchange')
@Index('ix_peer_exchange_request', ['requestId', 'id'])
@Check('ck_peer_exchange_status', `"status" IN (${PEER_EXCHANGE_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check(
  'ck_peer_exchange_countries',
  `"country_code" ~ '^[A-Z]{3}$' AND "peer_country_code" ~ '^[A-Z]{3}$' AND "peer_country_code" <> "country_code"`,
)
export class PeerExchangeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => SupportRequestEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_peer_exchange_request_id' })
  request?: SupportRequestEntity;

  @Column('char', { length: 3 })
  countryCode: string;

  @Column('char', { length: 3 })
  peerCountryCode: string;

  /** The peer country's request the experience comes from, when there is one. */
  @Column('uuid', { nullable: true })
  peerRequestId: string | null;

  @ManyToOne(() => SupportRequestEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'peer_request_id', foreignKeyConstraintName: 'fk_peer_exchange_peer_request_id' })
  peerRequest?: SupportRequestEntity;

  @Column('text')
  topic: string;

  @Column('text')
  plannedActivities: string;

  @Column('text')
  status: PeerExchangeStatus;

  @Column('text', { nullable: true })
  outcome: string | null;

  @Column('uuid')
  createdById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_peer_exchange_created_by_id' })
  createdBy?: object;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('int')
  version: number;
}
