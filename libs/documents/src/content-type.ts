import { fileTypeFromBuffer } from 'file-type';
import { extensionOf } from './file-name';

const OOXML: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const ODF: Record<string, string> = {
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};
const OLE2: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** The types a document may have, as sniffed from its bytes (never from its name or the client's word). */
export const ALLOWED_MEDIA_TYPES: readonly string[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  ...Object.values(OOXML),
  ...Object.values(ODF),
  ...Object.values(OLE2),
  'text/csv',
  'text/plain',
];

/** Types whose text the personal-data scanner reads. */
export const TEXT_BEARING = new Set<string>([
  'application/pdf',
  OOXML.docx,
  OOXML.xlsx,
  ODF.odt,
  ODF.ods,
  'text/csv',
  'text/plain',
]);

const startsWith = (b: Buffer, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return b.length >= at + bytes.length && b.subarray(at, at + bytes.length).equals(bytes);
};

/** OOXML: a ZIP whose [Content_Types].xml is present and whose parts name the kind (word/, xl/, ppt/). */
function sniffOoxml(head: Buffer): string | undefined {
  if (!head.includes('[Content_Types].xml', 0, 'latin1')) return undefined;
  if (head.includes('word/', 0, 'latin1')) return OOXML.docx;
  if (head.includes('xl/', 0, 'latin1')) return OOXML.xlsx;
  if (head.includes('ppt/', 0, 'latin1')) return OOXML.pptx;
  return undefined;
}

/** ODF: a ZIP whose first entry is the uncompressed `mimetype` file naming the kind. */
function sniffOdf(head: Buffer): string | undefined {
  if (!startsWith(head, 'mimetype', 30)) return undefined;
  const declared = head.subarray(38, 38 + 80).toString('latin1');
  return Object.values(ODF).find((t) => declared.startsWith(t));
}

/**
 * Plain text or CSV: valid UTF-8 (the head may end inside a character), no NUL or other binary
 * controls, and not markup (HTML, SVG or XML would be rendered, not read, by a browser given the chance).
 */
export function looksLikeText(head: Buffer): boolean {
  if (!head.length) return false;
  let body = head;
  if (startsWith(body, [0xef, 0xbb, 0xbf])) body = body.subarray(3);
  // a multi-byte character cut by the end of the head is not an error: drop its incomplete tail
  let end = body.length;
  let back = 0;
  while (back < 3 && end - back - 1 >= 0 && (body[end - back - 1] & 0xc0) === 0x80) back++;
  const lead = body[end - back - 1];
  if (lead !== undefined && lead >= 0xc2 && lead <= 0xf4) {
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (back + 1 < need) end -= back + 1;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, end));
  } catch {
    return false;
  }
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith('<') || /<(script|html|svg|iframe|body|head|meta|object|embed)\b/.test(text.toLowerCase()))
    return false;
  return true;
}

/** The signatures of our own, for bytes file-type leaves undecided (it reads further into PNG and JPEG). */
function signature(head: Buffer): string | undefined {
  if (startsWith(head, '%PDF-')) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}

export type Sniffed = { mediaType: string } | { rejected: string };

/**
 * The document's type from its first bytes (`head`, up to 256 KiB), through `file-type` first and
 * a small sniffer of our own for what it does not tell apart (OOXML kinds, ODF, OLE2 Office, text).
 * Text carries no signature, so it is accepted only under a .csv or .txt name; OLE2 (legacy
 * Office) only under .doc/.xls/.ppt. Anything else is refused.
 */
export async function sniffMediaType(head: Buffer, name: string): Promise<Sniffed> {
  const ext = extensionOf(name);
  const found = await fileTypeFromBuffer(head).catch(() => undefined);
  const mime = found?.mime ?? signature(head);
  if (mime === 'application/pdf' || mime === 'image/png' || mime === 'image/jpeg') return { mediaType: mime };
  if (mime && (Object.values(OOXML).includes(mime) || Object.values(ODF).includes(mime))) return { mediaType: mime };
  if (mime === 'application/x-cfb' || startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const t = OLE2[ext];
    return t ? { mediaType: t } : { rejected: 'an OLE2 compound file that is not named .doc, .xls or .ppt' };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const t = sniffOdf(head) ?? sniffOoxml(head);
    return t ? { mediaType: t } : { rejected: 'a ZIP archive that is not an Office or OpenDocument file' };
  }
  if (mime) return { rejected: `${mime}` };
  if (looksLikeText(head)) {
    if (ext === 'csv') return { mediaType: 'text/csv' };
    if (ext === 'txt') return { mediaType: 'text/plain' };
    return { rejected: 'text under a name that is not .csv or .txt' };
  }
  return { rejected: 'an unrecognised format' };
}
