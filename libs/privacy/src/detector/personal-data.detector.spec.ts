import { scan } from './personal-data.detector';

const kinds = (text: string, language?: string) => scan(text, { language }).map((f) => f.kind);
const found = (text: string, language?: string) =>
  scan(text, { language }).map((f) => [f.kind, text.slice(f.start, f.end)]);

describe('scan: e-mail addresses', () => {
  it('finds a personal address, its offsets on the address', () => {
    expect(found('write to amina.diallo84@gmail.com today')).toEqual([['email', 'amina.diallo84@gmail.com']]);
  });
  it('leaves out an organisation role mailbox and addresses validator refuses', () => {
    expect(kinds('info@iom.int, secretariat@un.org, press-office@ilo.org')).toEqual([]);
    expect(kinds('a@b.c and foo@@bar.com')).toEqual([]);
  });
  it('masks the local part, keeps the domain', () => {
    expect(scan('x amina.diallo@gmail.com')[0].excerpt).toBe('a•••••••••••@gmail.com');
  });
});

describe('scan: phone numbers', () => {
  it('finds an international number anywhere, validated', () => {
    expect(found('call +254 712 345 678 now')).toEqual([['phone', '+254 712 345 678']]);
  });
  it('finds a national number only after a phone word, valid in a plan of the language', () => {
    expect(found('portable 06 12 34 56 78', 'fr')).toEqual([['phone', '06 12 34 56 78']]);
    expect(kinds('06 12 34 56 78 participants', 'fr')).toEqual([]);
  });
  it('leaves out amounts, references, IATI identifiers, dates and published hotlines', () => {
    for (const t of [
      'budget of USD 1,250,000 and +12500000 USD',
      'XM-DAC-41114-CBM-2026-KEN-0007',
      'request CBM-2026-KEN-0007 of 2026-03-14',
      'the toll-free hotline +1 800 200 0000 of the ministry',
      'objective 23, action 1.c, 184,320 applications',
    ])
      expect(kinds(t)).toEqual([]);
  });
  it('masks all but the last two digits', () => {
    expect(scan('tel +33 6 12 34 56 78')[0].excerpt).toBe('+•• • •• •• •• 78');
  });
});

describe('scan: identity documents', () => {
  it.each([
    ['passport no. P4829173', 'passport', 'P4829173'],
    ['passeport n° B0845521', 'passport', 'B0845521'],
    ['pasaporte n.º G12345678', 'passport', 'G12345678'],
    ['national ID no. 27845193', 'national_id', '27845193'],
    ["carte nationale d'identité n° 1 234 567 890 12", 'national_id', '1 234 567 890 12'],
    ['cédula de ciudadanía 1.020.345.678', 'national_id', '1.020.345.678'],
    ['Social security number 123-45-6789', 'national_id', '123-45-6789'],
  ])('%s', (text, kind, value) => {
    expect(found(text)).toEqual([[kind, value]]);
  });
  it('finds a Spanish DNI or NIE by its check letter, without a context word', () => {
    expect(found('12345678Z')).toEqual([['national_id', '12345678Z']]);
    expect(kinds('12345678A')).toEqual([]);
    expect(found('X1234567L')).toEqual([['national_id', 'X1234567L']]);
  });
  it('wants a number after the word: a project ID, a year or a passport count is no document', () => {
    for (const t of ['project ID 00131245', 'passport reform of 2021', 'passports issued: 3,450', 'ID4D data'])
      expect(kinds(t)).toEqual([]);
  });
});

describe('scan: dates of birth', () => {
  it.each([
    ['born on 3 April 1997', '3 April 1997'],
    ['DOB: 2011-09-23', '2011-09-23'],
    ['née le 21 novembre 1985', '21 novembre 1985'],
    ['date de naissance : 23/09/2011', '23/09/2011'],
    ['fecha de nacimiento 30 de junio de 2009', '30 de junio de 2009'],
    ['nacido el 12 de marzo de 1994', '12 de marzo de 1994'],
  ])('%s', (text, value) => {
    expect(found(text)).toEqual([['date_of_birth', value]]);
  });
  it('leaves out other dates and births without a date', () => {
    expect(kinds('submitted on 14 March 2026; children born abroad; nés après le 1er janvier 2000')).toEqual([]);
  });
});

describe('scan: names', () => {
  it('finds a name introduced by an honorific or a label, in the three languages', () => {
    expect(found('Ms Fatima Zahra Benali was interviewed')).toEqual([['name_with_identifier', 'Fatima Zahra Benali']]);
    expect(found('Mme Mariam Coulibaly a été entendue')).toEqual([['name_with_identifier', 'Mariam Coulibaly']]);
    expect(found('la Sra. Julio César Ramírez')).toEqual([['name_with_identifier', 'Julio César Ramírez']]);
    expect(found('Nombre: Paola Andrea Rincón.')).toEqual([['name_with_identifier', 'Paola Andrea Rincón']]);
  });
  it('finds a full name right before an identifier', () => {
    expect(found('Aisha Bello, passport number A05538219')).toEqual([
      ['name_with_identifier', 'Aisha Bello'],
      ['passport', 'A05538219'],
    ]);
  });
  it('leaves out institutions and a capitalised name with no identifier beside it', () => {
    expect(kinds('The Ministry of Labour and Social Protection will lead with IOM')).toEqual([]);
    expect(kinds('Nom : Direction Générale des Migrations')).toEqual([]);
    expect(kinds('Amina Diallo spoke at the Regional Review in Nairobi')).toEqual([]);
  });
  it('masks all but the initials', () => {
    expect(scan('Mr Abdi Farah')[0].excerpt).toBe('A••• F••••');
  });
});

describe('scan', () => {
  it('answers nothing for empty text and sorts findings by their place', () => {
    expect(scan('')).toEqual([]);
    const f = scan('Name: Tigist Alemu. Date of birth: 17 January 2000. Mobile +251 911 234 567.');
    expect(f.map((x) => x.kind)).toEqual(['name_with_identifier', 'date_of_birth', 'phone']);
    expect(f.every((x, i) => i === 0 || f[i - 1].start <= x.start)).toBe(true);
  });
});
