import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CoreError, CurrentActor, Public } from '@cbm/core';
import { CapabilityProfileViewDto, PutCapabilityProfileDto } from './dto/capability-profile.dto';
import {
  CreateOrganisationDto,
  OrganisationPageDto,
  OrganisationQueryDto,
  OrganisationViewDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationService } from './organisation.service';

/** A malformed id is a 400 problem, like any other invalid input. */
const UUID = new ParseUUIDPipe({
  exceptionFactory: () =>
    CoreError('VALIDATION_FAILED', 'id must be a UUID', { fields: [{ field: 'id', message: 'must be a UUID' }] }),
});

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'UN entities, Member States, IFIs and other organisations, by name' })
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() query: OrganisationQueryDto) {
    return this.organisations.list(query);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: OrganisationViewDto })
  get(@Param('id', UUID) id: string) {
    return this.organisations.get(id);
  }

  @Post()
  @Access('admin')
  @ApiOkResponse({ type: OrganisationViewDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateOrganisationDto) {
    return this.organisations.create(actor, body);
  }

  @Patch(':id')
  @Access('admin')
  @ApiOkResponse({ type: OrganisationViewDto })
  update(@CurrentActor() actor: Actor, @Param('id', UUID) id: string, @Body() body: UpdateOrganisationDto) {
    return this.organisations.update(actor, id, body);
  }

  @Get(':id/capability-profile')
  @Public()
  @ApiOperation({
    summary: "The organisation's objectives with expertise level, countries and regions of presence, thematic areas",
  })
  @ApiOkResponse({ type: CapabilityProfileViewDto })
  getProfile(@Param('id', UUID) id: string) {
    return this.organisations.getProfile(id);
  }

  @Put(':id/capability-profile')
  @HttpCode(200)
  @Access('admin', 'partner_officer')
  @ApiOperation({ summary: 'Replace the capability profile (admin, or a partner officer of that organisation)' })
  @ApiOkResponse({ type: CapabilityProfileViewDto })
  putProfile(@CurrentActor() actor: Actor, @Param('id', UUID) id: string, @Body() body: PutCapabilityProfileDto) {
    return this.organisations.putProfile(actor, id, body);
  }
}
