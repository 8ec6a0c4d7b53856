import { Module } from '@nestjs/common';
import { AuthModule } from '@cbm/auth';
import { ReferenceModule } from '@cbm/reference';
import { AssessmentController } from './assessment/assessment.controller';
import { MechanismDashboardController } from './dashboard/mechanism-dashboard.controller';
import { MechanismDashboardRepository } from './dashboard/mechanism-dashboard.repository';
import { MechanismDashboardService } from './dashboard/mechanism-dashboard.service';
import { AssessmentService } from './assessment/assessment.service';
import { RequestAssessmentRepository } from './assessment/request-assessment.repository';
import { HubPublicService } from './hub-public.service';
import { HubUnitOfWork } from './hub-unit-of-work';
import { ImplementationController } from './implementation/implementation.controller';
import { ImplementationPlanRepository } from './implementation/implementation-plan.repository';
import { ImplementationPlanService } from './implementation/implementation-plan.service';
import { PartnerMatchingController } from './matching/partner-matching.controller';
import { PartnerMatchingService } from './matching/partner-matching.service';
import { InvitationController } from './partner/invitation.controller';
import { InvitationService } from './partner/invitation.service';
import { RequestPartnerRepository } from './partner/request-partner.repository';
import { RequestReportRepository } from './report/request-report.repository';
import { RequestReportService } from './report/request-report.service';
import { FundReadAccess } from './request/fund-read-access';
import { SupportRequestController } from './request/support-request.controller';
import { SupportRequestRepository } from './request/support-request.repository';
import { SupportRequestService } from './request/support-request.service';
import { SimilarRequestRepository } from './similar/similar-request.repository';
import { SimilarService } from './similar/similar.service';
import { SimilarController } from './similar/similar.controller';
import { PeerService } from './similar/peer.service';
import { PeerRepository } from './similar/peer.repository';
import { SlaScanService } from './sla/sla-scan.service';
import { SlaRepository } from './sla/sla.repository';

/**
 * The connection hub. Needs HUB_FUNDING_PORT, HUB_KNOWLEDGE_PORT and HUB_SLA_CONFIG, bound by the
 * composition (libs/composition/src/ports.module.ts).
 */
@Module({
  imports: [AuthModule, ReferenceModule],
  controllers: [
    SupportRequestController,
    AssessmentController,
    InvitationController,
    PartnerMatchingController,
    ImplementationController,
    SimilarController,
    MechanismDashboardController,
  ],
  providers: [
    SupportRequestRepository,
    RequestPartnerRepository,
    RequestAssessmentRepository,
    ImplementationPlanRepository,
    RequestReportRepository,
    SimilarRequestRepository,
    SlaRepository,
    PeerRepository,
    SupportRequestService,
    FundReadAccess,
    HubUnitOfWork,
    HubPublicService,
    AssessmentService,
    InvitationService,
    PartnerMatchingService,
    ImplementationPlanService,
    RequestReportService,
    SimilarService,
    PeerService,
    SlaScanService,
    MechanismDashboardRepository,
    MechanismDashboardService,
  ],
  exports: [
    SupportRequestService,
    HubPublicService,
    AssessmentService,
    InvitationService,
    PartnerMatchingService,
    ImplementationPlanService,
    RequestReportService,
    SimilarService,
    PeerService,
    SlaScanService,
  ],
})
export class HubModule {}
