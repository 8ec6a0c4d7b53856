import { MoneyDto } from '@cbm/core';
import { SupportRequestEntity } from './support-request.entity';
import { RequestAction } from './support-request.state-machine';
import type { SlaClockView } from '../sla/sla-clocks';

export interface RequestView {
  id: string;
  reference: string;
  countryCode: string;
  status: string;
  title: string;
  summary: string;
  expectedResults: string;
  objectives: number[];
  actions: string[];
  principles: string[];
  supportTypes: string[];
  targetGroups: string[];
  geographicScope: string;
  nationalCounterparts: string;
  estimatedBudget: MoneyDto | null;
  startDate: string | null;
  endDate: string | null;
  assigneeId: string | null;
  submittedAt: string | null;
  statusChangedAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  allowedActions: RequestAction[];
  /** Earliest due date among running service-level clocks. */
  dueAt: string | null;
  overdue: boolean;
  serviceLevels: SlaClockView[];
}

export function toRequestView(
  r: SupportRequestEntity,
  allowedActions: RequestAction[],
  serviceLevels: SlaClockView[],
): RequestView {
  return {
    id: r.id,
    reference: r.reference,
    countryCode: r.countryCode,
    status: r.status,
    title: r.title,
    summary: r.summary,
    expectedResults: r.expectedResults,
    objectives: r.objectives,
    actions: r.actions,
    principles: r.principles,
    supportTypes: r.supportTypes,
    targetGroups: r.targetGroups,
    geographicScope: r.geographicScope,
    nationalCounterparts: r.nationalCounterparts,
    estimatedBudget:
      r.estimatedBudgetAmount !== null && r.estimatedBudgetCurrency
        ? { amount: String(r.estimatedBudgetAmount), currency: r.estimatedBudgetCurrency }
        : null,
    startDate: r.startDate,
    endDate: r.endDate,
    assigneeId: r.assigneeId,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    statusChangedAt: r.statusChangedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    allowedActions,
    dueAt: r.dueAt?.toISOString() ?? null,
    overdue: serviceLevels.some((c) => c.state === 'overdue'),
    serviceLevels,
  };
}
