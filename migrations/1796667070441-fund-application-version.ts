import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version on the funding application, so that its status writes are guarded like every other
 * workflow's (`WHERE id = :id AND status = :from AND version = :v`): two fund managers proposing
 * an allocation for one application at the same time gave two allocations, both approvable.
 */
export class FundApplicationVersion1796667070441 implements MigrationInterface {
  name = 'FundApplicationVersion1796667070441';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fund_application" ADD "version" integer NOT NULL DEFAULT '1'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fund_application" DROP COLUMN "version"`);
  }
}
