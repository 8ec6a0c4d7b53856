import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Actor, CurrentActor, decodeCursor, SignedIn, pageOf } from '@cbm/core';
import { NotificationService } from './notification.service';

export class NotificationQueryDto {
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  @SignedIn()
  async list(@CurrentActor() actor: Actor, @Query() q: NotificationQueryDto) {
    const limit = q.limit ?? 20;
    const before = decodeCursor(q.cursor, 1)?.[0] as string | undefined;
    const rows = await this.notifications.list(actor.id, q.unread ?? false, before, limit + 1);
    return { ...pageOf(rows, limit, (r) => [r.id]), unreadCount: await this.notifications.unreadCount(actor.id) };
  }

  @Post(':id/read')
  @SignedIn()
  @HttpCode(204)
  async read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.notifications.markRead(actor.id, id);
  }
}
