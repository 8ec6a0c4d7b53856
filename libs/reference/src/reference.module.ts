import { Module } from '@nestjs/common';
import { OrganisationController } from './organisation/organisation.controller';
import { OrganisationRepository } from './organisation/organisation.repository';
import { OrganisationService } from './organisation/organisation.service';
import { ReferenceController } from './reference.controller';
import { ReferenceService } from './reference.service';
import { ReferenceUnitOfWork } from './reference-unit-of-work';
import { ReferenceSeeder } from './seed/reference.seeder';

/** Needs CoreModule (Database, Clock) and AuditModule (global) in the application. */
@Module({
  controllers: [ReferenceController, OrganisationController],
  providers: [ReferenceService, ReferenceUnitOfWork, OrganisationRepository, OrganisationService, ReferenceSeeder],
  exports: [ReferenceService, OrganisationService, ReferenceSeeder],
})
export class ReferenceModule {}
