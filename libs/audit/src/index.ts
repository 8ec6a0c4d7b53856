export * from './audit.module';
export * from './audit.service';
export * from './audit-event.entity';
export * from './audit-chain';
import { AuditEventEntity } from './audit-event.entity';
export const AUDIT_ENTITIES = [AuditEventEntity];
