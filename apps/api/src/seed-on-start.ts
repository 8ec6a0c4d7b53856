import { INestApplicationContext, Logger } from '@nestjs/common';
import { AppConfig } from '@cbm/core';
import { UserService } from '@cbm/auth';
import { ReferenceSeeder } from '@cbm/reference';
import { seedDemoData } from './demo/demo-data';

/** Reference data at every start (idempotent), the first admin, the demo data set once. */
export async function seedOnStart(app: INestApplicationContext, config: AppConfig): Promise<void> {
  await app.get(ReferenceSeeder).seed();
  await app.get(UserService).ensureBootstrapAdmin();
  if (config.demoData) {
    const created = await seedDemoData(app);
    if (created) new Logger('Demo').log('demo data set created');
  }
}
