import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { addWorkingDays, Clock, SYSTEM_ACTOR, Transaction } from '@cbm/core';
import { RoleScope } from '@cbm/auth';
import { JobScheduler } from '@cbm/jobs';
import { HubTx, HubUnitOfWork } from '../hub-unit-of-work';
import { SupportRequestEntity } from '../request/support-request.entity';
import { HUB_SLA_CONFIG, SlaConfig, slaClocks } from './sla-clocks';

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
    private readonly uow: HubUnitOfWork,
    private readonly clock: Clock,
    @Inject(HUB_SLA_CONFIG) private readonly sla: SlaConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.every(SLA_SCAN_TASK, EVERY_MS, (t) => this.scan(t).then(() => undefined));
  }

  /** One pass, in the scheduler's transaction `t`. */
  scan(t: Transaction): Promise<{ overdue: number; escalated: number; reminded: number }> {
    return this.uow.within(t, (tx) => this.scanWith(tx));
  }

  private async scanWith(tx: HubTx): Promise<{ overdue: number; escalated: number; reminded: number }> {
    const now = this.clock.now();
    let overdue = 0;
    let escalated = 0;
    let reminded = 0;
    for (const r of await tx.sla.newlyOverdue(now, BATCH)) {
      if (!(await tx.sla.mark(r.id, 'overdueAt', now))) continue;
      overdue++;
      const clock = this.overdueClock(r, now);
      tx.audit.record({
        actor: SYSTEM_ACTOR,
        action: 'request.sla.overdue',
        entityType: 'request',
        entityId: r.id,
        after: { clock, dueAt: r.dueAt?.toISOString() },
      });
      tx.notify({
        to: {
          userIds: r.assigneeId ? [r.assigneeId] : [],
          scopes: [
            ...(r.assigneeId ? [] : [HUB_OFFICERS]),
            // the information clock is the requester's: their focal points hear of it too
            ...(clock === 'information' ? [{ role: 'focal_point' as const, countryCode: r.countryCode }] : []),
          ],
        },
        kind: 'request.sla.overdue',
        title: `${r.reference}: ${clock} overdue`,
        body: `${r.title}\n\nDue ${r.dueAt?.toISOString().slice(0, 10)}`,
        entityType: 'request',
        entityId: r.id,
      });
    }
    for (const r of await tx.sla.unescalated(now, BATCH)) {
      if (!r.overdueAt || addWorkingDays(r.overdueAt, this.sla.escalationGraceDays) > now) continue;
      if (!(await tx.sla.mark(r.id, 'escalatedAt', now))) continue;
      escalated++;
      const clock = this.overdueClock(r, now);
      tx.audit.record({
        actor: SYSTEM_ACTOR,
        action: 'request.sla.escalated',
        entityType: 'request',
        entityId: r.id,
        after: { clock, dueAt: r.dueAt?.toISOString() },
      });
      tx.notify({
        to: { scopes: [HUB_OFFICERS] },
        kind: 'request.sla.escalated',
        title: `${r.reference}: ${clock} overdue since ${r.overdueAt.toISOString().slice(0, 10)}`,
        body: r.title,
        entityType: 'request',
        entityId: r.id,
      });
    }
    const until = new Date(now.getTime() + REMIND_DAYS_BEFORE * 86400000).toISOString().slice(0, 10);
    for (const due of await tx.plans.dueReports(until, BATCH)) {
      if (!(await tx.plans.markReminded(due.requestId, due.dueDate))) continue;
      const r = (await tx.requests.findById(due.requestId)) as SupportRequestEntity;
      const orgs = (await tx.partners.active(r.id)).filter((p) => p.status === 'accepted').map((p) => p.organisationId);
      reminded++;
      tx.notify({
        to: { scopes: orgs.map((organisationId) => ({ role: 'partner_officer', organisationId })) },
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
}

const HUB_OFFICERS: RoleScope = { role: 'hub_officer' };
