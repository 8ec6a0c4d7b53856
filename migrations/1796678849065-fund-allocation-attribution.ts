import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracing that never rewrites the past: `fund_allocation_attribution` stores, per allocation, which
 * pooled (unearmarked) contributions its pool-funded part came from (fixed at approval, in journal
 * order), and what of it went back to the pool. Append-only like the journal (the same refusing
 * trigger function). Existing data: every entry that moved `cash_pool` is replayed in journal order
 * (recorded time, then id): deposits, refunds and their reversals add to or take from their
 * contribution's unallocated pooled money; each allocation's pooled part is split over what each
 * contribution had unallocated at that moment (largest remainder, ties to the older contribution)
 * and stored with the allocation entry's recorded time, so statements as of past dates read it too.
 */
export class FundAllocationAttribution1796678849065 implements MigrationInterface {
  name = 'FundAllocationAttribution1796678849065';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "fund_allocation_attribution" ("id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "contribution_id" uuid NOT NULL, "kind" text NOT NULL, "amount" bigint NOT NULL, "entry_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_fund_allocation_attribution_sign" CHECK (("kind" = 'allocation' AND "amount" > 0) OR ("kind" = 'return' AND "amount" < 0)), CONSTRAINT "ck_fund_allocation_attribution_kind" CHECK ("kind" IN ('allocation', 'return')), CONSTRAINT "pk_fund_allocation_attribution" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_fund_allocation_attribution_contribution" ON "fund_allocation_attribution"  ("contribution_id", "recorded_at") `,
    );
    await q.query(
      `CREATE INDEX "ix_fund_allocation_attribution_allocation" ON "fund_allocation_attribution"  ("allocation_id") `,
    );
    await q.query(
      `ALTER TABLE "fund_allocation_attribution" ADD CONSTRAINT "fk_fund_allocation_attribution_allocation_id" FOREIGN KEY ("allocation_id") REFERENCES "fund_allocation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_allocation_attribution" ADD CONSTRAINT "fk_fund_allocation_attribution_contribution_id" FOREIGN KEY ("contribution_id") REFERENCES "fund_contribution"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_allocation_attribution" ADD CONSTRAINT "fk_fund_allocation_attribution_entry_id" FOREIGN KEY ("entry_id") REFERENCES "journal_entry"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TRIGGER "tr_fund_allocation_attribution_no_update_delete" BEFORE UPDATE OR DELETE ON "fund_allocation_attribution" FOR EACH ROW EXECUTE FUNCTION "fund_journal_refuse_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "tr_fund_allocation_attribution_no_truncate" BEFORE TRUNCATE ON "fund_allocation_attribution" FOR EACH STATEMENT EXECUTE FUNCTION "fund_journal_refuse_change"()`,
    );
    await backfill(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_fund_allocation_attribution_no_truncate" ON "fund_allocation_attribution"`);
    await q.query(`DROP TRIGGER "tr_fund_allocation_attribution_no_update_delete" ON "fund_allocation_attribution"`);
    await q.query(
      `ALTER TABLE "fund_allocation_attribution" DROP CONSTRAINT "fk_fund_allocation_attribution_entry_id"`,
    );
    await q.query(
      `ALTER TABLE "fund_allocation_attribution" DROP CONSTRAINT "fk_fund_allocation_attribution_contribution_id"`,
    );
    await q.query(
      `ALTER TABLE "fund_allocation_attribution" DROP CONSTRAINT "fk_fund_allocation_attribution_allocation_id"`,
    );
    await q.query(`DROP INDEX "public"."ix_fund_allocation_attribution_allocation"`);
    await q.query(`DROP INDEX "public"."ix_fund_allocation_attribution_contribution"`);
    await q.query(`DROP TABLE "fund_allocation_attribution"`);
  }
}

