import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SnakeNamingStrategy } from './naming.strategy';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

export interface DataSourceSettings {
  url: string;
  entities: EntityList;
  poolSize: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  applicationName?: string;
}

export function dataSourceOptions(s: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    entities: s.entities,
    migrations: s.migrations ?? [],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    extra: {
      max: s.poolSize,
      application_name: s.applicationName ?? 'cbm',
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // a restarted server must not leave the process hanging on dead sockets
      keepAlive: true,
    },
  };
}

export async function openDataSource(s: DataSourceSettings): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(s));
  await ds.initialize();
  // An idle client losing its server emits 'error' on the pool; unhandled, that kills the process.
  const pool = (ds.driver as PostgresDriver as { master?: Pool }).master;
  pool?.on('error', () => undefined);
  // Database.prepared names statements; a new connection may be an old session (PGlite keeps
  // its one backend across socket reconnects), whose statements would clash with the names
  pool?.on(
    'connect',
    (client: { query(sql: string): Promise<unknown> }) => void client.query('DEALLOCATE ALL').catch(() => undefined),
  );
  return ds;
}
