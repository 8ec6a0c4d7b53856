import { Injectable } from '@nestjs/common';
import { Actor, Clock, Database, newId } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { UserDirectory } from '@cbm/auth';
import { NotificationService } from '@cbm/notifications';
import { ImplementationPlanRepository } from '../implementation/implementation-plan.repository';
import { RequestPartnerRepository } from '../partner/request-partner.repository';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestRepository } from '../request/support-request.repository';
import { SupportRequestService } from '../request/support-request.service';
import { SubmitReportDto } from './dto/report.dto';
import { RequestReportEntity } from './request-report.entity';
import { RequestReportRepository } from './request-report.repository';

export type ReportView = Omit<RequestReportEntity, 'submittedAt'> & { submittedAt: string };

@Injectable()
export class RequestReportService {
  constructor(
    private readonly db: Database,
    private readonly requests: SupportRequestRepository,
    private readonly requestService: SupportRequestService,
    private readonly partners: RequestPartnerRepository,
    private readonly plans: ImplementationPlanRepository,
    private readonly reports: RequestReportRepository,
    private readonly users: UserDirectory,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A partner officer of an accepted partner reports; milestone updates move the plan's milestones. */
  async submit(actor: Actor, requestId: string, input: SubmitReportDto): Promise<ReportView> {
    return this.db.transaction(async (m) => {
      const r = await this.requests.findScoped(actor, requestId, m, true);
      if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
      const partner = (await this.partners.active(r.id, m)).find(
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
      const plan = await this.plans.find(r.id, m);
      const known = new Set(plan?.milestones.map((ms) => ms.code) ?? []);
      const unknown = input.milestoneUpdates.filter((u) => !known.has(u.code));
      if (unknown.length)
        throw RequestError(
          'REQUEST_INVALID_FIELD',
          `no milestone ${unknown.map((u) => u.code).join(', ')} in the plan`,
          { fields: unknown.map((u) => ({ field: 'milestoneUpdates', message: `unknown milestone ${u.code}` })) },
        );
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
        submittedById: actor.id,
        submittedAt: now,
      });
      await this.reports.insert(m, report);
      if (plan && input.milestoneUpdates.length) {
        const status = new Map(input.milestoneUpdates.map((u) => [u.code, u.status]));
        const updated = Object.assign(plan, {
          milestones: plan.milestones.map((ms) => ({ ...ms, status: status.get(ms.code) ?? ms.status })),
          updatedAt: now,
          updatedById: actor.id,
        });
        if (!(await this.plans.replace(m, updated, plan.version)))
          throw RequestError('REQUEST_STALE_VERSION', 'the plan changed meanwhile; retry');
      }
      await this.requestService.timeline(m, r.id, actor, {
        kind: 'report',
        body: `${input.kind === 'final' ? 'Final' : 'Progress'} report for ${input.period}`,
      });
      await this.audit.record(m, {
        actor,
        action: `request.report.${input.kind}_submitted`,
        entityType: 'request',
        entityId: r.id,
        after: {
          reportId: report.id,
          organisationId: report.organisationId,
          period: report.period,
          milestoneUpdates: report.milestoneUpdates,
        },
      });
      const notify = r.assigneeId ? [r.assigneeId] : await this.users.activeIdsOf([{ role: 'hub_officer' }], m);
      await this.notifications.notify(m, {
        userIds: notify,
        kind: `request.report.${input.kind}`,
        title: `${r.reference}: ${input.kind} report`,
        body: `${input.period}\n\n${r.title}`,
        entityType: 'request',
        entityId: r.id,
      });
      return toReportView(report);
    });
  }

  async list(
    actor: Actor,
    requestId: string,
    afterId: string | undefined,
    limit: number,
  ): Promise<RequestReportEntity[]> {
    const r = await this.requests.findScoped(actor, requestId);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    return this.reports.list(r.id, afterId, limit);
  }
}

export function toReportView(r: RequestReportEntity): ReportView {
  return { ...r, submittedAt: r.submittedAt.toISOString() };
}