/** Largest remainder over holders sorted by id; ties to the first (self-contained: a migration does not import the libs). */
function split(amount: bigint, holders: [string, bigint][]): [string, bigint][] {
  const eligible = holders.filter(([, a]) => a > 0n).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const total = eligible.reduce((s, [, a]) => s + a, 0n);
  if (total < amount) throw new Error(`attribution backfill: the holders have ${total}, ${amount} asked`);
  const parts = eligible.map(([, a]) => (amount * a) / total);
  let left = amount - parts.reduce((s, p) => s + p, 0n);
  const order = eligible
    .map(([, a], i) => ({ i, r: (amount * a) % total }))
    .sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.i - y.i));
  for (const { i } of order) {
    if (left <= 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return eligible.map(([id], i): [string, bigint] => [id, parts[i]]).filter(([, p]) => p > 0n);
}

/** One attribution row the replay computes. */
export interface ReplayedAttribution {
  allocation: string;
  contribution: string;
  kind: string;
  amount: bigint;
  entry: string;
  at: Date;
}

/**
 * The attribution of every allocation in the journal, replayed in journal order (exported: a test
 * checks that it finds exactly what approvals store as they happen).
 */
export async function replayAttribution(q: Pick<QueryRunner, 'query'>): Promise<ReplayedAttribution[]> {
  const events: {
    id: string;
    kind: string;
    recorded_at: Date;
    pool: string;
    contribution_id: string | null;
    allocation_id: string | null;
  }[] = await q.query(
    `SELECT e."id", e."kind", e."recorded_at", p."pool"::text AS "pool",
            (SELECT l."contribution_id" FROM "journal_line" l WHERE l."entry_id" = e."id" AND l."contribution_id" IS NOT NULL LIMIT 1) AS "contribution_id",
            (SELECT l."allocation_id" FROM "journal_line" l WHERE l."entry_id" = e."id" AND l."kind" = 'allocation' LIMIT 1) AS "allocation_id"
       FROM "journal_entry" e
       JOIN (SELECT "entry_id", SUM("amount") AS "pool" FROM "journal_line" WHERE "kind" = 'cash_pool' GROUP BY "entry_id") p ON p."entry_id" = e."id"
      ORDER BY e."recorded_at", e."id"`,
  );
  const unallocated = new Map<string, bigint>();
  const attributed = new Map<string, Map<string, bigint>>();
  const rows: ReplayedAttribution[] = [];
  for (const e of events) {
    const pool = BigInt(e.pool);
    if (e.allocation_id && pool < 0n) {
      // an allocation's pooled part
      const parts = split(-pool, [...unallocated]);
      const mine = attributed.get(e.allocation_id) ?? new Map<string, bigint>();
      for (const [c, p] of parts) {
        unallocated.set(c, unallocated.get(c)! - p);
        mine.set(c, (mine.get(c) ?? 0n) + p);
        rows.push({
          allocation: e.allocation_id,
          contribution: c,
          kind: 'allocation',
          amount: p,
          entry: e.id,
          at: e.recorded_at,
        });
      }
      attributed.set(e.allocation_id, mine);
    } else if (e.allocation_id && pool > 0n) {
      // money an allocation returned to the pool
      const mine = attributed.get(e.allocation_id) ?? new Map<string, bigint>();
      for (const [c, p] of split(pool, [...mine])) {
        unallocated.set(c, (unallocated.get(c) ?? 0n) + p);
        mine.set(c, mine.get(c)! - p);
        rows.push({
          allocation: e.allocation_id,
          contribution: c,
          kind: 'return',
          amount: -p,
          entry: e.id,
          at: e.recorded_at,
        });
      }
    } else if (e.contribution_id) {
      // a deposit, a refund, or the reversal of one
      unallocated.set(e.contribution_id, (unallocated.get(e.contribution_id) ?? 0n) + pool);
    }
  }
  return rows;
}

async function backfill(q: QueryRunner): Promise<void> {
  const rows = await replayAttribution(q);
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await q.query(
      `INSERT INTO "fund_allocation_attribution" ("id", "allocation_id", "contribution_id", "kind", "amount", "entry_id", "recorded_at")
       SELECT uuid_v7(), a, c, k, m::bigint, e, t FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[]) AS x(a, c, k, m, e, t)`,
      [
        chunk.map((r) => r.allocation),
        chunk.map((r) => r.contribution),
        chunk.map((r) => r.kind),
        chunk.map((r) => r.amount.toString()),
        chunk.map((r) => r.entry),
        chunk.map((r) => r.at),
      ],
    );
  }
}
