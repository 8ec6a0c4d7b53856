import { StringDecoder } from 'node:string_decoder';

/** At most this much text is kept per document for the personal-data scanner. */
export const MAX_EXTRACTED_CHARS = 1_000_000;

/**
 * The text of a document as its slices go by, bounded. Plain text and CSV are read as they are;
 * PDF and Office files need their own extractors (not yet here: `for` answers null for them, and
 * the scanner's seam is then not called).
 */
export class TextCollector {
  private readonly decoder = new StringDecoder('utf8');
  private readonly parts: string[] = [];
  private chars = 0;

  static for(mediaType: string): TextCollector | null {
    return mediaType === 'text/plain' || mediaType === 'text/csv' ? new TextCollector() : null;
  }

  add(slice: Buffer): void {
    if (this.chars >= MAX_EXTRACTED_CHARS) return;
    const part = this.decoder.write(slice).slice(0, MAX_EXTRACTED_CHARS - this.chars);
    this.parts.push(part);
    this.chars += part.length;
  }

  text(): string {
    if (this.chars < MAX_EXTRACTED_CHARS) this.parts.push(this.decoder.end());
    return this.parts
      .join('')
      .replace(/^\ufeff/, '')
      .replace(/\u0000/g, '');
  }
}
