import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const PEER_EXCHANGE_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type PeerExchangeStatus = (typeof PEER_EXCHANGE_STATUSES)[number];

/** The hub connects the requesting country's focal points with a peer country's, about a topic. */
@Entity('peer_exchange')
@Index('ix_peer_exchange_request', ['requestId', 'id'])
export class PeerExchangeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  @Column('char', { length: 3 })
  countryCode: string;

  @Column('char', { length: 3 })
  peerCountryCode: string;

  /** The peer country's request the experience comes from, when there is one. */
  @Column('uuid', { nullable: true })
  peerRequestId: string | null;

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

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('int')
  version: number;
}
