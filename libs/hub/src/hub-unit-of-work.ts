import { Inject, Injectable } from '@nestjs/common';
import { Database, Transaction, UnitOfWork } from '@cbm/core';
import { AuditLog, AuditService } from '@cbm/audit';
import { UserDirectory } from '@cbm/auth';
import { DomainEvent, EventBus } from '@cbm/jobs';
import { Notice, NotificationService } from '@cbm/notifications';
import { PrivacyFindings, PrivacyService } from '@cbm/privacy';
import { RequestAssessmentRepository } from './assessment/request-assessment.repository';
import { ImplementationPlanRepository } from './implementation/implementation-plan.repository';
import { RequestPartnerRepository } from './partner/request-partner.repository';
import { HUB_FUNDING_PORT, HubFundingPort } from './ports';
import { RequestReportRepository } from './report/request-report.repository';
import { PeerRepository } from './similar/peer.repository';
import { SlaRepository } from './sla/sla.repository';
import { SupportRequestEntity } from './request/support-request.entity';
import { SupportRequestRepository } from './request/support-request.repository';
import { RequestReads } from './request/support-request.workflow';

/**
 * Everything a hub use case reads and writes in one transaction. The rows it can write: support
 * requests and their timeline, partners, assessments, plans, reports, links and peer exchanges,
 * service-level marks (the repositories), audit
 * events (`audit`), in-app notifications and their e-mails (`notify`), domain events for the other
 * contexts (`publish`), personal-data findings in the free text (`privacy`). Timeline entries, notifications, events and audit events are written
 * together just before COMMIT, in one statement.
 */
export interface HubTx {
  readonly transaction: Transaction;
  readonly requests: SupportRequestRepository;
  readonly partners: RequestPartnerRepository;
  readonly assessments: RequestAssessmentRepository;
  readonly plans: ImplementationPlanRepository;
  readonly reports: RequestReportRepository;
  readonly peers: PeerRepository;
  readonly sla: SlaRepository;
  readonly audit: AuditLog;
  readonly privacy: PrivacyFindings;
  notify(notice: Notice): void;
  publish(event: DomainEvent): void;
  /** What the request workflow's guards read about `request`, in this transaction. */
  reads(request: SupportRequestEntity): RequestReads;
}

@Injectable()
export class HubUnitOfWork extends UnitOfWork<HubTx> {
  constructor(
    db: Database,
    private readonly requests: SupportRequestRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly assessments: RequestAssessmentRepository,
    private readonly plans: ImplementationPlanRepository,
    private readonly reports: RequestReportRepository,
    private readonly peers: PeerRepository,
    private readonly sla: SlaRepository,
    private readonly users: UserDirectory,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly privacy: PrivacyService,
    private readonly events: EventBus,
    @Inject(HUB_FUNDING_PORT) private readonly funding: HubFundingPort,
  ) {
    super(db);
  }

  protected open(t: Transaction): HubTx {
    const tx: HubTx = {
      transaction: t,
      requests: this.requests.in(t),
      partners: this.partners.in(t),
      assessments: this.assessments.in(t),
      plans: this.plans.in(t),
      reports: this.reports.in(t),
      peers: this.peers.in(t),
      sla: this.sla.in(t),
      audit: this.audit.in(t),
      privacy: this.privacy.in(t),
      notify: (notice) => this.notifications.in(t).add(notice),
      publish: this.events.publisher(t),
      reads: (r) => ({
        person: (id) => this.users.person(id, t),
        declaredConflict: (userId) => tx.assessments.declaredConflict(r.id, userId),
        currentAssessment: () => tx.assessments.current(r.id),
        partners: () => tx.partners.active(r.id),
        plan: () => tx.plans.find(r.id),
        approvedFunding: () => this.funding.approvedFor(r.id, t),
        transfersReconciled: () => this.funding.transfersReconciled(r.id, t),
        fundClosure: () => this.funding.closureOf(r.id, t),
        latestFinalReport: () => tx.reports.latestFinal(r.id),
      }),
    };
    return tx;
  }
}
