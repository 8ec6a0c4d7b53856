import { MigrationInterface, QueryRunner } from 'typeorm';

export class FundCommitteeMeetings1796678957265 implements MigrationInterface {
  name = 'FundCommitteeMeetings1796678957265';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "fund_meeting" ("id" uuid NOT NULL, "title" text NOT NULL, "meets_on" date NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "pk_fund_meeting" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_fund_meeting_date" ON "fund_meeting"  ("meets_on", "id") `);
    await q.query(
      `CREATE TABLE "fund_meeting_item" ("meeting_id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "ck_fund_meeting_item_position" CHECK ("position" >= 1), CONSTRAINT "pk_fund_meeting_item" PRIMARY KEY ("meeting_id", "allocation_id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_fund_meeting_item_position" ON "fund_meeting_item"  ("meeting_id", "position") `,
    );
    await q.query(
      `CREATE TABLE "fund_meeting_pack" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "version" integer NOT NULL, "allocation_ids" uuid array NOT NULL, "sha256" character(64) NOT NULL, "size" integer NOT NULL, "pages" integer NOT NULL, "content" bytea NOT NULL, "generated_by_id" uuid NOT NULL, "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_fund_meeting_pack_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$' AND "version" >= 1 AND "size" > 0), CONSTRAINT "pk_fund_meeting_pack" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_fund_meeting_pack_version" ON "fund_meeting_pack"  ("meeting_id", "version") `,
    );
    await q.query(`ALTER TABLE "fund_decision" ADD "meeting_id" uuid`);
    await q.query(`ALTER TABLE "fund_decision" ADD "pack_id" uuid`);
    await q.query(`ALTER TABLE "fund_decision" ADD "pack_sha256" character(64)`);
    await q.query(
      `ALTER TABLE "fund_meeting" ADD CONSTRAINT "fk_fund_meeting_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_meeting_item" ADD CONSTRAINT "fk_fund_meeting_item_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "fund_meeting"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_meeting_item" ADD CONSTRAINT "fk_fund_meeting_item_allocation_id" FOREIGN KEY ("allocation_id") REFERENCES "fund_allocation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_meeting_pack" ADD CONSTRAINT "fk_fund_meeting_pack_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "fund_meeting"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_meeting_pack" ADD CONSTRAINT "fk_fund_meeting_pack_generated_by_id" FOREIGN KEY ("generated_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_decision" ADD CONSTRAINT "fk_fund_decision_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "fund_meeting"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_decision" ADD CONSTRAINT "fk_fund_decision_pack_id" FOREIGN KEY ("pack_id") REFERENCES "fund_meeting_pack"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // a pack is kept as generated: a new version is a new row, never a change to one a decision may cite
    await q.query(`CREATE FUNCTION "fund_meeting_pack_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'fund_meeting_pack is append-only: % refused (generate a new version instead)', TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_fund_meeting_pack_no_update_delete" BEFORE UPDATE OR DELETE ON "fund_meeting_pack" FOR EACH ROW EXECUTE FUNCTION "fund_meeting_pack_refuse_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "tr_fund_meeting_pack_no_truncate" BEFORE TRUNCATE ON "fund_meeting_pack" FOR EACH STATEMENT EXECUTE FUNCTION "fund_meeting_pack_refuse_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_fund_meeting_pack_no_truncate" ON "fund_meeting_pack"`);
    await q.query(`DROP TRIGGER "tr_fund_meeting_pack_no_update_delete" ON "fund_meeting_pack"`);
    await q.query(`DROP FUNCTION "fund_meeting_pack_refuse_change"()`);
    await q.query(`ALTER TABLE "fund_decision" DROP CONSTRAINT "fk_fund_decision_pack_id"`);
    await q.query(`ALTER TABLE "fund_decision" DROP CONSTRAINT "fk_fund_decision_meeting_id"`);
    await q.query(`ALTER TABLE "fund_meeting_pack" DROP CONSTRAINT "fk_fund_meeting_pack_generated_by_id"`);
    await q.query(`ALTER TABLE "fund_meeting_pack" DROP CONSTRAINT "fk_fund_meeting_pack_meeting_id"`);
    await q.query(`ALTER TABLE "fund_meeting_item" DROP CONSTRAINT "fk_fund_meeting_item_allocation_id"`);
    await q.query(`ALTER TABLE "fund_meeting_item" DROP CONSTRAINT "fk_fund_meeting_item_meeting_id"`);
    await q.query(`ALTER TABLE "fund_meeting" DROP CONSTRAINT "fk_fund_meeting_created_by_id"`);
    await q.query(`ALTER TABLE "fund_decision" DROP COLUMN "pack_sha256"`);
    await q.query(`ALTER TABLE "fund_decision" DROP COLUMN "pack_id"`);
    await q.query(`ALTER TABLE "fund_decision" DROP COLUMN "meeting_id"`);
    await q.query(`DROP INDEX "public"."uq_fund_meeting_pack_version"`);
    await q.query(`DROP TABLE "fund_meeting_pack"`);
    await q.query(`DROP INDEX "public"."uq_fund_meeting_item_position"`);
    await q.query(`DROP TABLE "fund_meeting_item"`);
    await q.query(`DROP INDEX "public"."ix_fund_meeting_date"`);
    await q.query(`DROP TABLE "fund_meeting"`);
  }
}
