import { findPhoneNumbersInText, parsePhoneNumberFromString, CountryCode } from 'libphonenumber-js/max';
import isEmail from 'validator/lib/isEmail';
import { mask } from './mask';

/** What the detector looks for: a migrant's (or anyone's) personal data in free text. */
export const PERSONAL_DATA_KINDS = [
  'email',
  'phone',
  'passport',
  'national_id',
  'date_of_birth',
  'name_with_identifier',
] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface Finding {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the scanned text: `text.slice(start, end)` is the personal data. */
  start: number;
  end: number;
  /** The matched text, masked: safe to show to whoever sees the record. */
  excerpt: string;
  /** 0..1: how sure the rule is (a validated number after a context word is surer than a bare one). */
  confidence: number;
}

export interface ScanOptions {
  /** The text's language (en, fr, es, ...): orders the national phone plans tried; every language's rules run. */
  language?: string;
}

/**
 * Finds personal data in `text`: pure, no I/O. Rules, in order:
 * - e-mail addresses validated by `validator`, except an organisation's role mailbox (info@, contact@...);
 * - phone numbers validated by libphonenumber-js: international ones anywhere, national ones only after a
 *   phone word (tel, téléphone, teléfono, móvil, WhatsApp...), so budget figures and references stay out;
 * - passport and identity-document numbers after their words in English, French and Spanish, and Spanish
 *   DNI/NIE numbers whose check letter is right, anywhere;
 * - dates of birth: a full date after born, DOB, né(e) le, date de naissance, fecha de nacimiento...;
 * - names: capitalised names introduced by Mr/Mme/Sra./name:/nom:/nombre:, or next to one of the above.
 * Findings are sorted by start; overlaps are kept (a name and the passport beside it are two findings).
 */
export function scan(text: string, options: ScanOptions = {}): Finding[] {
  if (!text) return [];
  const found: Hit[] = [...emails(text), ...phones(text, options.language), ...documents(text), ...birthDates(text)];
  const ids = found.filter((h) => h.kind === 'passport' || h.kind === 'national_id');
  const kept = found.filter((h) => h.kind !== 'phone' || !ids.some((i) => i.start < h.end && h.start < i.end));
  kept.push(...names(text, kept));
  return dedupe(kept)
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map(({ kind, start, end, confidence }) => ({
      kind,
      start,
      end,
      confidence,
      excerpt: mask(kind, text.slice(start, end)),
    }));
}

interface Hit {
  kind: PersonalDataKind;
  start: number;
  end: number;
  confidence: number;
  /** Where the identifier's context word starts (a name just before it belongs to it). */
  contextStart?: number;
}

// ---------------------------------------------------------------- e-mail

