import { ApiProperty } from '@nestjs/swagger';
import { DURATION_STEPS, DurationStep, SERVICE_LEVEL_STEPS, ServiceLevelStep } from '../mechanism-dashboard';

export class RequestCountRowView {
  @ApiProperty({ example: '2026-Q1', description: 'quarter of the first submission (UTC)' })
  quarter: string;
  @ApiProperty()
  status: string;
  @ApiProperty({ description: 'UN M49 region of the requesting country' })
  region: string;
  @ApiProperty({ type: Number, nullable: true, description: 'GCM objective; null: all objectives, each request once' })
  objective: number | null;
  @ApiProperty()
  count: number;
}

export class DurationRowView {
  @ApiProperty({ example: '2026-Q1', description: 'quarter the requests were filed (UTC)' })
  quarter: string;
  @ApiProperty({ type: String, nullable: true, description: 'UN M49 region; null: all regions' })
  region: string | null;
  @ApiProperty({
    enum: DURATION_STEPS,
    description:
      'triage: submission → triage start; decision: submission → approval or decline; first_transfer: approval → first transfer',
  })
  step: DurationStep;
  @ApiProperty({ description: 'requests that took the step' })
  count: number;
  @ApiProperty({ description: 'median calendar days, one decimal' })
  medianDays: number;
}

export class ServiceLevelRowView {
  @ApiProperty({ example: '2026-Q1', description: 'quarter the clock ended (UTC)' })
  quarter: string;
  @ApiProperty({ enum: SERVICE_LEVEL_STEPS })
  step: ServiceLevelStep;
  @ApiProperty()
  done: number;
  @ApiProperty()
  withinLevel: number;
  @ApiProperty({ type: Number, nullable: true, description: 'withinLevel / done, 0-1' })
  share: number | null;
}

export class PartnerDeliveryRowView {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
  @ApiProperty({ type: String, nullable: true })
  name: string | null;
  @ApiProperty({ type: String, nullable: true })
  acronym: string | null;
  @ApiProperty({ description: 'report due dates passed on requests it leads' })
  reportsDue: number;
  @ApiProperty()
  reportsOnTime: number;
  @ApiProperty({ type: Number, nullable: true })
  reportRate: number | null;
  @ApiProperty({ description: 'milestones due by today' })
  milestonesDue: number;
  @ApiProperty()
  milestonesDone: number;
  @ApiProperty({ type: Number, nullable: true })
  milestoneRate: number | null;
  @ApiProperty({ description: 'USD minor units transferred by the fund' })
  transferred: string;
  @ApiProperty({ description: 'USD minor units reported spent' })
  spent: string;
  @ApiProperty({ type: Number, nullable: true, description: 'spent / transferred' })
  expenditureRate: number | null;
}

export class ServiceLevelTargetsView {
  @ApiProperty({ description: 'working days' })
  triageDays: number;
  @ApiProperty()
  infoDays: number;
  @ApiProperty()
  assessmentDays: number;
}

/** GET /dashboard/mechanism and /open/mechanism.json: aggregates only, no person named. */
export class MechanismDashboardView {
  @ApiProperty({ type: String, format: 'date-time' })
  generatedAt: string;
  @ApiProperty({ type: ServiceLevelTargetsView })
  targets: ServiceLevelTargetsView;
  @ApiProperty({ type: [RequestCountRowView] })
  requests: RequestCountRowView[];
  @ApiProperty({ type: [DurationRowView] })
  durations: DurationRowView[];
  @ApiProperty({ type: [ServiceLevelRowView] })
  serviceLevels: ServiceLevelRowView[];
  @ApiProperty({ type: [PartnerDeliveryRowView] })
  partners: PartnerDeliveryRowView[];
}
