import { looksLikeText, sniffMediaType } from './content-type';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** A ZIP local file header for an entry `name` (stored), followed by its content. */
const zipEntry = (name: string, content = '') =>
  bytes(
    [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0],
    [content.length & 0xff, content.length >> 8, 0, 0, content.length & 0xff, content.length >> 8, 0, 0],
    [name.length & 0xff, name.length >> 8, 0, 0],
    name,
    content,
  );

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'x.bin', 'application/pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'map.pdf', 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF\0'), 'photo', 'image/jpeg'],
    ['a CSV', bytes('county,returnees\nKisumu,120\n'), 'data.csv', 'text/csv'],
    [
      'UTF-8 text with a BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Réunion notes', 'utf8')]),
      'notes.txt',
      'text/plain',
    ],
    [
      'a DOCX',
      Buffer.concat([zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('word/document.xml', '<w/>')]),
      'a.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'an XLSX',
      Buffer.concat([zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('xl/workbook.xml', '<x/>')]),
      'a.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'an ODT',
      zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'),
      'a.odt',
      'application/vnd.oasis.opendocument.text',
    ],
    [
      'a legacy .doc',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], '\0'.repeat(504)),
      'a.doc',
      'application/msword',
    ],
  ])('takes %s', async (_what, head, name, type) => {
    expect(await sniffMediaType(head, name)).toEqual({ mediaType: type });
  });

  it.each([
    ['an executable named .pdf', bytes('MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff'), 'report.pdf'],
    ['HTML named .pdf', bytes('<!doctype html><html><script>alert(1)</script>'), 'report.pdf'],
    ['HTML named .csv', bytes('  <html><body>x</body></html>'), 'data.csv'],
    ['SVG named .csv', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'data.csv'],
    ['text under another name', bytes('just words'), 'notes.pdf'],
    ['a ZIP that is no document', zipEntry('payload.exe', 'MZ'), 'a.docx'],
    [
      'an OLE2 file not named as Office',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], '\0'.repeat(504)),
      'setup.msi',
    ],
    ['a GIF', bytes('GIF89a\x01\0\x01\0'), 'a.gif'],
    ['binary noise', bytes([0, 1, 2, 3, 254, 255, 0, 0]), 'a.csv'],
    ['nothing', Buffer.alloc(0), 'a.txt'],
  ])('refuses %s', async (_what, head, name) => {
    expect(await sniffMediaType(head, name)).toEqual({ rejected: expect.any(String) });
  });
});

describe('looksLikeText', () => {
  it('accepts a head cut inside a multi-byte character', () => {
    const text = Buffer.from('Zürich,€', 'utf8');
    expect(looksLikeText(text.subarray(0, text.length - 1))).toBe(true);
  });

  it('refuses invalid UTF-8 and controls', () => {
    expect(looksLikeText(Buffer.from([0x61, 0xff, 0x62]))).toBe(false);
    expect(looksLikeText(Buffer.from('a\u0001b'))).toBe(false);
  });
});
