import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, EmbeddedPostgres, openDataSource, startEmbeddedPostgres } from '@cbm/core';
import { ALL_MIGRATIONS } from '@cbm/migrations';
import { ALL_ENTITIES } from './entities';

export interface OpenDatabase {
  dataSource: DataSource;
  embedded?: EmbeddedPostgres;
  url: string;
  close(): Promise<void>;
}

/** Opens the configured database, or starts the embedded one; runs pending migrations. */
export async function openDatabase(
  config: AppConfig,
  options: { migrate?: boolean; embeddedInMemory?: boolean } = {},
): Promise<OpenDatabase> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(options.embeddedInMemory ? undefined : join(config.dataDir, 'pg'));
  const url = config.databaseUrl ?? embedded!.url;
  try {
    const dataSource = await openDataSource({
      url,
      entities: ALL_ENTITIES,
      // the embedded server speaks to one client at a time
      poolSize: embedded ? 1 : config.dbPoolSize,
      migrations: ALL_MIGRATIONS,
    });
    if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
    return {
      dataSource,
      embedded,
      url,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
