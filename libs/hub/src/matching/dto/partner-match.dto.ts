import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_ROLES } from '../../partner/dto/invitation.dto';

export class PartnerMatchComponentsView {
  @ApiProperty({ description: 'Mean expertise level / 3 over the request objectives, 0..1' }) objectiveFit: number;
  @ApiProperty({ description: '1 in the country, 0.7 in its sub-region, 0.5 in its region, else 0' }) presence: number;
  @ApiProperty({ description: '1 / (1 + requests currently led / 3), 0..1' }) capacity: number;
  @ApiProperty({ description: 'Completed requests and on-time final reports, 0..1 (0.5 without history)' })
  trackRecord: number;
}

export class PartnerMatchView {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'IOM' }) acronym: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The weighted sum of the components, 0..1' }) score: number;
  @ApiProperty({ type: PartnerMatchComponentsView }) components: PartnerMatchComponentsView;
  @ApiProperty({ enum: PARTNER_ROLES, enumName: 'PartnerRole' }) suggestedRole: (typeof PARTNER_ROLES)[number];
  @ApiProperty({ type: [String], description: 'One plain sentence per fact behind the score' }) reasons: string[];
}

export class PartnerMatchesView {
  @ApiProperty({ type: [PartnerMatchView], description: 'Best first' }) items: PartnerMatchView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'The weight of each component',
    example: { objectiveFit: 0.5, presence: 0.2, capacity: 0.15, trackRecord: 0.15 },
  })
  weights: Record<string, number>;
}
