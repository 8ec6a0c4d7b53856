import { RequestAssessmentEntity } from './assessment/request-assessment.entity';
import { ImplementationPlanEntity } from './implementation/implementation-plan.entity';
import { RequestPartnerEntity } from './partner/request-partner.entity';
import { RequestReportEntity } from './report/request-report.entity';
import { PeerExchangeEntity } from './similar/peer-exchange.entity';
import { RequestLinkEntity } from './similar/request-link.entity';
import { RequestReferenceCounterEntity } from './request/request-reference-counter.entity';
import { RequestTimelineEntryEntity } from './request/request-timeline.entity';
import { SupportRequestEntity } from './request/support-request.entity';

export * from './hub.module';
export * from './hub-public.service';
export * from './request/support-request.service';
export * from './request/support-request.workflow';
export * from './request/support-request.view';
export { SupportRequestEntity, SUPPORT_TYPES } from './request/support-request.entity';
export { HubUnitOfWork } from './hub-unit-of-work';
export type { HubTx } from './hub-unit-of-work';
export { SupportRequestRepository } from './request/support-request.repository';
export { AssessmentService } from './assessment/assessment.service';
export type { AssessmentView } from './assessment/assessment.service';
export { InvitationService } from './partner/invitation.service';
export type { InvitationView } from './partner/invitation.service';
export { PartnerMatchingService } from './matching/partner-matching.service';
export type { PartnerMatch } from './matching/partner-scoring';
export { ImplementationPlanService } from './implementation/implementation-plan.service';
export { RequestReportService } from './report/request-report.service';
export { SimilarService } from './similar/similar.service';
export { PeerService } from './similar/peer.service';
export { SlaScanService, SLA_SCAN_TASK } from './sla/sla-scan.service';
export { HUB_SLA_CONFIG, DEFAULT_SLA } from './sla/sla-clocks';
export type { SlaConfig } from './sla/sla-clocks';
export const HUB_ENTITIES = [
  SupportRequestEntity,
  RequestTimelineEntryEntity,
  RequestReferenceCounterEntity,
  RequestPartnerEntity,
  RequestAssessmentEntity,
  ImplementationPlanEntity,
  RequestReportEntity,
  RequestLinkEntity,
  PeerExchangeEntity,
];
export * from './ports';
