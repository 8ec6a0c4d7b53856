import { DocumentBlobChunkEntity, DocumentBlobEntity, DocumentEntity } from './document.entity';

export * from './documents.module';
export * from './ports';
export { DocumentService } from './document.service';
export { DocumentView } from './document.view';
export { ALLOWED_MEDIA_TYPES } from './content-type';
export const DOCUMENTS_ENTITIES = [DocumentBlobEntity, DocumentBlobChunkEntity, DocumentEntity];
