import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a money-moving POST, by caller and key. */
@Entity('fund_idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid')
  actorId: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  route: string;

  @Column('char', { length: 64 })
  bodyHash: string;

  /** in_flight, done */
  @Column('text')
  state: string;

  @Column('int', { nullable: true })
  responseStatus: number | null;

  @Column('jsonb', { nullable: true })
  response: unknown;

  @Column('timestamptz')
  createdAt: Date;
}
