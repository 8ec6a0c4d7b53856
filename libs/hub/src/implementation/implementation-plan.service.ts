import { Injectable } from '@nestjs/common';
import { Actor, Clock } from '@cbm/core';
import { changedFields } from '@cbm/audit';
import { ReferenceService } from '@cbm/reference';
import { HubUnitOfWork } from '../hub-unit-of-work';
import { timelineEntry } from '../request/request-timeline.entity';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestRepository } from '../request/support-request.repository';
import { PutImplementationPlanDto } from './dto/implementation-plan.dto';
import { ImplementationPlanEntity } from './implementation-plan.entity';
import { ImplementationPlanRepository } from './implementation-plan.repository';
import { FieldProblem, frameworkProblems, IndicatorFigure, PlanIndicator, PlanOutcome } from './results-framework';

/** The plan is drafted from matching on and fixed once implementation starts (milestone status moves through reports). */
const PLANNING = ['matching', 'setup'];

export type ImplementationPlanView = Omit<ImplementationPlanEntity, 'updatedAt'> & { updatedAt: string };

@Injectable()
export class ImplementationPlanService {
  constructor(
    private readonly uow: HubUnitOfWork,
    private readonly requests: SupportRequestRepository,
    private readonly plans: ImplementationPlanRepository,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  async put(actor: Actor, requestId: string, input: PutImplementationPlanDto): Promise<ImplementationPlanView> {
    const fields: { field: string; message: string }[] = [];
    if (!this.reference.currency(input.currency))
      fields.push({ field: 'currency', message: 'not an ISO 4217 currency' });
    const codes = input.milestones.map((ms) => ms.code);
    if (new Set(codes).size !== codes.length)
      fields.push({ field: 'milestones', message: 'milestone codes must be unique' });
    if (input.organisations.filter((o) => o.role === 'lead').length > 1)
      fields.push({ field: 'organisations', message: 'at most one lead organisation' });
    if (fields.length)
      throw RequestError('REQUEST_INVALID_FIELD', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, requestId, { lock: true });
      if (!PLANNING.includes(r.status))
        throw RequestError(
          'REQUEST_NOT_EDITABLE',
          `the implementation plan is set while matching or in set-up, not ${r.status}`,
          { currentStatus: r.status },
        );
      // every organisation in the plan must be a partner (invited or accepted) of the request
      const partnerIds = new Set((await tx.partners.active(r.id)).map((p) => p.organisationId));
      const used = [
        ...input.organisations.map((o) => o.organisationId),
        ...input.budget.map((b) => b.organisationId),
        ...input.milestones.flatMap((ms) => (ms.organisationId ? [ms.organisationId] : [])),
      ];
      const strangers = [...new Set(used.filter((id) => !partnerIds.has(id)))];
      if (strangers.length)
        throw RequestError(
          'REQUEST_GUARD_FAILED',
          'every organisation in the plan must be invited to the request first',
          { organisationIds: strangers },
        );
      const results = toFramework(input.results ?? []);
      const problems = frameworkProblems(results, r.objectives);
      if (problems.length) throw resultsInvalid(problems);
      const existing = await tx.plans.find(r.id);
      const plan = Object.assign(new ImplementationPlanEntity(), {
        requestId: r.id,
        organisations: input.organisations.map((o) => ({
          organisationId: o.organisationId,
          role: o.role,
          responsibilities: o.responsibilities ?? '',
        })),
        stakeholders: (input.stakeholders ?? []).map((s) => ({ type: s.type, name: s.name, role: s.role ?? '' })),
        milestones: input.milestones.map((ms) => ({
          code: ms.code,
          title: ms.title,
          dueDate: ms.dueDate,
          organisationId: ms.organisationId ?? null,
          status: 'planned' as const,
        })),
        currency: input.currency,
        budget: input.budget.map((b) => ({ organisationId: b.organisationId, amount: b.amount })),
        funding: input.funding.map((f) => ({
          source: f.source,
          amount: f.amount,
          status: f.status,
          note: f.note ?? '',
        })),
        reportDueDates: [...new Set(input.reportDueDates ?? [])].sort(),
        results,
        remindedDueDates: existing?.remindedDueDates ?? [],
        updatedById: actor.id,
        updatedAt: this.clock.now(),
        version: 1,
      });
      if (!existing) {
        await tx.plans.insert(plan);
      } else {
        const expected = input.version ?? existing.version;
        if (expected !== existing.version || !(await tx.plans.replace(plan, expected)))
          throw RequestError('REQUEST_STALE_VERSION', 'the plan was changed by someone else; reload and retry', {
            currentVersion: existing.version,
          });
        plan.version = expected + 1;
      }
      const snapshot = (p: ImplementationPlanEntity) => ({
        organisations: p.organisations,
        stakeholders: p.stakeholders,
        milestones: p.milestones,
        currency: p.currency,
        budget: p.budget,
        funding: p.funding,
        reportDueDates: p.reportDueDates,
        results: p.results,
      });
      tx.audit.record({
        actor,
        action: existing ? 'request.plan.updated' : 'request.plan.created',
        entityType: 'request',
        entityId: r.id,
        ...(existing ? changedFields(snapshot(existing), snapshot(plan)) : { after: snapshot(plan) }),
      });
      tx.requests.addTimeline(
        timelineEntry(r.id, actor, this.clock.now(), {
          kind: 'plan',
          body: `Implementation plan ${existing ? 'updated' : 'drafted'}: ${plan.milestones.length} milestone(s), ${plan.organisations.length} organisation(s)`,
        }),
      );
      return toPlanView(plan);
    });
  }

  async get(actor: Actor, requestId: string): Promise<ImplementationPlanView> {
    const r = await this.requests.getScoped(actor, requestId);
    const plan = await this.plans.find(r.id);
    if (!plan) throw RequestError('REQUEST_NOT_FOUND', 'the request has no implementation plan yet');
    return toPlanView(plan);
  }
}

/** The 422 of a results framework or of a report's actuals that do not hold together. */
export function resultsInvalid(problems: FieldProblem[]) {
  return RequestError('REQUEST_RESULTS_INVALID', problems.map((f) => `${f.field}: ${f.message}`).join('; '), {
    fields: problems,
  });
}

const figureOf = (f: {
  value: string;
  female?: string | null;
  male?: string | null;
  other?: string | null;
}): IndicatorFigure => ({
  value: f.value,
  female: f.female ?? null,
  male: f.male ?? null,
  other: f.other ?? null,
});

/** The framework as stored: every optional breakdown filled in (null), objectives in order, once each. */
function toFramework(outcomes: PutImplementationPlanDto['results'] & object): PlanOutcome[] {
  const indicator = (i: (typeof outcomes)[number]['indicators'][number]): PlanIndicator => ({
    code: i.code,
    title: i.title,
    unit: i.unit,
    measure: i.measure,
    baseline: { year: i.baseline.year, ...figureOf(i.baseline) },
    target: figureOf(i.target),
    meansOfVerification: i.meansOfVerification,
    sexDisaggregated: i.sexDisaggregated,
    objectives: [...new Set(i.objectives)].sort((a, b) => a - b),
  });
  return outcomes.map((o) => ({
    code: o.code,
    title: o.title,
    indicators: o.indicators.map(indicator),
    outputs: o.outputs.map((p) => ({ code: p.code, title: p.title, indicators: p.indicators.map(indicator) })),
  }));
}

export function toPlanView(p: ImplementationPlanEntity): ImplementationPlanView {
  return { ...p, updatedAt: p.updatedAt.toISOString() };
}
