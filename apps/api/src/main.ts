import 'reflect-metadata';
import { ConfigError, loadConfig } from '@cbm/core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-accounts';
import { startSystem } from './system';

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const system = await startSystem(config);
  const url = config.publicBaseUrl;
  const lines = [
    '',
    `CBM is ready at ${url} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  API ${url}/api/v1   OpenAPI ${url}/api/docs`,
    `  database: ${config.databaseUrl ? 'PostgreSQL server' : `embedded PostgreSQL (PGlite) in ${config.dataDir}`}; jobs: ${config.redisUrl ? 'BullMQ on Redis' : 'in-process'}`,
  ];
  if (config.demoData) {
    lines.push(`  demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.role.padEnd(18)} ${a.email}`);
  }
  if (config.adminEmail) lines.push(`  administrator: ${config.adminEmail}`);
  process.stdout.write(lines.join('\n') + '\n\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: finishing in-flight work and stopping\n`);
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    try {
      await system.close();
      process.exit(0);
    } catch (err) {
      process.stderr.write(`shutdown failed: ${(err as Error).message}\n`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  // a bad environment says which variables, without a stack trace
  const reason =
    err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`CBM failed to start: ${reason}\n`);
  process.exit(1);
});