const EMAIL_LOCAL_CHAR = /[A-Za-z0-9._%+'-]/;
const EMAIL_DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/;

/**
 * Role mailboxes of organisations (info@iom.int, registry@un.org): they name an office, not a person,
 * and appear in every call for proposals. A personal address (first.last@, a webmail account) is kept.
 */
const ROLE_MAILBOXES = new Set(
  (
    'info contact contacto contacts secretariat secretariado secretariat-gcm admin office bureau oficina press ' +
    'presse prensa media medias communications comms support helpdesk help hr rh registry enquiries inquiries ' +
    'noreply no-reply donotreply webmaster hub fund cbm mptf gcm partnerships partenariats alianzas procurement ' +
    'achats adquisiciones finance finanzas grants subventions becas network red reseau réseau migration ' +
    'knowledge data datos donnees données library biblioteca bibliotheque reception accueil recepcion mail ' +
    'knowledge conocimiento connaissances consultas questions queries requests demandes solicitudes ' +
    'applications candidatures jobs empleo emploi careers recruitment rrhh training formation capacitacion ' +
    'events evenements eventos newsletter webinar ' +
    'opendata iati fondo fonds migracion migración soporte assistance aide ayuda evaluation evaluacion evaluación team equipo equipe équipe coordination coordinacion'
  ).split(' '),
);

function emails(text: string): Hit[] {
  const hits: Hit[] = [];
  // from each @ outwards (a pattern tried at every position of a long text costs far more)
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let from = at;
    while (from > 0 && at - from < 64 && EMAIL_LOCAL_CHAR.test(text[from - 1])) from--;
    const domain = EMAIL_DOMAIN.exec(text.slice(at + 1, at + 256));
    if (from === at || !domain) continue;
    const raw = text.slice(from, at + 1 + domain[0].length);
    const value = raw.replace(/^[.'-]+/, '');
    const start = from + (raw.length - value.length);
    if (!isEmail(value)) continue;
    const local = value.slice(0, value.indexOf('@')).toLowerCase();
    const role = local.split(/[._-]/);
    if (ROLE_MAILBOXES.has(local) || (role.length <= 2 && role.every((p) => ROLE_MAILBOXES.has(p)))) continue;
    hits.push({ kind: 'email', start, end: start + value.length, confidence: 0.98 });
  }
  return hits;
}

// ---------------------------------------------------------------- phone

/** Words that announce a phone number in en/fr/es. */
const PHONE_WORDS =
  /(?<![\p{L}\p{N}])(?:tel|tél|tfno|telf|phone|telephone|téléphone|telefono|teléfono|mobile|mob|cell|cellphone|móvil|movil|celular|portable|gsm|whatsapp|signal|viber|telegram|fax|sms|text|mensaje|message|call(?:ed)?|llam(?:ar|ó|ada)|appel(?:er|é|le)|joindre|jointe?s?|joignable|reach(?:ed|able)?|localizad[oa]s?|contactad[oa]s?|contact(?:o|er|ed)?|numéro|número|number|line|línea|ligne)(?![\p{L}\p{N}])\.?/giu;
/** Lines an organisation publishes (a hotline, a call centre): its number is not a person's. */
const PUBLIC_LINE =
  /(?:hotline|help\s?line|emergency\s+line|ligne\s+d['’]urgence|l[íi]nea\s+de\s+emergencia|call\s+cent(?:re|er)|toll[-\s]free|switchboard|num[ée]ro\s+vert|centre\s+d['’]appels?|standard|l[íi]nea\s+gratuita|centro\s+de\s+(?:atenci[óo]n|llamadas))(?![\s\S]*(?:from|depuis|desde|personal|personnel|priv[ée]|propio))[\s\S]{0,50}$/iu;
const PHONE_CANDIDATE = /(?:\+|00)?\(?\d[\d\s().\-/]{5,20}\d/g;
const AMOUNT_NEAR = /(?:\b(?:USD|EUR|CHF|GBP|XOF|XAF|KES|MXN|COP)\b|[$€£%])\s*$/;

const PLANS_BY_LANGUAGE: Record<string, CountryCode[]> = {
  en: ['GB', 'US', 'KE', 'NG', 'GH', 'UG', 'ET', 'PH', 'IN', 'BD', 'ZA'],
  fr: [
    'FR',
    'SN',
    'CI',
    'ML',
    'BF',
    'NE',
    'GN',
    'BJ',
    'TG',
    'MA',
    'TN',
    'DZ',
    'CM',
    'CD',
    'MG',
    'BE',
    'CH',
    'CA',
    'HT',
  ],
  es: ['ES', 'MX', 'CO', 'AR', 'PE', 'EC', 'GT', 'HN', 'SV', 'VE', 'CL', 'FR', 'GB'],
};

function phones(text: string, language?: string): Hit[] {
  const hits: Hit[] = [];
  // International numbers, validated against their country's plan, wherever they are
  // (libphonenumber reads only a window after each "+": run over a whole long text it costs ten times more)
  for (let plus = text.indexOf('+'); plus >= 0; plus = text.indexOf('+', plus + 1)) {
    if (!/\d|\(/.test(text[plus + 1] ?? '') && !/^\s\d/.test(text.slice(plus + 1, plus + 3))) continue;
    const [p] = findPhoneNumbersInText(text.slice(plus, plus + 32));
    if (!p || p.startsAt !== 0) continue;
    const start = plus;
    const end = plus + p.endsAt;
    if (!p.number.isValid() || AMOUNT_NEAR.test(text.slice(Math.max(0, start - 6), start))) continue;
    if (/^\s*(?:USD|EUR|CHF|GBP|%)/.test(text.slice(end, end + 5))) continue;
    hits.push({ kind: 'phone', start, end, confidence: 0.95 });
  }
  // National numbers (and 00-prefixed ones) only right after a phone word: validated in the plans the language suggests
  const plans = [
    ...new Set([
      ...(PLANS_BY_LANGUAGE[language ?? ''] ?? []),
      ...PLANS_BY_LANGUAGE.en,
      ...PLANS_BY_LANGUAGE.fr,
      ...PLANS_BY_LANGUAGE.es,
    ]),
  ];
  for (const w of text.matchAll(PHONE_WORDS)) {
    const after = w.index + w[0].length;
    const window = text.slice(after, after + 40);
    // "portable personnel 07 81…", "celular personal 310…", "jointe au 06…": a few short words may come between
    const lead = /^[\s:.,\-–(]*(?:(?:n\.?\s?[°ºo]\.?|#|\p{Ll}{1,10}\.?|:)[\s:,]*){0,3}/u.exec(window);
    const at = after + (lead ? lead[0].length : 0);
    PHONE_CANDIDATE.lastIndex = 0;
    const m = PHONE_CANDIDATE.exec(text.slice(at, at + 30));
    if (!m || m.index !== 0) continue;
    const raw = m[0].replace(/[\s().\-/]+$/, '');
    const start = at;
    const end = at + raw.length;
    if (hits.some((h) => h.start <= start && h.end >= end)) continue;
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    const international = raw.startsWith('+') || raw.startsWith('00');
    const value = raw.startsWith('00') ? `+${raw.slice(2)}` : raw;
    const valid = international
      ? !!parsePhoneNumberFromString(value)?.isValid()
      : plans.some((c) => parsePhoneNumberFromString(value, c)?.isValid());
    if (valid) hits.push({ kind: 'phone', start, end, confidence: 0.9, contextStart: w.index });
  }
  return hits.filter((h) => !PUBLIC_LINE.test(text.slice(Math.max(0, h.start - 60), h.start)));
}

// ---------------------------------------------------------------- identity documents

/** Words naming a passport (or a travel document standing for one). */
const PASSPORT_WORDS = String.raw`passports?|passeports?|pasaportes?|travel\s+document|titre\s+de\s+voyage|documento\s+de\s+viaje|laissez-passer`;
/** Words naming an identity document or a personal registration number. Not a bare "ID": project IDs are everywhere. */
const NATIONAL_ID_WORDS = [
  String.raw`national\s+id(?:entity)?(?:\s+card)?`,
  String.raw`national\s+identification(?:\s+number)?`,
  String.raw`id\s+card`,
  String.raw`id\s+(?:no\.?|n[°º]|number|#)`,
  String.raw`identity\s+(?:card|document|number)`,
  String.raw`personal\s+(?:id|identification)(?:\s+number)?`,
  String.raw`social\s+security(?:\s+number)?`,
  String.raw`residence\s+permit`,
  String.raw`alien\s+registration(?:\s+number)?`,
  String.raw`refugee\s+(?:id|card|identity\s+card)`,
  String.raw`(?:unhcr|asylum|progres)\s+(?:case|registration|individual)(?:\s+(?:no\.?|number|id))?`,
  String.raw`birth\s+certificate(?:\s+(?:no\.?|number))?`,
  String.raw`NINO?`,
  'NID',
  String.raw`ghana\s+card(?:\s+number)?`,
  String.raw`huduma(?:\s+(?:number|namba))?`,
  'aadhaar',
  String.raw`voter(?:'s)?\s+(?:id|card)`,
  String.raw`carte\s+(?:biom[ée]trique|consulaire|d['’][ée]lecteur)`,
  String.raw`matr[íi]cula\s+consular`,
  String.raw`credencial\s+(?:para\s+votar|de\s+elector)`,
  String.raw`SSN`,
  String.raw`carte\s+(?:nationale\s+)?d['’]identit[ée](?:\s+nationale)?`,
  String.raw`pi[èe]ce\s+d['’]identit[ée]`,
  String.raw`num[ée]ro\s+d['’]identi(?:t[ée]|fication)(?:\s+nationale)?`,
  String.raw`titre\s+de\s+s[ée]jour`,
  String.raw`carte\s+de\s+(?:s[ée]jour|r[ée]sident|r[ée]fugi[ée])`,
  String.raw`num[ée]ro\s+de\s+s[ée]curit[ée]\s+sociale`,
  String.raw`acte\s+de\s+naissance`,
  'CNI',
  'NIR',
  String.raw`DNI`,
  'NIE',
  'NIF',
  'CURP',
  'RUT',
  'RUN',
  'CIN',
  String.raw`c[ée]dula(?:\s+de\s+(?:identidad|ciudadan[íi]a|extranjer[íi]a))?`,
  String.raw`documento\s+(?:nacional\s+)?de\s+identidad`,
  String.raw`tarjeta\s+de\s+(?:identidad|residencia)`,
  String.raw`permiso\s+de\s+residencia`,
  String.raw`carn[ée]\s+de\s+(?:identidad|extranjer[íi]a)`,
  String.raw`n[úu]mero\s+de\s+identificaci[óo]n(?:\s+personal)?`,
  String.raw`partida\s+de\s+nacimiento`,
].join('|');

/** Between the document word and its number: "no.", "n°", "number", "de", ":", "#"... */
const FILLER = String.raw`(?:[\s:#.,()–-]|n\.?\s?[°º]\.?|e\.g\.|i\.e\.|p\.\s?ej\.|par\s+ex(?:emple|\.)|ex\.|for\s+example|por\s+ejemplo|(?<![\p{L}])(?:no|nos|nr|num|number|numbers|num[ée]ro|n[úu]mero|de|du|del|la|of|is|est|es|was)(?![\p{L}])\.?)*`;
const ID_TOKEN = String.raw`(?:[A-Z]{1,4}[-\s]?)?\d[A-Z0-9]*(?:[-./\s][A-Z0-9]*\d[A-Z0-9]*|[-./][A-Z]{1,3}){0,6}`;

const PASSPORT_RE = new RegExp(
  String.raw`(?<![\p{L}])(?<word>${PASSPORT_WORDS})(?![\p{L}])${FILLER}(?<id>${ID_TOKEN})`,
  'giu',
);
const NATIONAL_ID_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?<word>${NATIONAL_ID_WORDS})(?![\p{L}\p{N}-])${FILLER}(?<id>${ID_TOKEN})`,
  'giu',
);
/** Spanish DNI (8 digits and a check letter) and NIE (X/Y/Z, 7 digits, check letter): the letter is verified. */
const DNI_NIE = /\b([XYZ]?)(\d{7,8})[-\s]?([A-Z])\b/g;
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function documents(text: string): Hit[] {
  const hits: Hit[] = [];
  const take = (kind: PersonalDataKind, re: RegExp, minDigits: number) => {
    for (const m of text.matchAll(re)) {
      const id = trimId(m.groups?.id ?? '');
      const digits = id.replace(/\D/g, '').length;
      if (digits < minDigits || id.length > 24 || looksLikeYearOrDate(id)) continue;
      const start = m.index + m[0].length - (m.groups?.id ?? '').length;
      hits.push({ kind, start, end: start + id.length, confidence: 0.9, contextStart: m.index });
    }
  };
  take('passport', PASSPORT_RE, 5);
  take('national_id', NATIONAL_ID_RE, 5);
  for (const m of text.matchAll(DNI_NIE)) {
    const [, prefix, digits, letter] = m;
    if (prefix === '' && digits.length !== 8) continue;
    if (prefix !== '' && digits.length !== 7) continue;
    const n = Number(`${prefix === '' ? '' : 'XYZ'.indexOf(prefix)}${digits}`);
    if (DNI_LETTERS[n % 23] !== letter) continue;
    if (hits.some((h) => h.start <= m.index && h.end >= m.index + m[0].length)) continue;
    hits.push({ kind: 'national_id', start: m.index, end: m.index + m[0].length, confidence: 0.85 });
  }
  return hits;
}

/** The number ends at its last character that belongs to it (no trailing separator, no next word). */
function trimId(id: string): string {
  return id.replace(/[-./\s]+$/, '');
}

function looksLikeYearOrDate(id: string): boolean {
  return (
    /^(?:19|20)\d{2}$/.test(id) ||
    /^(?:\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})|\d{4}[-./]\d{1,2}[-./]\d{1,2})$/.test(id)
  );
}

// ---------------------------------------------------------------- dates of birth

const MONTHS = [
  'january|february|march|april|may|june|july|august|september|october|november|december',
  'jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre',
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre',
].join('|');
const DATE = [
  String.raw`\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})`,
  String.raw`\d{4}-\d{2}-\d{2}`,
  String.raw`\d{1,2}(?:er|st|nd|rd|th|º|°)?\s+(?:de\s+)?(?:${MONTHS})\.?,?\s+(?:de\s+|del\s+)?\d{4}`,
  String.raw`(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`,
].join('|');
const DOB_WORDS = [
  String.raw`born(?:\s+on)?`,
  String.raw`d\.?o\.?b\.?`,
  String.raw`date\s+of\s+birth`,
  String.raw`birth\s*date`,
  String.raw`birthday`,
  String.raw`n[ée]e?(?:\s*\(e\))?\s+le`,
  String.raw`n[ée]\(e\)\s+le`,
  String.raw`date\s+de\s+naissance`,
  String.raw`fecha\s+de\s+nacimiento`,
  String.raw`f\.\s*nac\.?`,
  String.raw`nacid[oa](?:\/[ao])?(?:\(a\))?\s+(?:el|en\s+fecha)`,
  String.raw`naci[óo](?:\s+el)?`,
].join('|');
const DOB_RE = new RegExp(
  String.raw`(?<![\p{L}])(?<word>${DOB_WORDS})(?![\p{L}])[\s:.,()-]*(?:(?:le|el|on|du|del|is|est|es)\s+)?(?<date>${DATE})`,
  'giu',
);

function birthDates(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(DOB_RE)) {
    const date = m.groups?.date ?? '';
    const start = m.index + m[0].length - date.length;
    hits.push({ kind: 'date_of_birth', start, end: start + date.length, confidence: 0.92, contextStart: m.index });
  }
  return hits;
}

// ---------------------------------------------------------------- names

const UPPER = 'A-ZÀ-ÖØ-ÞĀ-Ž';
const LOWER = 'a-zß-öø-ÿā-ž';
const NAME_WORD = String.raw`[${UPPER}][${LOWER}]+(?:[-'’][${UPPER}]?[${LOWER}]+)*`;
const PARTICLE = String.raw`(?:de|del|de\s+la|de\s+los|da|das|do|dos|du|van|von|der|el|al|bin|ben|ibn|y|e|ould|wa)`;
/** Two to four capitalised words, particles allowed between them. */
const FULL_NAME = String.raw`${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){1,3}`;
const PARTICLE_ONLY = new RegExp(`^${PARTICLE}$`, 'iu');
const HONORIFIC = String.raw`(?:Mr|Mrs|Ms|Miss|Mx|M|Mme|Mlle|Sr|Sra|Srta|Don|Doña|Dña|Señor|Señora|Monsieur|Madame|Mademoiselle)`;
const HONORIFIC_RE = new RegExp(
  String.raw`(?<![\w])${HONORIFIC}\.?\s+(?<name>${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){0,3})`,
  'gu',
);
const LABEL_RE = new RegExp(
  String.raw`(?<![\w])(?:full\s+name|name|surname|first\s+name|given\s+names?|nom(?:\s+complet)?|pr[ée]noms?|nom\s+de\s+famille|nombre(?:\s+completo)?|apellidos?|nombre\s+y\s+apellidos?)\s*:\s*(?<name>${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){0,3})`,
  'giu',
);
/** Between a name and its identifier: punctuation, a table's column bar, "N° de" before the document word. */
const NAME_BEFORE_RE = new RegExp(
  String.raw`(?<name>${FULL_NAME})(?<gap>[\s,;:()<'’s|/\t–-]*(?:(?:[nN]\.?\s?[°º]|[nN][oO]\.|[nN][rR]\.)\s*(?:de\s+|of\s+)?)?)$`,
  'u',
);

/**
 * Capitalised words that begin sentences or name institutions, places, months and documents in this
 * domain's text: a "name" made of them is not a person's.
 */
const NOT_NAMES = new Set(
  (
    'the this that these those a an and or of in on at for to with by from as our their his her its we they he she ' +
    'le la les un une des du de et ou en au aux pour par sur avec dans ce cette ces son sa ses leur nous ils elle il ' +
    'el los las unos unas del y o por para con en su sus este esta estos estas nuestro nuestra ellos ella él ' +
    'ministry ministère ministerio minister ministre ministro department département departamento direction dirección ' +
    'directorate general générale office oficina bureau agency agence agencia unit unité unidad committee comité ' +
    'council conseil consejo commission comisión national nationale nacional republic république república ' +
    'government gouvernement gobierno state état estado federal institute institut instituto centre center centro ' +
    'organization organisation organización international internationale internacional united nations unies unidas ' +
    'fund fonds fondo programme program programa project projet proyecto network réseau red hub mechanism mécanisme ' +
    'mecanismo global mondial mundial compact pacte pacto migration migración migrants migrantes migrant refugee ' +
    'refugees réfugiés refugiados iom oim unhcr acnur ilo oit unicef undp pnud unodc who oms world bank banque banco ' +
    'passport passeport pasaporte card carte tarjeta number numéro número phone téléphone teléfono email courriel ' +
    'correo contact contacto date born née né nacido nacida birth naissance nacimiento dob identity identité identidad ' +
    'objective objectif objetivo action report rapport informe request demande solicitud annex annexe anexo ' +
    'chair président presidente secretary secrétaire secretario director directeur directora coordinator ' +
    'coordinateur coordinador officer focal point punto focal point focal ' +
    'case cas caso holder titulaire titular applicant demandeur solicitante beneficiary bénéficiaire beneficiario ' +
    'note nota see voir ver ref réf dear cher estimado estimada madam sir annual mid'
  ).split(' '),
);

/** Months and days: "Julio", "Mayo" are first names too, so they stop only names without an honorific. */
const CALENDAR = new Set(
  (
    'january february march april may june july august september october november december janvier février mars ' +
    'avril mai juin juillet août septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto ' +
    'septiembre octubre noviembre diciembre monday tuesday wednesday thursday friday saturday sunday lundi mardi ' +
    'mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo '
  ).split(' '),
);

function isPersonName(name: string, honorific: boolean): boolean {
  const words = name.split(/\s+/).filter((w) => !PARTICLE_ONLY.test(w));
  if (!words.length) return false;
  if (words.some((w) => NOT_NAMES.has(w.toLowerCase()) || (!honorific && CALENDAR.has(w.toLowerCase())))) return false;
  return honorific || words.length >= 2;
}

function names(text: string, identifiers: readonly Hit[]): Hit[] {
  const hits: Hit[] = [];
  const add = (start: number, name: string, confidence: number) => {
    const trimmed = name.trim();
    hits.push({ kind: 'name_with_identifier', start, end: start + trimmed.length, confidence });
  };
  for (const m of text.matchAll(HONORIFIC_RE)) {
    const name = cutAtStopWord(m.groups?.name ?? '');
    if (name && isPersonName(name, true)) add(m.index + m[0].length - (m.groups?.name ?? '').length, name, 0.85);
  }
  for (const m of text.matchAll(LABEL_RE)) {
    const name = cutAtStopWord(m.groups?.name ?? '');
    if (name && isPersonName(name, true)) add(m.index + m[0].length - (m.groups?.name ?? '').length, name, 0.85);
  }
  // A full name right before an identifier (or its context word): "Amina Diallo, passport P1234567"
  for (const id of identifiers) {
    const anchor = id.contextStart ?? id.start;
    const before = text.slice(Math.max(0, anchor - 80), anchor);
    const m = NAME_BEFORE_RE.exec(before);
    if (!m?.groups || m.groups.gap.length > 14) continue;
    const name = lastPersonName(m.groups.name);
    if (!name) continue;
    const start = Math.max(0, anchor - 80) + m.index + m.groups.name.length - name.length;
    add(start, name, 0.8);
  }
  return hits;
}

/** The longest tail of `words` that is a person's name ("Report Amina Diallo" → "Amina Diallo"). */
function lastPersonName(words: string): string | null {
  const parts = words.split(/\s+/);
  for (let i = 0; i < parts.length - 1; i++) {
    const tail = parts.slice(i).join(' ');
    if (isPersonName(tail, false)) return tail;
  }
  return null;
}

/** A label's name stops before a word that is not part of a name ("Mme Diallo Passeport" → "Diallo"). */
function cutAtStopWord(name: string): string {
  const parts = name.split(/\s+/);
  const cut = parts.findIndex((w) => NOT_NAMES.has(w.toLowerCase()) && !PARTICLE_ONLY.test(w));
  return (cut < 0 ? parts : parts.slice(0, cut)).join(' ');
}

function dedupe(hits: Hit[]): Hit[] {
  const seen = new Map<string, Hit>();
  for (const h of hits) {
    const key = `${h.kind}:${h.start}:${h.end}`;
    if (!seen.has(key)) seen.set(key, h);
  }
  // a national number inside an international one found first, or a name inside a longer name: keep the longer
  return [...seen.values()].filter(
    (h) =>
      ![...seen.values()].some(
        (o) =>
          o !== h && o.kind === h.kind && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start,
      ),
  );
}
