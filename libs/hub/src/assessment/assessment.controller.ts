import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, ApiProblems, CurrentActor } from '@cbm/core';
import { AssessmentService } from './assessment.service';
import { AssessmentHistoryView, AssessmentView, PutAssessmentDto } from './dto/assessment.dto';

@ApiTags('requests')
@ApiProblems(400, 404)
@Controller('requests/:id/assessment')
export class AssessmentController {
  constructor(private readonly assessments: AssessmentService) {}

  @Put()
  @Access('hub_officer')
  @ApiOperation({
    summary: 'Record a new assessment version (all are kept; the last without a conflict of interest counts)',
  })
  @ApiOkResponse({ type: AssessmentView })
  @ApiProblems(409)
  put(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PutAssessmentDto,
  ): Promise<AssessmentView> {
    return this.assessments.put(actor, id, body);
  }

  @Get()
  @Access('hub_officer', 'admin', 'fund_manager', 'steering_committee')
  @ApiOperation({
    summary:
      'Every assessment version and the one that counts (UN staff; fund staff and the steering committee for a request with a funding application)',
  })
  @ApiProblems(403)
  @ApiOkResponse({ type: AssessmentHistoryView })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AssessmentHistoryView> {
    return this.assessments.list(actor, id);
  }
}
