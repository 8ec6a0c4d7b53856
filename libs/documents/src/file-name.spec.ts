import { contentDisposition, extensionOf, MAX_NAME_LENGTH, sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it.each([
    ['Endorsement letter.pdf', 'Endorsement letter.pdf'],
    ['C:\\Users\\amina\\Desktop\\note.docx', 'note.docx'],
    ['../../etc/passwd', 'passwd'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['a\u0000b\u0007c\u200Bd.pdf', 'abcd.pdf'],
    ['\u2066isolate\u2069.csv', 'isolate.csv'],
    ['...hidden.pdf', 'hidden.pdf'],
    ['  spaced \t out .pdf ', 'spaced out .pdf'],
    ['what?<>|*:".pdf', 'what_______.pdf'],
    ['lone \ud800 surrogate.txt', 'lone surrogate.txt'],
    ['', 'document'],
    ['/', 'document'],
    [undefined, 'document'],
    ['rapport – été 2026.pdf', 'rapport – été 2026.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('cuts long names to the cap and keeps the extension', () => {
    const name = sanitiseFileName(`${'名'.repeat(500)}.xlsx`);
    expect(Array.from(name)).toHaveLength(MAX_NAME_LENGTH);
    expect(name.endsWith('.xlsx')).toBe(true);
  });

  it('answers the extension in lower case', () => {
    expect(extensionOf('Report.PDF')).toBe('pdf');
    expect(extensionOf('.pdf')).toBe('');
    expect(extensionOf('noext')).toBe('');
  });
});

describe('contentDisposition', () => {
  it('is an attachment with an ASCII fallback and the RFC 8187 UTF-8 name', () => {
    expect(contentDisposition('été "2026".pdf')).toBe(
      `attachment; filename="_t_ _2026_.pdf"; filename*=UTF-8''%C3%A9t%C3%A9%20%222026%22.pdf`,
    );
    expect(contentDisposition("it's (a) file*.csv")).toBe(
      `attachment; filename="it's (a) file*.csv"; filename*=UTF-8''it%27s%20%28a%29%20file%2A.csv`,
    );
  });
});
