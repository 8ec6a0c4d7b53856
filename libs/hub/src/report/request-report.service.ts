import { Injectable } from '@nestjs/common';
import { Actor, Clock, newId } from '@cbm/core';
import { HubUnitOfWork } from '../hub-unit-of-work';
import { timelineEntry } from '../request/request-timeline.entity';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestRepository } from '../request/support-request.repository';
import { resultsInvalid } from '../implementation/implementation-plan.service';
import { ImplementationPlanRepository } from '../implementation/implementation-plan.repository';
import { actualsProblems, expenditureProblems, progressOf } from '../implementation/results-framework';
import { RequestResultsView, ReviewReportDto, SubmitReportDto } from './dto/report.dto';
import { RequestReportEntity } from './request-report.entity';
import { RequestReportRepository } from './request-report.repository';
import { reportFields, requestSubject } from '../request/request-personal-data';

export type ReportView = Omit<RequestReportEntity, 'submittedAt' | 'reviewedAt'> & {
  submittedAt: string;
  reviewedAt: string | null;
};

@Injectable()
export class RequestReportService {
  constructor(
    private readonly uow: HubUnitOfWork,
    private readonly requests: SupportRequestRepository,
    private readonly reports: RequestReportRepository,
    private readonly plans: ImplementationPlanRepository,
    private readonly clock: Clock,
  ) {}

