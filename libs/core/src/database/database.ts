import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way services open a transaction. Work inside must use the manager it
 * is given: the embedded database has a single connection, so a query outside
 * the transaction would wait for it forever.
 */
export abstract class Database {
  abstract readonly dataSource: DataSource;

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  query<T = unknown>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T[]> {
    return (manager ?? this.dataSource.manager).query(sql, params) as Promise<T[]>;
  }
}

export class DataSourceDatabase extends Database {
  constructor(readonly dataSource: DataSource) {
    super();
  }
}

/** Runs `work` in `manager`'s transaction when given, else in a new one. */
export function inTransaction<T>(db: Database, manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
  return manager ? work(manager) : db.transaction(work);
}
