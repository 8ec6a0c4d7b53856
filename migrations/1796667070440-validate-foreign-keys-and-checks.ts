import { MigrationInterface, QueryRunner } from 'typeorm';
import { CONSTRAINTS } from './1796667070439-foreign-keys-and-checks';

/**
 * Checks the rows that were there before the previous migration added its constraints NOT VALID.
 * VALIDATE CONSTRAINT reads the table under a SHARE UPDATE EXCLUSIVE lock, which lets reads and writes
 * go on, so it runs outside a transaction: each statement commits on its own instead of one
 * transaction holding every table's lock until the last is read. A failure names the constraint and
 * its table; correct those rows and start again: a constraint already validated is not read again.
 */
export class ValidateForeignKeysAndChecks1796667070440 implements MigrationInterface {
  name = 'ValidateForeignKeysAndChecks1796667070440';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const c of CONSTRAINTS) await q.query(`ALTER TABLE "${c.table}" VALIDATE CONSTRAINT "${c.name}"`);
  }

  async down(): Promise<void> {
    // a validated constraint cannot be made NOT VALID again; the previous migration's down() drops them
  }
}
