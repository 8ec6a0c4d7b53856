import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `uuid_v7()`: time-ordered ids made by the database, for rows a statement creates from a query
 * (the notifications of an audience resolved in SQL) rather than from values the API sends.
 * The same layout as the API's own ids (RFC 9562 version 7): 48 bits of Unix milliseconds, then
 * random bits, with the version and variant bits set.
 */
export class UuidV7Function1795972900000 implements MigrationInterface {
  name = 'UuidV7Function1795972900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "uuid_v7"() RETURNS uuid LANGUAGE sql VOLATILE AS $$
      SELECT encode(
        set_bit(set_bit(
          overlay(uuid_send(gen_random_uuid())
                  PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                  FROM 1 FOR 6),
          52, 1), 53, 1),
        'hex')::uuid
    $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION "uuid_v7"()');
  }
}
