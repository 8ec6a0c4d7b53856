import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@cbm/core';
import { AUDIT_CHECKPOINT_TASK, AUDIT_LEDGER_PORT, AuditCheckpointService } from '@cbm/audit';
import { JobScheduler } from '@cbm/jobs';
import { DOCUMENT_PARENTS_PORT, DOCUMENT_TEXT_PORT } from '@cbm/documents';
import { FUND_KNOWLEDGE_PORT, FUND_REQUEST_PORT, FundModule, FundPublicService } from '@cbm/fund';
import { HUB_FUNDING_PORT, HUB_KNOWLEDGE_PORT, HUB_SLA_CONFIG, HubModule, HubPublicService } from '@cbm/hub';
import { KnowledgeModule, KnowledgePublicService } from '@cbm/knowledge';
import { PrivacyModule } from '@cbm/privacy';
import { DocumentParentsAdapter, DocumentTextAdapter } from './document-parents.adapter';

/**
 * The audit checkpoint every AUDIT_CHECKPOINT_INTERVAL_SECONDS: a BullMQ job scheduler with Redis (one
 * run per period across replicas), a timer without; the checkpoint table's unique period keeps it to
 * one checkpoint a period even when two processes run it. Here because the audit library is a leaf
 * that does not know the job scheduler.
 */
@Injectable()
export class AuditCheckpointSchedule implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  // registered even without a key (the run then signs nothing): a worker started without the key must
  // not fail the job scheduler an API replica with the key created
  onModuleInit(): void {
    this.scheduler.every(AUDIT_CHECKPOINT_TASK, this.checkpoints.intervalMs, (t) =>
      this.checkpoints.scheduled(t).then(() => undefined),
    );
  }
}

/** Binds each context's ports to another context's public service; global so the consuming module sees them. */
@Global()
@Module({
  imports: [FundModule, HubModule, KnowledgeModule, PrivacyModule],
  providers: [
    { provide: FUND_REQUEST_PORT, useExisting: HubPublicService },
    { provide: FUND_KNOWLEDGE_PORT, useExisting: KnowledgePublicService },
    { provide: HUB_FUNDING_PORT, useExisting: FundPublicService },
    { provide: HUB_KNOWLEDGE_PORT, useExisting: KnowledgePublicService },
    { provide: AUDIT_LEDGER_PORT, useExisting: FundPublicService },
    AuditCheckpointSchedule,
    { provide: DOCUMENT_PARENTS_PORT, useClass: DocumentParentsAdapter },
    { provide: DOCUMENT_TEXT_PORT, useClass: DocumentTextAdapter },
    {
      provide: HUB_SLA_CONFIG,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        triageDays: c.slaTriageDays,
        infoDays: c.slaInfoDays,
        assessmentDays: c.slaAssessmentDays,
        escalationGraceDays: c.slaEscalationGraceDays,
      }),
    },
  ],
  exports: [
    AUDIT_LEDGER_PORT,
    FUND_REQUEST_PORT,
    FUND_KNOWLEDGE_PORT,
    HUB_FUNDING_PORT,
    HUB_KNOWLEDGE_PORT,
    HUB_SLA_CONFIG,
    DOCUMENT_PARENTS_PORT,
    DOCUMENT_TEXT_PORT,
  ],
})
export class PortsModule {}
