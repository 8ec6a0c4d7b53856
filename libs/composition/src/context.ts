import { INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@cbm/core';
import { AppModule } from './app.module';
import { openDatabase, OpenDatabase } from './database';

/** The system without HTTP: the worker and the CLI. */
export async function startContext(
  config: AppConfig,
  o: { runWorkers: boolean; runRelay: boolean; queuePrefix?: string; logger?: LoggerService | LogLevel[] },
): Promise<{ ctx: INestApplicationContext; db: OpenDatabase; close(): Promise<void> }> {
  const db = await openDatabase(config);
  const ctx = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      config,
      dataSource: db.dataSource,
      runRelay: o.runRelay,
      runWorkers: o.runWorkers,
      queuePrefix: o.queuePrefix,
      http: false,
    }),
    { logger: o.logger ?? ['error', 'warn'] },
  );
  return {
    ctx,
    db,
    async close() {
      await ctx.close();
      await db.close();
    },
  };
}
