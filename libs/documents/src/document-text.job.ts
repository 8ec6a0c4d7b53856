import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventBus } from '@cbm/jobs';
import { DOCUMENT_UPLOADED } from './document.service';
import { DocumentUnitOfWork } from './document-unit-of-work';
import { DOCUMENT_TEXT_PORT, DocumentParent, DocumentTextPort } from './ports';
import { extractText } from './text-extraction';

/**
 * Reads the text of an uploaded PDF or Office file after its upload committed, stores it
 * (`document.extracted_text`) and hands it to DOCUMENT_TEXT_PORT, in the job's transaction. Idempotent:
 * a document whose text was read is skipped. A file whose text cannot be read keeps an empty text.
 */
@Injectable()
export class DocumentTextJob implements OnModuleInit {
  private readonly logger = new Logger('DocumentText');

  constructor(
    private readonly bus: EventBus,
    private readonly uow: DocumentUnitOfWork,
    @Inject(DOCUMENT_TEXT_PORT) private readonly text: DocumentTextPort,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe<{ documentId: string }>(DOCUMENT_UPLOADED, 'documents', (p, ctx) =>
      this.uow.within(ctx.transaction, async (tx) => {
        const d = await tx.documents.awaitingText(p.documentId);
        if (!d) return;
        let text = '';
        try {
          text = await extractText(d.mediaType, await tx.documents.content(d.sha256));
        } catch (err) {
          this.logger.warn(`no text read from document ${d.id} (${d.mediaType}): ${(err as Error).message}`);
        }
        await tx.documents.setExtractedText(d.id, text);
        const parent: DocumentParent = { type: d.parentType, id: d.parentId };
        if (text) await this.text.onDocumentText(d.id, parent, text, tx.transaction);
      }),
    );
  }
}
