import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DocumentEntity } from './document.entity';
import { DOCUMENT_PARENT_TYPES } from './ports';

/** A document's metadata (its bytes at GET /documents/{id}/content). */
export class DocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DOCUMENT_PARENT_TYPES, enumName: 'DocumentParentType' }) parentType: string;
  @ApiProperty({ format: 'uuid' }) parentId: string;
  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'endorsement_letter' }) kind: string | null;
  @ApiProperty({ description: 'The file name as uploaded, sanitised' }) name: string;
  @ApiProperty({ description: 'Sniffed from the bytes', example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ type: 'integer', description: 'bytes' }) size: number;
  @ApiProperty({ description: 'hex SHA-256 of the content (also its ETag)' }) sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedById: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export function toDocumentView(d: DocumentEntity): DocumentView {
  return {
    id: d.id,
    parentType: d.parentType,
    parentId: d.parentId,
    kind: d.kind,
    name: d.name,
    mediaType: d.mediaType,
    size: Number(d.size),
    sha256: d.sha256,
    uploadedById: d.uploadedById,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}
