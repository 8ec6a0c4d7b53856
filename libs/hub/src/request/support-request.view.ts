import { ApiProperty, OmitType, PickType } from '@nestjs/swagger';
import { MoneyDto } from '@cbm/core';
import { RequestTimelineEntryEntity } from './request-timeline.entity';
import { INTERNAL_FIELDS, SupportRequestEntity } from './support-request.entity';
import { REQUEST_ACTIONS, RequestAction } from './support-request.workflow';
import type { SlaClockName, SlaClockState, SlaClockView } from '../sla/sla-clocks';

export class SlaClockViewDto implements SlaClockView {
  @ApiProperty({ enum: ['triage', 'information', 'assessment'] })
  clock: SlaClockName;

  @ApiProperty({ enum: ['not_started', 'running', 'paused', 'overdue', 'met', 'missed'] })
  state: SlaClockState;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt: string | null;
}

/** The request as the API shows it: its fields less the internal ones, and what the caller may do next. */
export class RequestView extends OmitType(SupportRequestEntity, INTERNAL_FIELDS) {
  @ApiProperty({ type: MoneyDto, nullable: true })
  estimatedBudget: MoneyDto | null;

  @ApiProperty({ enum: REQUEST_ACTIONS, isArray: true, description: 'what the caller may do next (before guards)' })
  allowedActions: RequestAction[];

  @ApiProperty({ description: 'a running service-level clock is past its due date' })
  overdue: boolean;

  @ApiProperty({ type: [SlaClockViewDto] })
  serviceLevels: SlaClockView[];
}

export function toRequestView(
  r: SupportRequestEntity,
  allowedActions: RequestAction[],
  serviceLevels: SlaClockView[],
): RequestView {
  const visible: Record<string, unknown> = { ...r };
  for (const f of INTERNAL_FIELDS) delete visible[f];
  return Object.assign(new RequestView(), visible, {
    estimatedBudget:
      r.estimatedBudgetAmount !== null && r.estimatedBudgetCurrency
        ? { amount: String(r.estimatedBudgetAmount), currency: r.estimatedBudgetCurrency }
        : null,
    allowedActions,
    overdue: serviceLevels.some((c) => c.state === 'overdue'),
    serviceLevels,
  });
}

/** One entry of a request's timeline, as anyone in its scope reads it (internal ones for UN staff only). */
export class RequestTimelineEntryView extends OmitType(RequestTimelineEntryEntity, ['request', 'actor'] as const) {
  @ApiProperty({ type: String, nullable: true, description: "the actor's name, for the screens" })
  actorName: string | null;
}

/** A comment or internal note just added. */
export class RequestCommentView extends PickType(RequestTimelineEntryView, [
  'id',
  'requestId',
  'kind',
  'body',
  'internal',
] as const) {}
