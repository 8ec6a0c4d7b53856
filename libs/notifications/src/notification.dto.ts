import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageOf } from '@cbm/core';

export class NotificationQueryDto {
  @ApiPropertyOptional({ description: 'true: unread only' })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ maxLength: 200, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

const TIME = { type: String, format: 'date-time' } as const;

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'request.submitted' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true, example: 'support_request' }) entityType: string | null;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ ...TIME, nullable: true }) readAt: Date | null;
  @ApiProperty({ ...TIME, nullable: true }) emailedAt: Date | null;
  @ApiProperty(TIME) createdAt: Date;
}

export class NotificationPage extends PageOf(NotificationView) {
  @ApiProperty({ type: 'integer', description: "The caller's unread notifications, all pages" }) unreadCount: number;
}
