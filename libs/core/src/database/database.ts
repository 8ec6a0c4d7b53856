import type { Pool, PoolClient, QueryResult } from 'pg';
import { Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Transaction } from './transaction';

/**
 * The one way services open a transaction. Work inside must use the transaction it is given: the
 * embedded database has a single connection, so a query outside the transaction would wait for it
 * forever.
 */
export abstract class Database {
  abstract readonly dataSource: DataSource;
  private readonly logger = new Logger('Database');

  /**
   * Runs `work` in a transaction (READ COMMITTED, PostgreSQL's default): BEGIN, the work, the
   * transaction's write buffers (notifications, outbox, audit last), COMMIT, then the work that
   * waits for COMMIT. Any error rolls everything back.
   */
  async transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    // a use case's batch is prepared (the same text every time); a bulk one (an import) is not: its text
    // varies with its row count and would only fill the connection's prepared statements
    const t = new Transaction(qr.manager, (sql, params) =>
      params.length <= 500 ? this.prepared(sql, params, qr.manager) : qr.manager.query(sql, params),
    );
    try {
      await qr.startTransaction();
      const result = await work(t);
      await t.flush();
      await qr.commitTransaction();
      await t.runAfterCommit((err) => this.logger.warn({ err: (err as Error).message }, 'after-commit work failed'));
      return result;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
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
   * instead of at every call. For hot statements with a fixed text (vary the values, not the text).
   * Straight to `pg`, past TypeORM's query path; errors are QueryFailedError all the same. Past
   * MAX_PREPARED distinct texts (bulk batches vary with their row counts) the rest go unnamed, so
   * a connection's prepared statements stay bounded.
   */
  async prepared<T = unknown>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T[]> {
    let name = statementNames.get(sql);
    if (!name && statementNames.size < MAX_PREPARED) statementNames.set(sql, (name = `cbm_${statementNames.size + 1}`));
    const runner = manager?.queryRunner;
    if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
    try {
      const res: QueryResult = runner
        ? await ((await runner.connect()) as PoolClient).query({ name, text: sql, values: params })
        : await (this.dataSource.driver as PostgresDriver as { master: Pool }).master.query({
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
const MAX_PREPARED = 1000;

export class DataSourceDatabase extends Database {
  constructor(readonly dataSource: DataSource) {
    super();
  }
}

export type SqlValue = string | number | boolean | Date | null | undefined;
