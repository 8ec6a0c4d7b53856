import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** The first answer to a money-moving POST, by caller and key. */
@Entity('fund_idempotency_key')
@Check('ck_fund_idempotency_key_state', `"state" IN ('in_flight', 'done')`)
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid')
  actorId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_fund_idempotency_key_actor_id' })
  actor?: object;

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
