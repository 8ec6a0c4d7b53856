import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, Clock } from '@cbm/core';
import { openDatabase, OpenDatabase } from '@cbm/composition';
import { createHttpApp } from './http-app';
import { HttpDrain } from './http-drain';
import { seedOnStart } from './seed-on-start';

export interface RunningSystem {
  app: NestFastifyApplication;
  db: OpenDatabase;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  queuePrefix?: string;
  runWorkers?: boolean;
  listen?: boolean;
  embeddedInMemory?: boolean;
  seed?: boolean;
}

/** The whole API: database, migrations, seeds, HTTP. */
export async function startSystem(config: AppConfig, o: StartOptions = {}): Promise<RunningSystem> {
  const db = await openDatabase(config, { embeddedInMemory: o.embeddedInMemory });
  try {
    const app = await createHttpApp({
      config,
      dataSource: db.dataSource,
      clock: o.clock,
      runRelay: true,
      // without a separate worker process the API runs the processors itself
      runWorkers: o.runWorkers ?? config.runWorkers,
      queuePrefix: o.queuePrefix,
    });
    await app.init();
    if (o.seed !== false) await seedOnStart(app, config);
    if (o.listen !== false) await app.listen({ port: config.port, host: config.host });
    const address = o.listen !== false ? app.getHttpServer().address() : null;
    const port = typeof address === 'object' && address ? address.port : config.port;
    let closed = false;
    return {
      app,
      db,
      url: `http://127.0.0.1:${port}`,
      async close() {
        if (closed) return;
        closed = true;
        // requests on accepted connections are answered before anything is closed
        if (o.listen !== false) await HttpDrain.of(app)?.drain(app.getHttpServer());
        await app.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
