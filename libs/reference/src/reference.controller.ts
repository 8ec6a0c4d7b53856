import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Public } from '@cbm/core';
import { AssessmentCriterionDto, CountryDto, CurrencyDto, GcmObjectiveDto, GuidingPrincipleDto } from './reference.dto';
import { ReferenceService } from './reference.service';

/** Reference data changes only with a release: public, and cacheable for an hour. */
const CACHE = 'public, max-age=3600';

@ApiTags('reference')
@ApiProblems(400)
@Controller('reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('objectives')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'The 23 GCM objectives with their actions' })
  @ApiOkResponse({ type: [GcmObjectiveDto] })
  objectives() {
    return this.reference.objectives();
  }

  @Get('principles')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'The 10 guiding principles of the GCM' })
  @ApiOkResponse({ type: [GuidingPrincipleDto] })
  principles() {
    return this.reference.principles();
  }

  @Get('countries')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'ISO 3166-1 countries with UN M49 region and sub-region' })
  @ApiOkResponse({ type: [CountryDto] })
  countries() {
    return this.reference.countries();
  }

  @Get('currencies')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'ISO 4217 currencies with their minor units' })
  @ApiOkResponse({ type: [CurrencyDto] })
  currencies() {
    return this.reference.currencies();
  }

  @Get('assessment-criteria')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: "The assessment rubric: each code is a key of an assessment's scores (0-4)" })
  @ApiOkResponse({ type: [AssessmentCriterionDto] })
  assessmentCriteria() {
    return this.reference.assessmentCriteria();
  }
}
