import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed sign-ins per account and per client address, shared by every API replica. */
@Entity('login_throttle')
@Check('ck_login_throttle_failures', `"failures" >= 0`)
export class LoginThrottleEntity {
  /** `account:<email>` or `address:<ip>`. */
  @PrimaryColumn('text')
  key: string;

  @Column('int')
  failures: number;

  @Column('timestamptz')
  windowStart: Date;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;
}
