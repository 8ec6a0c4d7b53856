import { Injectable } from '@nestjs/common';
import { Database, EntityRows, TransactionalRepository, WriteBatch } from '@cbm/core';
import { FundError, isUniqueViolation } from '../fund.errors';
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

export const alreadyReversed = () => FundError('FUND_ALREADY_REVERSED', 'this entry was already reversed');

const toBalance = (r: FundBalanceEntity): BalanceRow => ({ ...r, balance: BigInt(r.balance) });

/** The journal and the balance table. Entries are written at once: the balances' CHECK must answer inside the use case. */
@Injectable()
export class LedgerRepository extends TransactionalRepository {
  private readonly entryRows: EntityRows<JournalEntryEntity>;
  private readonly lineRows: EntityRows<JournalLineEntity>;

  constructor(db: Database) {
    super(db);
    this.entryRows = new EntityRows(db.dataSource, JournalEntryEntity, 'e');
    this.lineRows = new EntityRows(db.dataSource, JournalLineEntity, 'l');
  }

  /** The entry and its lines, in one statement. A second reversal of one entry is FUND_ALREADY_REVERSED. */
  async insertEntry(entry: JournalEntryEntity, lines: JournalLineEntity[]): Promise<void> {
    const batch = new WriteBatch();
    this.entryRows.insert(batch, [entry]);
    this.lineRows.insert(batch, lines);
    try {
      await batch.execute(this.manager);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_journal_entry_reverses')) throw alreadyReversed();
      throw err;
    }
  }

