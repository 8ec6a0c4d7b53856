import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CurrentActor } from '@cbm/core';
import { AssessmentService } from './assessment.service';
import { PutAssessmentDto } from './dto/assessment.dto';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id/assessment')
export class AssessmentController {
  constructor(private readonly assessments: AssessmentService) {}

  @Put()
  @Access('hub_officer')
  @ApiOperation({
    summary: 'Record a new assessment version (all are kept; the last without a conflict of interest counts)',
  })
  put(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: PutAssessmentDto) {
    return this.assessments.put(actor, id, body);
  }

  @Get()
  @Access('hub_officer', 'admin')
  @ApiOperation({ summary: 'Every assessment version and the one that counts (UN staff only)' })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.assessments.list(actor, id);
  }
}