  /** A partner officer of an accepted partner reports; milestone updates move the plan's milestones. */
  async submit(actor: Actor, requestId: string, input: SubmitReportDto): Promise<ReportView> {
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, requestId, { lock: true });
      const partner = (await tx.partners.active(r.id)).find(
        (p) => p.status === 'accepted' && p.organisationId === actor.organisationId,
      );
      if (actor.role !== 'partner_officer' || !partner)
        throw RequestError(
          'REQUEST_FORBIDDEN',
          'only partner officers of an organisation taking part in the request report on it',
        );
      if (r.status !== 'in_implementation')
        throw RequestError(
          'REQUEST_INVALID_TRANSITION',
          `reports are submitted while the request is in implementation, not ${r.status}`,
          { currentStatus: r.status },
        );
      if (input.kind === 'final' && !input.lessonsLearned?.trim())
        throw RequestError('REQUEST_INVALID_FIELD', 'a final report needs lessons learned', {
          fields: [{ field: 'lessonsLearned', message: 'required on a final report' }],
        });
      const plan = await tx.plans.find(r.id);
      const known = new Set(plan?.milestones.map((ms) => ms.code) ?? []);
      const unknown = input.milestoneUpdates.filter((u) => !known.has(u.code));
      if (unknown.length)
        throw RequestError(
          'REQUEST_INVALID_FIELD',
          `no milestone ${unknown.map((u) => u.code).join(', ')} in the plan`,
          { fields: unknown.map((u) => ({ field: 'milestoneUpdates', message: `unknown milestone ${u.code}` })) },
        );
      const actuals = (input.indicatorActuals ?? []).map((a) => ({
        code: a.code,
        value: a.value,
        female: a.female ?? null,
        male: a.male ?? null,
        other: a.other ?? null,
      }));
      const expenditure = (input.expenditure ?? []).map((e) => ({ category: e.category, amount: e.amount }));
      const problems = [...actualsProblems(plan?.results ?? [], actuals), ...expenditureProblems(expenditure)];
      if (expenditure.length && !plan)
        problems.push({
          field: 'expenditure',
          message: "expenditure is in the plan's currency: the request has no plan yet",
        });
      if (actuals.length && (!input.periodStart || !input.periodEnd))
        problems.push({ field: 'periodStart', message: 'indicator actuals need the dates of the period' });
      if (input.periodStart && input.periodEnd && input.periodStart > input.periodEnd)
        problems.push({ field: 'periodEnd', message: 'the period ends on or after its start' });
      if (!!input.periodStart !== !!input.periodEnd)
        problems.push({ field: 'periodEnd', message: 'give both dates of the period, or neither' });
      if (problems.length) throw resultsInvalid(problems);
      const now = this.clock.now();
      const report = Object.assign(new RequestReportEntity(), {
        id: newId(),
        requestId: r.id,
        organisationId: partner.organisationId,
        kind: input.kind,
        period: input.period,
        narrative: input.narrative,
        milestoneUpdates: input.milestoneUpdates.map((u) => ({ code: u.code, status: u.status, note: u.note ?? '' })),
        lessonsLearned: input.lessonsLearned?.trim() || null,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        indicatorActuals: actuals,
        expenditure,
        currency: plan?.currency ?? null,
        submittedById: actor.id,
        submittedAt: now,
      });
      await tx.reports.insert(report);
      await tx.privacy.record(requestSubject(r), reportFields(report)); // recorded on the request, never blocking
      if (plan && input.milestoneUpdates.length) {
        const status = new Map(input.milestoneUpdates.map((u) => [u.code, u.status]));
        const updated = Object.assign(plan, {
          milestones: plan.milestones.map((ms) => ({ ...ms, status: status.get(ms.code) ?? ms.status })),
          updatedAt: now,
          updatedById: actor.id,
        });
        if (!(await tx.plans.replace(updated, plan.version)))
          throw RequestError('REQUEST_STALE_VERSION', 'the plan changed meanwhile; retry');
      }
      tx.requests.addTimeline(
        timelineEntry(r.id, actor, this.clock.now(), {
          kind: 'report',
          body: `${input.kind === 'final' ? 'Final' : 'Progress'} report for ${input.period}`,
        }),
      );
      tx.audit.record({
        actor,
        action: `request.report.${input.kind}_submitted`,
        entityType: 'request',
        entityId: r.id,
        after: {
          reportId: report.id,
          organisationId: report.organisationId,
          period: report.period,
          milestoneUpdates: report.milestoneUpdates,
          indicatorActuals: report.indicatorActuals,
          expenditure: report.expenditure,
        },
      });
      tx.notify({
        to: r.assigneeId ? { userIds: [r.assigneeId] } : { scopes: [{ role: 'hub_officer' }] },
        kind: `request.report.${input.kind}`,
        title: `${r.reference}: ${input.kind} report`,
        body: `${input.period}\n\n${r.title}`,
        entityType: 'request',
        entityId: r.id,
      });
      return toReportView(report);
    });
  }

  /**
   * A hub officer accepts or returns a submitted report, with a reason: `submitted → accepted | returned`,
   * guarded in SQL (a second review finds it reviewed: 409). The reporting organisation's officers are told;
   * a returned report is answered by a new one. An accepted final report lets the fund close the project
   * operationally.
   */
  async review(
    actor: Actor,
    requestId: string,
    reportId: string,
    decision: 'accept' | 'return',
    input: ReviewReportDto,
  ): Promise<ReportView> {
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, requestId); // 404 outside scope
      if (actor.role !== 'hub_officer')
        throw RequestError('REQUEST_FORBIDDEN', 'a hub officer accepts or returns a report');
      const report = await tx.reports.find(r.id, reportId);
      if (!report) throw RequestError('REQUEST_NOT_FOUND', 'no such report');
      if (report.status !== 'submitted')
        throw RequestError('REQUEST_INVALID_TRANSITION', `the report is already ${report.status}`, {
          currentStatus: report.status,
        });
      const set = {
        status: decision === 'accept' ? ('accepted' as const) : ('returned' as const),
        reviewedById: actor.id,
        reviewedAt: this.clock.now(),
        reviewReason: input.reason.trim(),
      };
      if (!(await tx.reports.review(report, set)))
        throw RequestError('REQUEST_INVALID_TRANSITION', 'the report was reviewed by someone else meanwhile');
      const reviewed = Object.assign(report, set);
      const what = `${report.kind === 'final' ? 'Final' : 'Progress'} report for ${report.period}`;
      tx.requests.addTimeline(
        timelineEntry(r.id, actor, set.reviewedAt, {
          kind: 'report',
          body: `${what} ${set.status}: ${set.reviewReason}`,
        }),
      );
      tx.audit.record({
        actor,
        action: `request.report.${set.status}`,
        entityType: 'request',
        entityId: r.id,
        before: { reportId: report.id, status: 'submitted' },
        after: { reportId: report.id, status: set.status, reason: set.reviewReason },
      });
      tx.notify({
        to: { scopes: [{ role: 'partner_officer', organisationId: report.organisationId }] },
        except: actor.id,
        kind: `request.report.${set.status}`,
        title: `${r.reference}: ${what.toLowerCase()} ${set.status}`,
        body: set.reviewReason,
        entityType: 'request',
        entityId: r.id,
      });
      if (report.kind === 'final' && set.status === 'accepted')
        tx.notify({
          to: { scopes: [{ role: 'fund_manager' }] },
          except: actor.id,
          kind: 'request.report.final_accepted',
          title: `${r.reference}: final report accepted`,
          body: `${r.title}\n\nA funded project can now be closed operationally.`,
          entityType: 'request',
          entityId: r.id,
        });
      return toReportView(reviewed);
    });
  }

  /**
   * The plan's indicators with their actuals over the periods reported (submitted and accepted reports;
   * returned ones are superseded) and the latest accepted one: for whoever reads the request.
   */
  async results(actor: Actor, requestId: string): Promise<RequestResultsView> {
    const r = await this.requests.getScoped(actor, requestId);
    const plan = await this.plans.find(r.id);
    const reports = await this.reports.withStatus([r.id], ['submitted', 'accepted']);
    return { requestId: r.id, indicators: progressOf(plan?.results ?? [], reports) };
  }

  async list(
    actor: Actor,
    requestId: string,
    afterId: string | undefined,
    limit: number,
  ): Promise<RequestReportEntity[]> {
    const r = await this.requests.getScoped(actor, requestId);
    return this.reports.list(r.id, afterId, limit);
  }
}

export function toReportView(r: RequestReportEntity): ReportView {
  return { ...r, submittedAt: r.submittedAt.toISOString(), reviewedAt: r.reviewedAt?.toISOString() ?? null };
}
