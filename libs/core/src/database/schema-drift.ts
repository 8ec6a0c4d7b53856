import { DataSource } from 'typeorm';

/** SQL that generating a migration now would produce; empty when entities and schema agree. */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
