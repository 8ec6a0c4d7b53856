import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ApiProblems, CoreError, Database, Public } from '@cbm/core';

export class LiveView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

export class ReadyView extends LiveView {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['ok', 'down'] },
    example: { database: 'ok', redis: 'ok' },
    description: 'database, and redis when configured',
  })
  checks: Record<string, string>;
}

@ApiTags('health')
@ApiProblems(400)
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    @Optional() @Inject(getQueueToken('cbm-default')) private readonly queue?: Queue,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'The process answers' })
  @ApiOkResponse({ type: LiveView })
  live(): LiveView {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'The database (and Redis, when configured) answer; 503 with the checks when not' })
  @ApiOkResponse({ type: ReadyView })
  @ApiProblems(503)
  async ready(): Promise<ReadyView> {
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
