import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@cbm/core';
import { DOCUMENT_PARENTS_PORT, DOCUMENT_TEXT_PORT } from '@cbm/documents';
import { FUND_KNOWLEDGE_PORT, FUND_REQUEST_PORT, FundModule, FundPublicService } from '@cbm/fund';
import { HUB_FUNDING_PORT, HUB_KNOWLEDGE_PORT, HUB_SLA_CONFIG, HubModule, HubPublicService } from '@cbm/hub';
import { KnowledgeModule, KnowledgePublicService } from '@cbm/knowledge';
import { DocumentParentsAdapter, DocumentTextAdapter } from './document-parents.adapter';

/** Binds each context's ports to another context's public service; global so the consuming module sees them. */
@Global()
@Module({
  imports: [FundModule, HubModule, KnowledgeModule],
  providers: [
    { provide: FUND_REQUEST_PORT, useExisting: HubPublicService },
    { provide: FUND_KNOWLEDGE_PORT, useExisting: KnowledgePublicService },
    { provide: HUB_FUNDING_PORT, useExisting: FundPublicService },
    { provide: HUB_KNOWLEDGE_PORT, useExisting: KnowledgePublicService },
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
