import type { Pool, PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';

/**
 * The one way services open a transaction. Work inside must use the manager it
 * is given: the embedded database has a single connection, so a query outside
 * the transaction would wait for it forever.
 */
export abstract class Database {
  abstract readonly dataSource: DataSource;

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', async (m) => {
      const hooks = new Map<unknown, () => Promise<void>>();
      commitHooks.set(m, hooks);
      try {
        const result = await work(m);
        // hooks may register further hooks (none do today); run until none is left
        while (hooks.size) {
          const [key, hook] = hooks.entries().next().value as [unknown, () => Promise<void>];
          hooks.delete(key);
          await hook();
        }
        return result;
      } finally {
        commitHooks.delete(m);
      }
    });
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
      const res: QueryResult =
        runner
          ? await ((await runner.connect()) as PoolClient).query({ name, text: sql, values: params })
          : await (this.dataSource.driver as unknown as { master: Pool }).master.query({ name, text: sql, values: params });
      return res.rows as T[];
    } catch (err) {
      throw new QueryFailedError(sql, params, err as Error);
    }
  }
}

/** One name per statement text for the life of the process: `pg` refuses a name reused for another text. */
const statementNames = new Map<string, string>();

const commitHooks = new WeakMap<EntityManager, Map<unknown, () => Promise<void>>>();

/**
 * Runs `hook` once, as the last work of `m`'s transaction before COMMIT (one hook per key).
 * Returns false when `m` is not a transaction opened by Database.transaction: do the work now.
 * The audit chain uses it to take its global lock only for the last moment of a transaction.
 */
export function beforeCommit(m: EntityManager, key: unknown, hook: () => Promise<void>): boolean {
  const hooks = commitHooks.get(m);
  if (!hooks) return false;
  if (!hooks.has(key)) hooks.set(key, hook);
  return true;
}

export class DataSourceDatabase extends Database {
  constructor(readonly dataSource: DataSource) {
    super();
  }
}
