export { scan, PERSONAL_DATA_KINDS } from './detector/personal-data.detector';
export type { Finding, PersonalDataKind, ScanOptions } from './detector/personal-data.detector';
