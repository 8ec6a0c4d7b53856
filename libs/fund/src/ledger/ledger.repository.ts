import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { FundBalanceEntity } from './fund-balance.entity';
import { JournalEntryEntity } from './journal-entry.entity';
import { JournalLineEntity } from './journal-line.entity';
import { accountKey, AccountKind, Posting } from './ledger';

export interface BalanceRow {
  accountKey: string;
  currency: string;
  kind: AccountKind;
  contributionId: string | null;
  allocationId: string | null;
  organisationId: string | null;
  balance: bigint;
}

const toBalance = (r: FundBalanceEntity): BalanceRow => ({ ...r, balance: BigInt(r.balance) });

@Injectable()
export class LedgerRepository {
  constructor(private readonly db: Database) {}

  private mgr(m?: EntityManager) {
    return m ?? this.db.manager;
  }

  async insertEntry(m: EntityManager, entry: JournalEntryEntity, lines: JournalLineEntity[]): Promise<void> {
    await m.getRepository(JournalEntryEntity).insert(entry as never);
    await m.getRepository(JournalLineEntity).insert(lines as never);
  }

  /** Adds the lines to the balances; rows are touched in key order so concurrent entries cannot deadlock. */
  async applyToBalances(m: EntityManager, lines: Posting[]): Promise<void> {
    const sorted = [...lines].sort((a, b) => {
      const ka = `${accountKey(a)}|${a.currency}`;
      const kb = `${accountKey(b)}|${b.currency}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    for (const l of sorted) {
      // the row is created at zero first: a CHECK applies to an INSERT's proposed row even when ON CONFLICT would update
      await m.query(
        `INSERT INTO "fund_balance" ("account_key", "currency", "kind", "contribution_id", "allocation_id", "organisation_id", "balance")
         VALUES ($1, $2, $3, $4, $5, $6, 0) ON CONFLICT ("account_key", "currency") DO NOTHING`,
        [accountKey(l), l.currency, l.kind, l.contributionId ?? null, l.allocationId ?? null, l.organisationId ?? null],
      );
      await m.query(
        `UPDATE "fund_balance" SET "balance" = "balance" + $3, "lines" = "lines" + 1 WHERE "account_key" = $1 AND "currency" = $2`,
        [accountKey(l), l.currency, l.amount.toString()],
      );
    }
  }

  async entry(id: string, m?: EntityManager): Promise<JournalEntryEntity | null> {
    return this.mgr(m).getRepository(JournalEntryEntity).findOne({ where: { id } });
  }

  async lines(entryId: string, m?: EntityManager): Promise<JournalLineEntity[]> {
    return this.mgr(m)
      .getRepository(JournalLineEntity)
      .find({ where: { entryId }, order: { lineNo: 'ASC' } });
  }

  async isReversed(entryId: string, m?: EntityManager): Promise<boolean> {
    return (
      (await this.mgr(m)
        .getRepository(JournalEntryEntity)
        .count({ where: { reversesEntryId: entryId } })) > 0
    );
  }

  async reversedEntryIds(m?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await this.mgr(m).query(
      `SELECT "reverses_entry_id" AS "id" FROM "journal_entry" WHERE "reverses_entry_id" IS NOT NULL`,
    );
    return rows.map((r) => r.id);
  }

  async entriesFor(subjectIds: string[], m?: EntityManager): Promise<JournalEntryEntity[]> {
    if (!subjectIds.length) return [];
    return this.mgr(m)
      .getRepository(JournalEntryEntity)
      .createQueryBuilder('e')
      .where('e.subjectId IN (:...ids)', { ids: subjectIds })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  async balance(
    kind: AccountKind,
    dims: { contributionId?: string | null; allocationId?: string | null; organisationId?: string | null },
    currency: string,
    m?: EntityManager,
    lock = false,
  ): Promise<bigint> {
    const rows = await this.mgr(m).query(
      `SELECT "balance" FROM "fund_balance" WHERE "account_key" = $1 AND "currency" = $2${lock ? ' FOR UPDATE' : ''}`,
      [accountKey({ kind, ...dims }), currency],
    );
    return rows.length ? BigInt(rows[0].balance) : 0n;
  }

  /** Balances of some kinds (all dimensions), optionally locked in key order. */
  async balancesOfKinds(kinds: AccountKind[], m?: EntityManager, lock = false): Promise<BalanceRow[]> {
    const rows = await this.mgr(m).query(
      `SELECT "account_key" AS "accountKey", "currency", "kind", "contribution_id" AS "contributionId", "allocation_id" AS "allocationId",
              "organisation_id" AS "organisationId", "balance"
         FROM "fund_balance" WHERE "kind" = ANY($1) ORDER BY "account_key", "currency"${lock ? ' FOR UPDATE' : ''}`,
      [kinds],
    );
    return rows.map((r: FundBalanceEntity) => toBalance(r));
  }

  async balancesFor(dimension: 'allocation' | 'contribution', ids: string[], m?: EntityManager): Promise<BalanceRow[]> {
    if (!ids.length) return [];
    const column = dimension === 'allocation' ? 'allocation_id' : 'contribution_id';
    const rows = await this.mgr(m).query(
      `SELECT "account_key" AS "accountKey", "currency", "kind", "contribution_id" AS "contributionId", "allocation_id" AS "allocationId",
              "organisation_id" AS "organisationId", "balance"
         FROM "fund_balance" WHERE "${column}" = ANY($1)`,
      [ids],
    );
    return rows.map((r: FundBalanceEntity) => toBalance(r));
  }

  /** Every balance row: the summary works from these (thousands of rows however long the journal). */
  async allBalances(m?: EntityManager): Promise<BalanceRow[]> {
    const rows = await this.mgr(m).query(
      `SELECT "account_key" AS "accountKey", "currency", "kind", "contribution_id" AS "contributionId", "allocation_id" AS "allocationId",
              "organisation_id" AS "organisationId", "balance" FROM "fund_balance"`,
    );
    return rows.map((r: FundBalanceEntity) => toBalance(r));
  }

  /** Accounts whose maintained balance differs from the sum of their journal lines. */
  async reconcile(m?: EntityManager): Promise<{
    checked: number;
    mismatches: { accountKey: string; currency: string; balance: string; journal: string }[];
  }> {
    const rows: { account_key: string; currency: string; balance: string | null; journal: string | null }[] =
      await this.mgr(m).query(
        `SELECT COALESCE(b."account_key", j."account_key") AS "account_key", COALESCE(b."currency", j."currency") AS "currency",
              b."balance"::text AS "balance", j."total"::text AS "journal"
         FROM "fund_balance" b
         FULL OUTER JOIN (SELECT "account_key", "currency", SUM("amount") AS "total" FROM "journal_line" GROUP BY "account_key", "currency") j
           ON j."account_key" = b."account_key" AND j."currency" = b."currency"`,
      );
    const mismatches = rows
      .filter((r) => BigInt(r.balance ?? '0') !== BigInt(r.journal ?? '0'))
      .map((r) => ({
        accountKey: r.account_key,
        currency: r.currency,
        balance: r.balance ?? '0',
        journal: r.journal ?? '0',
      }));
    return { checked: rows.length, mismatches };
  }

  /** Entries whose lines do not sum to zero per currency (the database trigger should make this empty). */
  async unbalancedEntries(m?: EntityManager): Promise<string[]> {
    const rows: { entry_id: string }[] = await this.mgr(m).query(
      `SELECT DISTINCT "entry_id" FROM (SELECT "entry_id" FROM "journal_line" GROUP BY "entry_id", "currency" HAVING SUM("amount") <> 0) x`,
    );
    return rows.map((r) => r.entry_id);
  }
}
