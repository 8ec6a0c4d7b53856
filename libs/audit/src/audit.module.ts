import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@cbm/core';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditKeyRepository } from './audit-keys.repository';
import { AuditService } from './audit.service';
import { CheckpointController } from './checkpoint.controller';
import { AuditCheckpointService } from './checkpoint.service';
import { AUDIT_SIGNING_KEY, resolveSigningKey } from './signing-key';

@Global()
@Module({
  controllers: [AuditController, CheckpointController],
  providers: [
    AuditRepository,
    AuditKeyRepository,
    AuditService,
    AuditCheckpointService,
    { provide: AUDIT_SIGNING_KEY, inject: [APP_CONFIG], useFactory: (c: AppConfig) => resolveSigningKey(c) },
  ],
  exports: [AuditService, AuditCheckpointService],
})
export class AuditModule {}
