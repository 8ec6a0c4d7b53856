import { RequestPartnerEntity } from './partner/request-partner.entity';
import { RequestReferenceCounterEntity } from './request/request-reference-counter.entity';
import { RequestTimelineEntryEntity } from './request/request-timeline.entity';
import { SupportRequestEntity } from './request/support-request.entity';

export * from './hub.module';
export * from './request/support-request.service';
export * from './request/support-request.state-machine';
export * from './request/support-request.view';
export const HUB_ENTITIES = [SupportRequestEntity, RequestTimelineEntryEntity, RequestReferenceCounterEntity, RequestPartnerEntity];
export * from './ports';
