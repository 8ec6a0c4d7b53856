import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CurrentActor } from '@cbm/core';
import { PartnerMatchingService } from './partner-matching.service';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id')
export class PartnerMatchingController {
  constructor(private readonly matching: PartnerMatchingService) {}

  @Get('partner-matches')
  @Access('hub_officer')
  @ApiOperation({ summary: 'Organisations ranked for the request: score, components, reasons, suggested role' })
  matches(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.matching.matches(actor, id);
  }
}
