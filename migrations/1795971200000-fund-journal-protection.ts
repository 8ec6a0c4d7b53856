import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fund journal is append-only and double-entry, enforced by the database as well as the code:
 * UPDATE, DELETE and TRUNCATE on journal_entry and journal_line are refused, and a deferred
 * constraint trigger checks at commit that every entry's lines sum to zero per currency.
 */
export class FundJournalProtection1795971200000 implements MigrationInterface {
  name = 'FundJournalProtection1795971200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "fund_journal_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused (post a reversing entry instead)', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
      END $$`);
    for (const table of ['journal_entry', 'journal_line']) {
      await q.query(
        `CREATE TRIGGER "tr_${table}_no_update_delete" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "fund_journal_refuse_change"()`,
      );
      await q.query(
        `CREATE TRIGGER "tr_${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "fund_journal_refuse_change"()`,
      );
    }
    await q.query(`CREATE FUNCTION "fund_journal_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        unbalanced record;
      BEGIN
        SELECT "currency", SUM("amount") AS "net" INTO unbalanced
          FROM "journal_line" WHERE "entry_id" = NEW."entry_id"
          GROUP BY "currency" HAVING SUM("amount") <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % does not balance in %: net %', NEW."entry_id", unbalanced."currency", unbalanced."net" USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER "tr_journal_line_balanced" AFTER INSERT ON "journal_line" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "fund_journal_check_balanced"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_journal_line_balanced" ON "journal_line"`);
    await q.query(`DROP FUNCTION "fund_journal_check_balanced"()`);
    for (const table of ['journal_line', 'journal_entry']) {
      await q.query(`DROP TRIGGER "tr_${table}_no_truncate" ON "${table}"`);
      await q.query(`DROP TRIGGER "tr_${table}_no_update_delete" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION "fund_journal_refuse_change"()`);
  }
}
