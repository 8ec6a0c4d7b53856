import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { CoreError, Database, Public } from '@cbm/core';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    @Optional() @Inject(getQueueToken('cbm-default')) private readonly queue?: Queue,
  ) {}

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  async ready() {
    const checks: Record<string, string> = {};
    try {
      await this.db.query('SELECT 1');
      checks.database = 'ok';
    } catch {
      checks.database = 'down';
    }
    if (this.queue) {
      try {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          this.queue.getJobCounts('waiting'),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 1000))),
        ]).finally(() => clearTimeout(timer));
        checks.redis = 'ok';
      } catch {
        checks.redis = 'down';
      }
    }
    if (Object.values(checks).some((v) => v !== 'ok')) throw CoreError('UNAVAILABLE', 'not ready', { checks });
    return { status: 'ok', checks };
  }
}
