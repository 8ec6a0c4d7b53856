import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and erasure (issue 13, item 3). Events of hash version 3 store a user's name and e-mail
 * and every client address sealed (AES-256-GCM, libs/audit/src/audit-seal.ts) under a key per subject
 * (`audit_subject_key`) or per UTC day (`audit_period_key`); the hash covers the ciphertext. Erasing
 * is destroying the key: `key` set to NULL with `erased_at`, the row kept so an erased subject gets no
 * new key. The database refuses every other change to these rows (DELETE, TRUNCATE, any UPDATE but
 * that one, and that one only inside a transaction that set `cbm.audit_erasure` to on: the erasure
 * path). `audit_append` already writes the version it is sent.
 */
export class AuditErasure1796693197000 implements MigrationInterface {
  name = 'AuditErasure1796693197000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_subject_key" (
      "subject_id" uuid NOT NULL,
      "key" bytea,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "erased_at" timestamptz,
      CONSTRAINT "pk_audit_subject_key" PRIMARY KEY ("subject_id"),
      CONSTRAINT "ck_audit_subject_key_erased" CHECK (("key" IS NULL) = ("erased_at" IS NOT NULL)),
      CONSTRAINT "ck_audit_subject_key_length" CHECK ("key" IS NULL OR length("key") = 32))`);
    await q.query(`CREATE TABLE "audit_period_key" (
      "period" date NOT NULL,
      "key" bytea,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "erased_at" timestamptz,
      CONSTRAINT "pk_audit_period_key" PRIMARY KEY ("period"),
      CONSTRAINT "ck_audit_period_key_erased" CHECK (("key" IS NULL) = ("erased_at" IS NOT NULL)),
      CONSTRAINT "ck_audit_period_key_length" CHECK ("key" IS NULL OR length("key") = 32))`);
    await q.query(`CREATE FUNCTION "audit_key_erasure_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('cbm.audit_erasure', true) = 'on'
           AND OLD.key IS NOT NULL AND NEW.key IS NULL
           AND (to_jsonb(NEW) - 'key' - 'erased_at') = (to_jsonb(OLD) - 'key' - 'erased_at') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% keys are only destroyed, by erasure: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
      END $$`);
    for (const table of ['audit_subject_key', 'audit_period_key']) {
      await q.query(
        `CREATE TRIGGER "tr_${table}_erasure_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "audit_key_erasure_only"()`,
      );
      await q.query(
        `CREATE TRIGGER "tr_${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "audit_key_erasure_only"()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_period_key"`);
    await q.query(`DROP TABLE "audit_subject_key"`);
    await q.query(`DROP FUNCTION "audit_key_erasure_only"()`);
  }
}
