import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, ApiProblems, CurrentActor } from '@cbm/core';
import { PartnerMatchesView } from './dto/partner-match.dto';
import { PartnerMatchingService } from './partner-matching.service';

@ApiTags('requests')
@Controller('requests/:id')
export class PartnerMatchingController {
  constructor(private readonly matching: PartnerMatchingService) {}

  @Get('partner-matches')
  @Access('hub_officer', 'fund_manager', 'steering_committee')
  @ApiOperation({
    summary:
      'Organisations ranked for the request: score, components, reasons, suggested role (fund staff and the steering committee: a request with a funding application)',
  })
  @ApiOkResponse({ type: PartnerMatchesView })
  @ApiProblems(400, 403, 404)
  matches(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PartnerMatchesView> {
    return this.matching.matches(actor, id);
  }
}
