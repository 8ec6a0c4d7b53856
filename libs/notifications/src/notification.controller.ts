import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiProblems, CurrentActor, SignedIn, pageOf, decodeIdCursor } from '@cbm/core';
import { NotificationPage, NotificationQueryDto } from './notification.dto';
import { NotificationService } from './notification.service';

@ApiTags('notifications')
@ApiProblems(400)
@Controller('notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: "The caller's notifications, newest first, with the unread count" })
  @ApiOkResponse({ type: NotificationPage })
  async list(@CurrentActor() actor: Actor, @Query() q: NotificationQueryDto): Promise<NotificationPage> {
    const limit = q.limit ?? 20;
    const before = decodeIdCursor(q.cursor);
    const rows = await this.notifications.list(actor.id, q.unread ?? false, before, limit + 1);
    return { ...pageOf(rows, limit, (r) => [r.id]), unreadCount: await this.notifications.unreadCount(actor.id) };
  }

  @Post(':id/read')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of the caller notifications read' })
  @ApiNoContentResponse({ description: 'Marked read' })
  @ApiProblems(404)
  async read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.notifications.markRead(actor.id, id);
  }
}