  /** Adds the lines to the balances; rows are touched in key order so concurrent entries cannot deadlock. */
  async applyToBalances(lines: Posting[]): Promise<void> {
    const sorted = [...lines].sort((a, b) => {
      const ka = `${accountKey(a)}|${a.currency}`;
      const kb = `${accountKey(b)}|${b.currency}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    for (const l of sorted) {
      // the row is created at zero first: a CHECK applies to an INSERT's proposed row even when ON CONFLICT would update
      await this.manager.query(
        `INSERT INTO "fund_balance" ("account_key", "currency", "kind", "contribution_id", "allocation_id", "organisation_id", "balance")
         VALUES ($1, $2, $3, $4, $5, $6, 0) ON CONFLICT ("account_key", "currency") DO NOTHING`,
        [accountKey(l), l.currency, l.kind, l.contributionId ?? null, l.allocationId ?? null, l.organisationId ?? null],
      );
      await this.manager.query(
        `UPDATE "fund_balance" SET "balance" = "balance" + $3, "lines" = "lines" + 1 WHERE "account_key" = $1 AND "currency" = $2`,
        [accountKey(l), l.currency, l.amount.toString()],
      );
    }
  }

  /**
   * The entry; `lock`: FOR UPDATE (a row lock only: the journal stays append-only), so that two
   * reversals of one entry queue and the second sees the first.
   */
  async entry(id: string, options: { lock?: boolean } = {}): Promise<JournalEntryEntity | null> {
    if (options.lock && !this.inTransaction) throw new Error('entry: a lock needs a transaction');
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.entryRows.select} FROM journal_entry e WHERE e.id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return found.length ? this.entryRows.entity(found[0]) : null;
  }

  async lines(entryId: string): Promise<JournalLineEntity[]> {
    return this.manager.getRepository(JournalLineEntity).find({ where: { entryId }, order: { lineNo: 'ASC' } });
  }

  async isReversed(entryId: string): Promise<boolean> {
    return (await this.manager.getRepository(JournalEntryEntity).count({ where: { reversesEntryId: entryId } })) > 0;
  }

  async reversedEntryIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.manager.query(
      `SELECT "reverses_entry_id" AS "id" FROM "journal_entry" WHERE "reverses_entry_id" IS NOT NULL`,
    );
    return rows.map((r) => r.id);
  }

  async entriesFor(subjectIds: string[]): Promise<JournalEntryEntity[]> {
    if (!subjectIds.length) return [];
    return this.manager
      .getRepository(JournalEntryEntity)
      .createQueryBuilder('e')
      .where('e.subjectId IN (:...ids)', { ids: subjectIds })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** One account's balance; `lock`: FOR UPDATE. */
  async balance(
    kind: AccountKind,
    dims: { contributionId?: string | null; allocationId?: string | null; organisationId?: string | null },
    currency: string,
    options: { lock?: boolean } = {},
  ): Promise<bigint> {
    if (options.lock && !this.inTransaction) throw new Error('balance: a lock needs a transaction');
    const rows: { balance: string }[] = await this.manager.query(
      `SELECT "balance" FROM "fund_balance" WHERE "account_key" = $1 AND "currency" = $2${options.lock ? ' FOR UPDATE' : ''}`,
      [accountKey({ kind, ...dims }), currency],
    );
    return rows.length ? BigInt(rows[0].balance) : 0n;
  }

  /**
   * Every account's balance as `account_key<TAB>currency<TAB>balance` lines, in byte order of the key
   * (COLLATE "C": the same order whatever the database's locale): what the ledger's balance hash covers.
   */
  async balanceLines(): Promise<string[]> {
    const rows: { line: string }[] = await this.manager.query(
      `SELECT "account_key" || E'\\t' || "currency" || E'\\t' || "balance"::text AS "line"
         FROM "fund_balance" ORDER BY "account_key" COLLATE "C", "currency" COLLATE "C"`,
    );
    return rows.map((r) => r.line);
  }

  /** Balances of some kinds (all dimensions), optionally locked in key order. */
  async balancesOfKinds(kinds: AccountKind[], options: { lock?: boolean } = {}): Promise<BalanceRow[]> {
    if (options.lock && !this.inTransaction) throw new Error('balancesOfKinds: a lock needs a transaction');
    const lock = options.lock;
    const rows: FundBalanceEntity[] = await this.manager.query(
      `SELECT "account_key" AS "accountKey", "currency", "kind", "contribution_id" AS "contributionId", "allocation_id" AS "allocationId",
              "organisation_id" AS "organisationId", "balance"
         FROM "fund_balance" WHERE "kind" = ANY($1) ORDER BY "account_key", "currency"${lock ? ' FOR UPDATE' : ''}`,
      [kinds],
    );
    return rows.map(toBalance);
  }

  async balancesFor(dimension: 'allocation' | 'contribution', ids: string[]): Promise<BalanceRow[]> {
    if (!ids.length) return [];
    const column = dimension === 'allocation' ? 'allocation_id' : 'contribution_id';
    const rows: FundBalanceEntity[] = await this.manager.query(
      `SELECT "account_key" AS "accountKey", "currency", "kind", "contribution_id" AS "contributionId", "allocation_id" AS "allocationId",
              "organisation_id" AS "organisationId", "balance"
         FROM "fund_balance" WHERE "${column}" = ANY($1)`,
      [ids],
    );
    return rows.map(toBalance);
  }

  /**
   * Balances as the journal stood before `before` (entries recorded earlier only): what a statement
   * "as of" a moment reads, so that nothing recorded later changes it.
   */
  async balancesAsOf(dimension: 'allocation' | 'contribution', ids: string[], before: Date): Promise<BalanceRow[]> {
    if (!ids.length) return [];
    // by account key (indexed): a contribution's accounts by kind; an allocation's, with the organisations it transferred to
    let keys: string[];
    if (dimension === 'contribution')
      keys = ids.flatMap((contributionId) =>
        (['pledged', 'receivable', 'deposit_clearing', 'cash_earmarked', 'admin_fee', 'refund'] as const).map((kind) =>
          accountKey({ kind, contributionId }),
        ),
      );
    else {
      const orgs: { allocation_id: string; organisation_id: string }[] = await this.manager.query(
        `SELECT DISTINCT "allocation_id", "organisation_id" FROM "fund_transfer" WHERE "allocation_id" = ANY($1)`,
        [ids],
      );
      keys = [
        ...ids.map((allocationId) => accountKey({ kind: 'allocation', allocationId })),
        ...orgs.flatMap((o) =>
          (['transfer', 'expenditure'] as const).map((kind) =>
            accountKey({ kind, allocationId: o.allocation_id, organisationId: o.organisation_id }),
          ),
        ),
      ];
    }
    const rows: (Omit<BalanceRow, 'balance'> & { balance: string })[] = await this.manager.query(
      `SELECT l."account_key" AS "accountKey", l."currency", l."kind", l."contribution_id" AS "contributionId",
              l."allocation_id" AS "allocationId", l."organisation_id" AS "organisationId", SUM(l."amount")::text AS "balance"
         FROM "journal_line" l JOIN "journal_entry" e ON e."id" = l."entry_id"
        WHERE l."account_key" = ANY($1) AND e."recorded_at" < $2
        GROUP BY l."account_key", l."currency", l."kind", l."contribution_id", l."allocation_id", l."organisation_id"
        ORDER BY l."account_key", l."currency"`,
      [keys, before],
    );
    return rows.map((r) => ({ ...r, balance: BigInt(r.balance) }));
  }

  /** Reversing entries recorded before `before` of the given entries: original entry id → the reversal's recorded time. */
  async reversalsAsOf(entryIds: string[], before: Date): Promise<Map<string, Date>> {
    if (!entryIds.length) return new Map();
    const rows: { reverses: string; at: Date }[] = await this.manager.query(
      `SELECT "reverses_entry_id" AS "reverses", "recorded_at" AS "at" FROM "journal_entry"
        WHERE "reverses_entry_id" = ANY($1) AND "recorded_at" < $2`,
      [entryIds, before],
    );
    return new Map(rows.map((r) => [r.reverses, new Date(r.at)]));
  }

  /** Which of these entries (by id, or by the subject they are about) were recorded before `before`. */
  async recordedBefore(ids: string[], by: 'id' | 'subject', before: Date, kind?: string): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const column = by === 'id' ? 'id' : 'subject_id';
    const rows: { id: string }[] = await this.manager.query(
      `SELECT "${column}" AS "id" FROM "journal_entry" WHERE "${column}" = ANY($1) AND "recorded_at" < $2${kind ? ' AND "kind" = $3' : ''}`,
      kind ? [ids, before, kind] : [ids, before],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Every balance row: the summary works from these (thousands of rows however long the journal). */
  async allBalances(): Promise<BalanceRow[]> {
    const rows: FundBalanceEntity[] = await this.manager.query(
      `SELECT "account_key" AS "accountKey", "currency", "kind", "contribution_id" AS "contributionId", "allocation_id" AS "allocationId",
              "organisation_id" AS "organisationId", "balance" FROM "fund_balance"`,
    );
    return rows.map(toBalance);
  }

  /** Accounts whose maintained balance differs from the sum of their journal lines. */
  async reconcile(): Promise<{
    checked: number;
    mismatches: { accountKey: string; currency: string; balance: string; journal: string }[];
  }> {
    const rows: { account_key: string; currency: string; balance: string | null; journal: string | null }[] =
      await this.manager.query(
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
  async unbalancedEntries(): Promise<string[]> {
    const rows: { entry_id: string }[] = await this.manager.query(
      `SELECT DISTINCT "entry_id" FROM (SELECT "entry_id" FROM "journal_line" GROUP BY "entry_id", "currency" HAVING SUM("amount") <> 0) x`,
    );
    return rows.map((r) => r.entry_id);
  }
}
