import { AUDIT_ENTITIES } from '@cbm/audit';
import { AUTH_ENTITIES } from '@cbm/auth';
import { DOCUMENTS_ENTITIES } from '@cbm/documents';
import { FUND_ENTITIES } from '@cbm/fund';
import { HUB_ENTITIES } from '@cbm/hub';
import { JOBS_ENTITIES } from '@cbm/jobs';
import { KNOWLEDGE_ENTITIES } from '@cbm/knowledge';
import { NOTIFICATIONS_ENTITIES } from '@cbm/notifications';
import { PRIVACY_ENTITIES } from '@cbm/privacy';
import { REFERENCE_ENTITIES } from '@cbm/reference';

/** Every entity of every context: the schema the migrations must produce. */
export const ALL_ENTITIES = [
  ...AUDIT_ENTITIES,
  ...AUTH_ENTITIES,
  ...JOBS_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...PRIVACY_ENTITIES,
  ...REFERENCE_ENTITIES,
  ...HUB_ENTITIES,
  ...FUND_ENTITIES,
  ...KNOWLEDGE_ENTITIES,
  ...DOCUMENTS_ENTITIES,
];
