import { MigrationInterface, QueryRunner } from 'typeorm';

/** Effect jobs (e-mail) are claimed for a while instead of under a row lock held while the mail goes out. */
export class OutboxEffectLease1795972950000 implements MigrationInterface {
  name = 'OutboxEffectLease1795972950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" ADD "running_until" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "running_until"`);
  }
}
