import { MigrationInterface, QueryRunner } from 'typeorm';

export class PrivacyFindings1796691219785 implements MigrationInterface {
  name = 'PrivacyFindings1796691219785';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "privacy_finding" ("id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "parent_type" text, "parent_id" uuid, "subject_version" integer, "field" text NOT NULL, "kind" text NOT NULL, "start_offset" integer NOT NULL, "end_offset" integer NOT NULL, "excerpt" text NOT NULL, "confidence" real NOT NULL, "status" text NOT NULL, "override_reason" text, "overridden_by_id" uuid, "overridden_at" TIMESTAMP WITH TIME ZONE, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "redacted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_privacy_finding_offsets" CHECK (start_offset >= 0 AND end_offset > start_offset), CONSTRAINT "ck_privacy_finding_override" CHECK (status <> 'overridden' OR (override_reason IS NOT NULL AND overridden_by_id IS NOT NULL AND overridden_at IS NOT NULL)), CONSTRAINT "ck_privacy_finding_status" CHECK (status IN ('open', 'redacted', 'overridden')), CONSTRAINT "pk_privacy_finding" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_privacy_finding_parent" ON "privacy_finding"  ("parent_type", "parent_id", "status") WHERE parent_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_privacy_finding_subject" ON "privacy_finding"  ("subject_type", "subject_id", "status") `,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_privacy_finding_subject"`);
    await q.query(`DROP INDEX "public"."ix_privacy_finding_parent"`);
    await q.query(`DROP TABLE "privacy_finding"`);
  }
}
