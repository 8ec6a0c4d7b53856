import 'reflect-metadata';
import { ConfigError, createPino, loadConfig, PinoNestLogger } from '@cbm/core';
import { startContext } from '@cbm/composition';

/** BullMQ processors only: the same libraries and handlers as the API, no HTTP. */
async function main() {
  const config = loadConfig();
  if (!config.redisUrl) throw new Error('the worker needs REDIS_URL (without Redis the API runs jobs itself)');
  // the same JSON logs as the API (job failures, e-mails logged without SMTP_URL)
  const worker = await startContext(config, {
    runWorkers: true,
    runRelay: true,
    logger: new PinoNestLogger(createPino(config.logLevel)),
  });
  process.stdout.write('CBM worker running: queues cbm-default, cbm-notifications\n');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // closes the BullMQ workers (active jobs finish first) and the pool
    await worker.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err) => {
  const reason =
    err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`CBM worker failed: ${reason}\n`);
  process.exit(1);
});
