import { Module } from '@nestjs/common';
import { AuditModule } from '@cbm/audit';
import { DocumentController } from './document.controller';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';
import { DocumentTextJob } from './document-text.job';
import { DocumentUnitOfWork } from './document-unit-of-work';

/**
 * Files attached to other contexts' records. Needs DOCUMENT_PARENTS_PORT and DOCUMENT_TEXT_PORT,
 * bound by the composition (global providers).
 */
@Module({
  imports: [AuditModule],
  controllers: [DocumentController],
  providers: [DocumentUnitOfWork, DocumentRepository, DocumentService, DocumentTextJob],
  exports: [DocumentService],
})
export class DocumentsModule {}
