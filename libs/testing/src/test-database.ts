import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A database per test file on the local server, cloned from a template that has all
 * migrations applied. The template is made once per set of migrations.
 */
export async function cloneTestDatabase(
  serverUrl: string,
  migrationNames: string[],
  migrate: (url: string) => Promise<void>,
): Promise<{ url: string; drop(): Promise<void> }> {
  const template = `cbm_tpl_${createHash('sha256').update(migrationNames.join(',')).digest('hex').slice(0, 12)}`;
  const name = `cbm_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const urlOf = (db: string) => {
    const u = new URL(serverUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  try {
    await admin.query('SELECT pg_advisory_lock(82411)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!exists.rowCount) {
      await admin.query(`CREATE DATABASE ${template}_wip`);
      await migrate(urlOf(`${template}_wip`));
      await admin.query(`ALTER DATABASE ${template}_wip RENAME TO ${template}`);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } catch (err) {
    await admin.query(`DROP DATABASE IF EXISTS ${template}_wip WITH (FORCE)`).catch(() => undefined);
    throw err;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(82411)').catch(() => undefined);
    await admin.end();
  }
  return {
    url: urlOf(name),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
