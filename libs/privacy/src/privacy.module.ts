import { Global, Module } from '@nestjs/common';
import { PrivacyFindingRepository } from './finding/privacy-finding.repository';
import { PrivacyService } from './finding/privacy.service';

/** Global like the audit trail: every context that writes free text records its findings through it. */
@Global()
@Module({ providers: [PrivacyFindingRepository, PrivacyService], exports: [PrivacyService] })
export class PrivacyModule {}
