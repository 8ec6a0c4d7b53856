import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CurrentActor, decodeCursor, pageOf } from '@cbm/core';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from '../dto/auth.dto';
import { UserService } from './user.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post()
  @Access('admin')
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Get()
  @Access('admin')
  async list(@Query() q: UserQueryDto) {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, 1)?.[0] as string | undefined;
    const rows = await this.users.list(q, after, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get(':id')
  @Access('admin')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @Access('admin')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto) {
    return this.users.update(actor, id, body);
  }
}
