import { PrivacyFindingEntity } from './finding/privacy-finding.entity';

export { scan, PERSONAL_DATA_KINDS } from './detector/personal-data.detector';
export type { Finding, PersonalDataKind, ScanOptions } from './detector/personal-data.detector';
export { PrivacyModule } from './privacy.module';
export { PrivacyService, PrivacyFindings, findingView, UNSCANNED } from './finding/privacy.service';
export type { FindingView, ScannedField, Subject } from './finding/privacy.service';
export { FINDING_STATUSES } from './finding/privacy-finding.entity';
export type { FindingStatus } from './finding/privacy-finding.entity';
export { FindingViewDto, OverrideFindingDto } from './finding/privacy-finding.dto';

export const PRIVACY_ENTITIES = [PrivacyFindingEntity];
