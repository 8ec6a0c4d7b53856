import { MigrationInterface, QueryRunner } from 'typeorm';

export class HubPeerExchange1795971617089 implements MigrationInterface {
  name = 'HubPeerExchange1795971617089';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "peer_exchange" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "country_code" character(3) NOT NULL, "peer_country_code" character(3) NOT NULL, "peer_request_id" uuid, "topic" text NOT NULL, "planned_activities" text NOT NULL, "status" text NOT NULL, "outcome" text, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "pk_peer_exchange" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_peer_exchange_request" ON "peer_exchange"  ("request_id", "id") `);
    await q.query(
      `CREATE TABLE "request_link" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "target_type" text NOT NULL, "target_id" uuid NOT NULL, "relation" text NOT NULL, "note" text NOT NULL DEFAULT '', "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_request_link" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_request_link_target" ON "request_link"  ("request_id", "target_type", "target_id") `,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_request_link_target"`);
    await q.query(`DROP TABLE "request_link"`);
    await q.query(`DROP INDEX "public"."ix_peer_exchange_request"`);
    await q.query(`DROP TABLE "peer_exchange"`);
  }
}
