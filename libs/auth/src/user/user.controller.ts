import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, ApiProblems, CurrentActor, Page, PageOf, pageOf, decodeIdCursor } from '@cbm/core';
import { CreateUserDto, EraseUserDto, UpdateUserDto, UserQueryDto, UserView } from '../dto/auth.dto';
import { UserService } from './user.service';

@ApiTags('users')
@ApiProblems(400)
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Create a user account' })
  @ApiCreatedResponse({ type: UserView })
  @ApiProblems(409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'User accounts, by role or matching a name or e-mail' })
  @ApiOkResponse({ type: PageOf(UserView) })
  async list(@Query() q: UserQueryDto): Promise<Page<UserView>> {
    const limit = q.limit ?? 50;
    const after = decodeIdCursor(q.cursor);
    const rows = await this.users.list(q, after, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get(':id')
  @Access('admin')
  @ApiOperation({ summary: 'One user account' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({ summary: 'Change a user; active: false deactivates the account and signs it out' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor, id, body);
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({
    summary:
      "Erase a person's data on request: name and e-mail replaced by a pseudonym, account deactivated, their audit key destroyed (the chain still verifies)",
  })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(404, 409)
  erase(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EraseUserDto,
  ): Promise<UserView> {
    return this.users.erase(actor, id, body.reason);
  }
}
