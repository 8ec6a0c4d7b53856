import { crc32, deflateRawSync } from 'node:zlib';
import { extractText, isExtractable, TextCollector, xmlText } from './text-extraction';

/** A ZIP archive of deflated entries (local headers, central directory, end record). */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const raw = Buffer.from(content, 'utf8');
    const data = deflateRawSync(raw);
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODT = 'application/vnd.oasis.opendocument.text';

describe('extractText', () => {
  it('reads a DOCX body, headers and footnotes, not its styles', async () => {
    const docx = zip({
      '[Content_Types].xml': '<Types/>',
      'word/styles.xml': '<w:styles>StyleNoise</w:styles>',
      'word/document.xml':
        '<w:document><w:body><w:p><w:r><w:t>Amina Otieno</w:t></w:r><w:r><w:tab/><w:t>passport P1234567</w:t></w:r></w:p><w:p><w:r><w:t>A &amp; B &#233;t&#xE9;</w:t></w:r></w:p></w:body></w:document>',
      'word/footer1.xml': '<w:ftr><w:p><w:r><w:t>+254 700 000 000</w:t></w:r></w:p></w:ftr>',
    });
    const text = await extractText(DOCX, docx);
    expect(text).toContain('Amina Otieno passport P1234567\nA & B été');
    expect(text).toContain('+254 700 000 000');
    expect(text).not.toContain('StyleNoise');
  });

  it('reads an XLSX shared strings and an ODT content', async () => {
    const xlsx = zip({
      'xl/sharedStrings.xml': '<sst><si><t>name</t></si><si><t>jean.dupont@example.fr</t></si></sst>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row><c t="inlineStr"><is><t>1990-03-12</t></is></c></row></sheetData></worksheet>',
    });
    expect(await extractText(XLSX, xlsx)).toBe('name\njean.dupont@example.fr\n1990-03-12');
    const odt = zip({
      mimetype: ODT,
      'content.xml':
        '<office:text><text:h>Informe</text:h><text:p>DNI 12345678Z<text:tab/>María</text:p></office:text>',
    });
    expect(await extractText(ODT, odt)).toBe('Informe\nDNI 12345678Z María');
  });

  it('fails on bytes that are no archive', async () => {
    await expect(extractText(DOCX, Buffer.from('not a zip'))).rejects.toThrow();
  });

  it('knows which types it reads back', () => {
    expect(isExtractable('application/pdf')).toBe(true);
    expect(isExtractable(ODT)).toBe(true);
    expect(isExtractable('image/png')).toBe(false);
    expect(isExtractable('text/csv')).toBe(false);
  });
});

describe('xmlText', () => {
  it('drops tags and decodes entities, and refuses code points out of range', () => {
    expect(xmlText('<a>x &lt;y&gt; &quot;z&quot; &apos;&#1114112;</a>')).toBe(`x <y> "z" '`);
  });
});

describe('TextCollector', () => {
  it('joins slices cut inside a character', () => {
    const c = TextCollector.for('text/csv');
    const b = Buffer.from('\ufeffnom,ville\nÉlodie,Montréal\n', 'utf8');
    c?.add(b.subarray(0, 14));
    c?.add(b.subarray(14));
    expect(c?.text()).toBe('nom,ville\nÉlodie,Montréal\n');
    expect(TextCollector.for('image/png')).toBeNull();
  });
});
