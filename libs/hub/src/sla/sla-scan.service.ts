import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { addWorkingDays, Clock, SYSTEM_ACTOR } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { UserDirectory } from '@cbm/auth';
import { JobScheduler } from '@cbm/jobs';
import { NotificationService } from '@cbm/notifications';
import { EntityManager } from 'typeorm';
import { ImplementationPlanRepository } from '../implementation/implementation-plan.repository';
import { RequestPartnerRepository } from '../partner/request-partner.repository';
import { SupportRequestEntity } from '../request/support-request.entity';
import { SupportRequestRepository } from '../request/support-request.repository';
import { HUB_SLA_CONFIG, SlaConfig, slaClocks } from './sla-clocks';
import { SlaRepository } from './sla.repository';

export const SLA_SCAN_TASK = 'hub-sla-scan';
const EVERY_MS = 15 * 60 * 1000;
const BATCH = 200;
/** Partners are reminded this many days before a report is due. */
const REMIND_DAYS_BEFORE = 5;

/**
 * The repeating service-level scan: flags requests whose running clock ran out and tells the
 * assignee; after the grace period tells every hub officer; reminds partners of reports due.
 * Idempotent: each step is a conditional update, so a second run finds nothing to do.
 */
@Injectable()
export class SlaScanService implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly repo: SlaRepository,
    private readonly requests: SupportRequestRepository,
    private readonly plans: ImplementationPlanRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly users: UserDirectory,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(HUB_SLA_CONFIG) private readonly sla: SlaConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.every(SLA_SCAN_TASK, EVERY_MS, (m) => this.scan(m).then(() => undefined));
  }

  async scan(m: EntityManager): Promise<{ overdue: number; escalated: number; reminded: number }> {
    const now = this.clock.now();
    let overdue = 0;
    let escalated = 0;
    let reminded = 0;
    for (const r of await this.repo.newlyOverdue(m, now, BATCH)) {
      if (!(await this.repo.mark(m, r.id, 'overdueAt', now))) continue;
      overdue++;
      const clock = this.overdueClock(r, now);
      await this.audit.record(m, {
        actor: SYSTEM_ACTOR,
        action: 'request.sla.overdue',
        entityType: 'request',
        entityId: r.id,
        after: { clock, dueAt: r.dueAt?.toISOString() },
      });
      const assignee = r.assigneeId ? [r.assigneeId] : await this.hubOfficers(m);
      // the information clock is the requester's: their focal points hear of it too
      const focal =
        clock === 'information'
          ? await this.users.activeIdsOf([{ role: 'focal_point', countryCode: r.countryCode }], m)
          : [];
      await this.notifications.notify(m, {
        userIds: [...assignee, ...focal],
        kind: 'request.sla.overdue',
        title: `${r.reference}: ${clock} overdue`,
        body: `${r.title}\n\nDue ${r.dueAt?.toISOString().slice(0, 10)}`,
        entityType: 'request',
        entityId: r.id,
      });
    }
    for (const r of await this.repo.unescalated(m, now, BATCH)) {
      if (!r.overdueAt || addWorkingDays(r.overdueAt, this.sla.escalationGraceDays) > now) continue;
      if (!(await this.repo.mark(m, r.id, 'escalatedAt', now))) continue;
      escalated++;
      const clock = this.overdueClock(r, now);
      await this.audit.record(m, {
        actor: SYSTEM_ACTOR,
        action: 'request.sla.escalated',
        entityType: 'request',
        entityId: r.id,
        after: { clock, dueAt: r.dueAt?.toISOString() },
      });
      await this.notifications.notify(m, {
        userIds: await this.hubOfficers(m),
        kind: 'request.sla.escalated',
        title: `${r.reference}: ${clock} overdue since ${r.overdueAt.toISOString().slice(0, 10)}`,
        body: r.title,
        entityType: 'request',
        entityId: r.id,
      });
    }
    const until = new Date(now.getTime() + REMIND_DAYS_BEFORE * 86400000).toISOString().slice(0, 10);
    for (const due of await this.plans.dueReports(m, until, BATCH)) {
      if (!(await this.plans.markReminded(m, due.requestId, due.dueDate))) continue;
      const r = (await this.requests.findById(due.requestId, m)) as SupportRequestEntity;
      const orgs = (await this.partners.active(r.id, m))
        .filter((p) => p.status === 'accepted')
        .map((p) => p.organisationId);
      const officers = await this.users.activeIdsOf(
        orgs.map((o) => ({ role: 'partner_officer', organisationId: o })),
        m,
      );
      reminded++;
      await this.notifications.notify(m, {
        userIds: officers,
        kind: 'request.report.due',
        title: `${r.reference}: progress report due ${due.dueDate}`,
        body: r.title,
        entityType: 'request',
        entityId: r.id,
      });
    }
    return { overdue, escalated, reminded };
  }

  private overdueClock(r: SupportRequestEntity, now: Date): string {
    return slaClocks(r, now).find((c) => c.state === 'overdue')?.clock ?? 'service level';
  }

  private async hubOfficers(m: EntityManager): Promise<string[]> {
    return this.users.activeIdsOf([{ role: 'hub_officer' }], m);
  }
}
