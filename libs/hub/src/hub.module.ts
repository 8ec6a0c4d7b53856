import { Module } from '@nestjs/common';
import { AuthModule } from '@cbm/auth';
import { ReferenceModule } from '@cbm/reference';
import { SupportRequestController } from './request/support-request.controller';
import { SupportRequestRepository } from './request/support-request.repository';
import { SupportRequestService } from './request/support-request.service';

@Module({
  imports: [AuthModule, ReferenceModule],
  controllers: [SupportRequestController],
  providers: [SupportRequestRepository, SupportRequestService],
  exports: [SupportRequestService],
})
export class HubModule {}
