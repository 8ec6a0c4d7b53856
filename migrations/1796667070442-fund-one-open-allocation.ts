import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one open (proposed or approved) allocation per application, in the database itself:
 * the application's guarded status write already makes a second concurrent proposal a 409; this
 * index is the last guard should any other writer (a script, a future use case) try it. A
 * rejected allocation does not count, so an application can be proposed again after a rejection.
 */
export class FundOneOpenAllocation1796667070442 implements MigrationInterface {
  name = 'FundOneOpenAllocation1796667070442';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX "uq_fund_allocation_open" ON "fund_allocation" ("application_id") WHERE "status" IN ('proposed', 'approved')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_fund_allocation_open"`);
  }
}
