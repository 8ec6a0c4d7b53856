import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';

/** At most this much text is kept per document for the personal-data scanner. */
export const MAX_EXTRACTED_CHARS = 1_000_000;

/** Files larger than this are not read back for their text (the whole file is held while reading it). */
export const MAX_EXTRACTED_FILE_BYTES = 10 * 1024 * 1024;

/** At most this much of one archive entry is inflated (a zip bomb stops here). */
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

/** Which parts of an Office or OpenDocument archive carry its text. */
const TEXT_PARTS: Record<string, RegExp> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    /^word\/(document|footnotes|endnotes|comments|header\d*|footer\d*)\.xml$/,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': /^ppt\/slides\/slide\d+\.xml$/,
  'application/vnd.oasis.opendocument.text': /^content\.xml$/,
  'application/vnd.oasis.opendocument.spreadsheet': /^content\.xml$/,
  'application/vnd.oasis.opendocument.presentation': /^content\.xml$/,
};

/** Types whose text is read back after the upload (in a job): PDF, Office and OpenDocument. */
export const isExtractable = (mediaType: string) => mediaType === 'application/pdf' || mediaType in TEXT_PARTS;

/**
 * The text of a PDF (pdf.js through `unpdf`) or an Office/OpenDocument file (its XML parts, read with
 * `yauzl`, tags dropped), at most MAX_EXTRACTED_CHARS characters.
 */
export async function extractText(mediaType: string, bytes: Buffer): Promise<string> {
  const text = mediaType === 'application/pdf' ? await pdfText(bytes) : await archiveText(bytes, TEXT_PARTS[mediaType]);
  return text.replace(/\u0000/g, '').slice(0, MAX_EXTRACTED_CHARS);
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { extractText: pdfExtract, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await pdfExtract(pdf, { mergePages: false });
    return text.join('\n\f\n');
  } finally {
    await pdf.destroy();
  }
}

/** Paragraph and cell ends become line breaks; the other tags go; entities are decoded. */
export function xmlText(xml: string): string {
  return xml
    .replace(/<\/(w:p|a:p|text:p|text:h|si|c|row|table:table-cell)>/g, '\n')
    .replace(/<(w:tab|text:tab|w:br|text:line-break)\b[^>]*\/?>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (e[0] !== '#') return named[e.toLowerCase()];
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

function archiveText(bytes: Buffer, parts: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a ZIP archive'));
      const texts: string[] = [];
      let chars = 0;
      zip.on('error', reject);
      zip.on('end', () => resolve(texts.join('\n')));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!parts.test(entry.fileName) || chars >= MAX_EXTRACTED_CHARS || entry.uncompressedSize > MAX_ENTRY_BYTES)
          return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const decoder = new StringDecoder('utf8');
          let xml = '';
          stream.on('data', (b: Buffer) => (xml += decoder.write(b)));
          stream.on('error', reject);
          stream.on('end', () => {
            const t = xmlText(xml + decoder.end());
            texts.push(t);
            chars += t.length;
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * The text of a document as its slices go by, bounded: plain text and CSV, read as they are
 * (PDF, Office and OpenDocument files are read back after the upload, `extractText`).
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
