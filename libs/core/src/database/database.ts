import { escapeLiteral } from 'pg';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner, QueryRunnerAlreadyReleasedError } from 'typeorm';

/**
 * The one way services open a transaction. Work inside must use the manager it
 * is given: the embedded database has a single connection, so a query outside
 * the transaction would wait for it forever.
 */
export abstract class Database {
  abstract readonly dataSource: DataSource;

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    const m = qr.manager;
    const hooks = new Map<unknown, Hook>();
    commitHooks.set(m, hooks);
    try {
      // READ COMMITTED, PostgreSQL's default (nothing here changes default_transaction_isolation):
      // naming it would cost a SET TRANSACTION round trip on every transaction
      await qr.startTransaction();
      const result = await work(m);
      // hooks may register further hooks; run until none is left, the `last` ones after all others
      const final: string[] = [];
      while (hooks.size) {
        let next: [unknown, Hook] | undefined;
        for (const entry of hooks)
          if (!entry[1].last) {
            next = entry;
            break;
          }
        next ??= hooks.entries().next().value as [unknown, Hook];
        hooks.delete(next[0]);
        const sql = await next[1].run();
        // a hook may hand its statement over instead of running it: sent with COMMIT, in hook order
        if (sql) final.push(sql);
      }
      if (final.length) {
        // the final statements and COMMIT in one message: what they lock is held for no client round trip.
        // Should a statement fail, PostgreSQL skips the rest (COMMIT included) and the catch rolls back.
        await qr.query(`${final.join(';\n')};\nCOMMIT`);
        markCommitted(qr);
      } else await qr.commitTransaction();
      return result;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      commitHooks.delete(m);
      await qr.release();
    }
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  query<T = unknown>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T[]> {
    return (manager ?? this.dataSource.manager).query(sql, params) as Promise<T[]>;
  }

  /**
   * `sql` as a named prepared statement: PostgreSQL parses and plans it once per connection
   * instead of at every call. For hot reads with a fixed text (vary the values, not the text).
   * Straight to `pg`, past TypeORM's query path; errors are QueryFailedError all the same.
   */
  async prepared<T = unknown>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T[]> {
    let name = statementNames.get(sql);
    if (!name) statementNames.set(sql, (name = `cbm_${statementNames.size + 1}`));
    const runner = manager?.queryRunner;
    if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
    try {
      const res: QueryResult = runner
        ? await ((await runner.connect()) as PoolClient).query({ name, text: sql, values: params })
        : await (this.dataSource.driver as unknown as { master: Pool }).master.query({
            name,
            text: sql,
            values: params,
          });
      return res.rows as T[];
    } catch (err) {
      throw new QueryFailedError(sql, params, err as Error);
    }
  }
}

/** One name per statement text for the life of the process: `pg` refuses a name reused for another text. */
const statementNames = new Map<string, string>();

/** A hook's work; it may instead return its statement (literal SQL, no parameters), sent with COMMIT. */
type HookWork = () => Promise<void | string>;

interface Hook {
  run: HookWork;
  last: boolean;
}

/** The COMMIT went with the final statements: the query runner is told the transaction is over. */
function markCommitted(qr: QueryRunner): void {
  const state = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}

const commitHooks = new WeakMap<EntityManager, Map<unknown, Hook>>();

/**
 * Runs `hook` once, as the last work of `m`'s transaction before COMMIT (one hook per key), in
 * the order registered; hooks registered with `last` run after all the others.
 * Returns false when `m` is not a transaction opened by Database.transaction: do the work now.
 * A hook may return a statement (literal SQL, no parameters, see sqlLiteral) instead of running it:
 * the statements returned are sent in one message with COMMIT, in hook order. That saves their
 * round trips, and a lock such a statement takes is held for the statement and the commit only,
 * never for a round trip to this process (whose event loop may be busy with other requests).
 * The audit chain uses it (`last`) to take its global lock only for the last moment of a
 * transaction; the outbox to write a transaction's rows in one statement.
 */
export function beforeCommit(
  m: EntityManager,
  key: unknown,
  hook: HookWork,
  options: { last?: boolean } = {},
): boolean {
  const hooks = commitHooks.get(m);
  if (!hooks) return false;
  if (!hooks.has(key)) hooks.set(key, { run: hook, last: options.last ?? false });
  return true;
}

const commitQueues = new WeakMap<EntityManager, Map<unknown, unknown[]>>();

/**
 * Collects `items` for the end of `m`'s transaction: the first call for a `key` registers a
 * beforeCommit hook that takes everything queued under that key and hands it to `write` (which
 * may return its statement, to go with COMMIT). False when `m` is not a transaction opened by
 * Database.transaction: nothing was queued, write the items now.
 */
export function queueBeforeCommit<T>(
  m: EntityManager,
  key: unknown,
  items: readonly T[],
  write: (queued: T[]) => Promise<string | void> | string | void,
  options: { last?: boolean } = {},
): boolean {
  let queue = commitQueues.get(m)?.get(key) as T[] | undefined;
  if (!queue) {
    const fresh: T[] = [];
    const registered = beforeCommit(
      m,
      key,
      async () => {
        commitQueues.get(m)?.delete(key);
        return fresh.length ? write(fresh) : undefined;
      },
      options,
    );
    if (!registered) return false;
    if (!commitQueues.has(m)) commitQueues.set(m, new Map());
    commitQueues.get(m)!.set(key, fresh);
    queue = fresh;
  }
  queue.push(...items);
  return true;
}

export class DataSourceDatabase extends Database {
  constructor(readonly dataSource: DataSource) {
    super();
  }
}

export type SqlValue = string | number | boolean | Date | null | undefined;

/** A value as an SQL literal, for the statements hooks hand over (no parameters there). */
export function sqlLiteral(v: SqlValue): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return `${escapeLiteral(v.toISOString())}::timestamptz`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`sqlLiteral: ${v} is not a finite number`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return escapeLiteral(v);
}

/** Rows as multi-row INSERTs of at most 500 rows, values as parameters (one text per row count). */
export async function insertRows(
  m: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + 500).map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
    await m.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

/** The same rows as one INSERT with literal values: the statement a commit hook hands over. */
export function insertRowsStatement(table: string, columns: readonly string[], rows: readonly SqlValue[][]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map((row) => `(${row.map(sqlLiteral).join(', ')})`).join(', ')}`;
}
