import { ApiProperty } from '@nestjs/swagger';

export class GcmActionDto {
  @ApiProperty({ example: '1.c', description: '"<objective>.<letter>", the code requests use' }) code: string;
  @ApiProperty({ example: 'c', description: 'The letter in the compact' }) letter: string;
  @ApiProperty() text: string;
}

export class GcmObjectiveDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 23 }) number: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer', description: 'Paragraph of the compact' }) paragraph: number;
  @ApiProperty({ type: [GcmActionDto] }) actions: GcmActionDto[];
}

export class GuidingPrincipleDto {
  @ApiProperty({ example: 'human_rights' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() summary: string;
}

export class CountryDto {
  @ApiProperty({ example: 'KEN', description: 'ISO 3166-1 alpha-3' }) code: string;
  @ApiProperty({ example: 'Kenya' }) name: string;
  @ApiProperty({ example: 'Africa', description: 'UN M49 region' }) region: string;
  @ApiProperty({ example: 'Eastern Africa', description: 'UN M49 sub-region (intermediate region where there is one)' })
  subregion: string;
}

export class CurrencyDto {
  @ApiProperty({ example: 'USD', description: 'ISO 4217' }) code: string;
  @ApiProperty({ example: '840' }) number: string;
  @ApiProperty({ example: 'US Dollar' }) name: string;
  @ApiProperty({ type: 'integer', example: 2, description: 'Amounts are integers of 10^-minorUnits' })
  minorUnits: number;
}

export class AssessmentCriterionDto {
  @ApiProperty({ example: 'feasibility', description: "A key of an assessment's scores" }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'integer', description: 'Percent; the weights sum to 100' }) weight: number;
}
