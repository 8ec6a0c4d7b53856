import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, ApiProblems, CoreError, CurrentActor, Page, PageOf, Public } from '@cbm/core';
import { CapabilityProfileViewDto, PutCapabilityProfileDto } from './dto/capability-profile.dto';
import {
  CreateOrganisationDto,
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
@ApiProblems(400)
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'UN entities, Member States, IFIs and other organisations, by name' })
  @ApiOkResponse({ type: PageOf(OrganisationViewDto) })
  list(@Query() query: OrganisationQueryDto): Promise<Page<OrganisationViewDto>> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(404)
  get(@Param('id', UUID) id: string): Promise<OrganisationViewDto> {
    return this.organisations.get(id);
  }

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Add an organisation (acronyms are unique)' })
  @ApiCreatedResponse({ type: OrganisationViewDto })
  @ApiProblems(409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateOrganisationDto): Promise<OrganisationViewDto> {
    return this.organisations.create(actor, body);
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({ summary: 'Change an organisation; version guards against lost updates' })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID) id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.update(actor, id, body);
  }

  @Get(':id/capability-profile')
  @Public()
  @ApiOperation({
    summary: "The organisation's objectives with expertise level, countries and regions of presence, thematic areas",
  })
  @ApiOkResponse({ type: CapabilityProfileViewDto })
  @ApiProblems(404)
  getProfile(@Param('id', UUID) id: string): Promise<CapabilityProfileViewDto> {
    return this.organisations.getProfile(id);
  }

  @Put(':id/capability-profile')
  @HttpCode(200)
  @Access('admin', 'partner_officer')
  @ApiOperation({ summary: 'Replace the capability profile (admin, or a partner officer of that organisation)' })
  @ApiOkResponse({ type: CapabilityProfileViewDto })
  @ApiProblems(404, 409)
  putProfile(
    @CurrentActor() actor: Actor,
    @Param('id', UUID) id: string,
    @Body() body: PutCapabilityProfileDto,
  ): Promise<CapabilityProfileViewDto> {
    return this.organisations.putProfile(actor, id, body);
  }
}
