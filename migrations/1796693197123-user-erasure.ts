import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app_user.erased_at`: set when an administrator erases the person (POST /users/{id}/erasure). An erased
 * account keeps its id (events and records point to it) under a pseudonym, and can no longer be changed
 * or reactivated.
 */
export class UserErasure1796693197123 implements MigrationInterface {
  name = 'UserErasure1796693197123';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "erased_at"`);
  }
}
