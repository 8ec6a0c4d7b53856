/* Valid-ish values from a schema, and hostile values: some make any request invalid
   ("definite"), others are nasty but may be legitimate ("probe"). */
import fc from 'fast-check';
import type { Schema } from './openapi-operations';

export type FieldKind =
  | 'uuid'
  | 'country'
  | 'currency'
  | 'amount'
  | 'date'
  | 'datetime'
  | 'email'
  | 'password'
  | 'url'
  | 'enum'
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'array'
  | 'object'
  | 'loose';

/** Field meaning from schema and name; names follow the API's conventions (ids are UUIDs, countries ISO alpha-3). */
export function fieldKind(name: string, s: Schema): FieldKind {
  if (s.enum?.length) return 'enum';
  if (s.type === 'array') return 'array';
  if (s.type === 'object' && s.properties) return 'object';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'integer') return 'integer';
  if (s.type === 'number') return 'number';
  if (s.format === 'uuid' || /^(id|.+Id)$/.test(name)) return 'uuid';
  if (/^(countryCode|country|countries)$/.test(name)) return 'country';
  if (name === 'currency') return 'currency';
  if (name === 'amount') return 'amount';
  if (s.format === 'date-time') return 'datetime';
  if (/date$/i.test(name) || (typeof s.example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.example))) return 'date';
  if (name === 'email') return 'email';
  if (name === 'password') return 'password';
  if (/^(website|url)$/i.test(name)) return 'url';
  if (s.type === 'string') return 'string';
  // swagger documents `string | null` as a bare object: treat it as loose text
  return 'loose';
}

// ---- text that is hostile yet may be legitimate content -----------------------------------------
export const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  '1; SELECT pg_sleep(10)',
  "\\'; COPY audit_event TO PROGRAM 'id'; --",
  '$$; DELETE FROM support_request; $$',
  "admin'--",
  'UNION SELECT password_hash FROM app_user',
];
export const HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '<!--#exec cmd="id"-->',
];
export const UNICODE = [
  'مرحبا بالعالم',
  '\u202Eevil.exe\u202C',
  'שלום \u200F עולם',
  'Z̴̡̛͎̗͙̤̑̏̀a̸̧̛̜͓̣͒l̵̖̯̀g̶̱͑o',
  'e\u0301\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🇰🇪',
  '\uFEFFbom',
  'tab\tnew\nline\r\n',
  '\u0007\u001b[31mred',
  'ǅ ǈ ǋ ﬀ ß',
];

export const hostileText = (max = 200): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...SQL, ...HTML, ...UNICODE) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
      { weight: 2, arbitrary: fc.lorem({ maxCount: 6 }) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(...SQL, ...HTML), fc.constantFrom(...UNICODE)).map(([a, b]) => `${b} ${a}`),
      },
    )
    .map((t) => {
      const chars = Array.from(t.trim() || 'x');
      return chars.slice(0, Math.max(1, max)).join('');
    })
    .map((t) => (t.length < 3 ? `${t}abc` : t));

const COUNTRIES = ['KEN', 'ETH', 'DEU', 'PHL', 'MEX', 'SEN', 'JOR'];
const CURRENCIES = ['USD', 'EUR', 'KES', 'CHF'];

/** A value that should pass validation for this field (content may still be hostile text). */
export function validish(
  name: string,
  s: Schema,
  ids: (name: string) => string | undefined,
  depth = 0,
): fc.Arbitrary<unknown> {
  const kind = fieldKind(name, s);
  const nullable = s.nullable
    ? (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) })
    : (a: fc.Arbitrary<unknown>) => a;
  switch (kind) {
    case 'enum':
      return fc.constantFrom(...s.enum!);
    case 'uuid': {
      const known = ids(name);
      return known
        ? fc.oneof({ weight: 3, arbitrary: fc.constant(known) }, { weight: 1, arbitrary: fc.uuid({ version: 7 }) })
        : fc.uuid({ version: 7 });
    }
    case 'country':
      return nullable(fc.constantFrom(...COUNTRIES));
    case 'currency':
      return fc.constantFrom(...CURRENCIES);
    case 'amount':
      return fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String);
    case 'date':
      return fc
        .record({
          y: fc.integer({ min: 2027, max: 2030 }),
          m: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 28 }),
        })
        .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    case 'datetime':
      return fc
        .date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.constantFrom('someone@example.org', "o'brien@example.org", 'x+tag@example.org', 'ünïcode@example.org');
    case 'password':
      return fc.constantFrom('correct-horse-battery-2026', "pa'ss--word; DROP 1", 'مرحبا-كلمة-سر-طويلة');
    case 'url':
      return nullable(
        fc.constantFrom('https://example.org', 'https://example.org/?q=<script>', 'https://xn--mgbh0fb.example'),
      );
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (/^(objective|objectives|level|version)$/.test(name) ? 1 : 0);
      const max = s.maximum ?? (/^(objective|objectives)$/.test(name) ? 23 : name === 'limit' ? 100 : 1000);
      return fc.integer({ min, max });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const itemName = name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.replace(/s$/, '');
      const item = validish(name === 'countries' ? 'country' : itemName, s.items ?? { type: 'string' }, ids, depth + 1);
      return fc.uniqueArray(item, { maxLength: 3, selector: (v) => JSON.stringify(v) });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties ?? {}).map(([k, v]) => [k, validish(k, v, ids, depth + 1)] as const);
      return nullable(
        fc.record(Object.fromEntries(entries), {
          requiredKeys: [...required].filter((k) => s.properties?.[k]) as never[],
        }),
      );
    }
    case 'string':
      return s.example !== undefined && typeof s.example === 'string' && !s.maxLength
        ? fc.oneof(fc.constant(s.example), hostileText(200))
        : hostileText(s.maxLength ?? 200).map((t) =>
            s.minLength && t.length < s.minLength ? t.padEnd(s.minLength, '.') : t,
          );
    case 'loose':
      return nullable(hostileText(60));
  }
}

// ---- values that are invalid by construction --------------------------------------------------
const deep = (depth: number, leaf: unknown = 'x', asArray = false): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};
export const deepValue = fc.tuple(fc.integer({ min: 33, max: 400 }), fc.boolean()).map(([d, arr]) => deep(d, 'x', arr));

/** Text no field accepts: NUL, lone surrogates (JSON.stringify escapes them, so they reach the parser). */
export const poisonText = fc.constantFrom(
  'a\u0000b',
  '\u0000',
  'x\uD800',
  '\uDC00y',
  'ok\uDBFFnot-a-pair',
  `${'a'.repeat(50)}\u0000`,
);

const notStrings = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant([1, 2]),
  fc.constant({ $gt: '' }),
  fc.constant({ toString: 'x' }),
  deepValue,
);
const notNumbers = fc.oneof(
  fc.constantFrom('one', '12abc', '1e999', 'NaN', '0x10', '<script>', "1' OR '1'='1"),
  fc.constant({}),
  fc.constant({ $ne: 1 }),
  deepValue,
);
const notBooleans = fc.oneof(
  fc.constantFrom('yes', 'TRUE', 'on', 'null'),
  fc.constantFrom(2, -1),
  fc.constant({}),
  fc.constant([[]]),
);
const notArrays = fc.oneof(fc.integer(), fc.boolean(), fc.constant({ 0: 'a', length: 1 }), deepValue);
const notObjects = fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom('x', '{}', '[object Object]'), deepValue);

/** A value of the wrong type or format for the field: refused by any correct validator. */
export function invalidFor(name: string, s: Schema): fc.Arbitrary<unknown> {
  const kind = fieldKind(name, s);
  const base: fc.Arbitrary<unknown>[] = [poisonText];
  switch (kind) {
    case 'enum':
      return fc.oneof(
        poisonText,
        fc.constantFrom('__bogus__', `${String(s.enum![0]).toUpperCase()}_X`, ` ${String(s.enum![0])}`, 'null'),
        typeof s.enum![0] === 'number' ? fc.constantFrom(0, 99, 1.5, -1) : notStrings,
      );
    case 'uuid':
      return fc.oneof(
        poisonText,
        notStrings,
        fc.constantFrom(
          'not-a-uuid',
          "1' OR '1'='1",
          '00000000-0000-0000-0000-00000000000g',
          '0190a8f0-1111-7111-8111-1111111111111',
          '{0190a8f0-1111-7111-8111-111111111111}',
          '../../etc/passwd',
          '-1',
          '9007199254740993',
        ),
      );
    case 'country':
      return fc.oneof(
        poisonText,
        notStrings,
        fc.constantFrom('ZZZ', 'QQQ', 'ken', 'KE', 'KENY', 'Kenya', 'K3N', 'XXX'),
      );
    case 'currency':
      return fc.oneof(poisonText, notStrings, fc.constantFrom('ZZZ', 'usd', 'US$', 'EURO', '€', 'US', ''));
    case 'amount':
      return fc.oneof(
        poisonText,
        fc.constantFrom(
          '-1',
          '-100',
          '0',
          '00',
          '1.5',
          '0.01',
          '1e3',
          ' 12',
          '12 ',
          '+12',
          '0x10',
          '',
          '99999999999999999999',
          '１２',
          '١٢',
          '12abc',
          'NaN',
          'Infinity',
        ),
        fc.constantFrom(12, -12, 0, 1.5, 2 ** 53 + 2, 1e308, -0),
      );
    case 'date':
    case 'datetime':
      return fc.oneof(
        poisonText,
        notStrings,
        fc.constantFrom('2027-02-30', '2027-13-01', '27-01-01', 'tomorrow', '0000-00-00', '2027-01-01; DROP TABLE x'),
      );
    case 'integer':
      return fc.oneof(
        poisonText,
        notNumbers,
        fc.constantFrom(1.5, -0.5),
        ...(s.minimum !== undefined ? [fc.constantFrom(s.minimum - 1, -(2 ** 53) - 10)] : []),
        ...(s.maximum !== undefined ? [fc.constantFrom(s.maximum + 1, 2 ** 53 + 2, 1e308)] : []),
      );
    case 'number':
      return fc.oneof(
        poisonText,
        notNumbers,
        ...(s.minimum !== undefined ? [fc.constant(s.minimum - 1)] : []),
        ...(s.maximum !== undefined ? [fc.constantFrom(s.maximum + 1, 2 ** 53 + 2)] : []),
      );
    case 'boolean':
      return fc.oneof(poisonText, notBooleans);
    case 'array':
      return fc.oneof(
        notArrays,
        // every element of the wrong type, in a large array
        fc
          .integer({ min: 1, max: 5000 })
          .chain((n) =>
            invalidFor(name.replace(/s$/, ''), s.items ?? { type: 'string' }).map((bad) =>
              Array.from({ length: n }, () => bad),
            ),
          ),
      );
    case 'object':
      return notObjects;
    case 'email':
    case 'password':
    case 'url':
    case 'string':
      return fc.oneof(
        poisonText,
        notStrings,
        ...(s.maxLength !== undefined
          ? [fc.integer({ min: s.maxLength + 1, max: s.maxLength * 4 + 10 }).map((n) => 'x'.repeat(n))]
          : []),
      );
    case 'loose':
      return fc.oneof(...base, fc.integer(), fc.boolean(), deepValue);
  }
}

/** Nasty but possibly legitimate: must never cause a 5xx, may be accepted. */
export function probeFor(name: string, s: Schema): fc.Arbitrary<unknown> {
  const kind = fieldKind(name, s);
  const huge = fc
    .integer({ min: 1_000, max: 200_000 })
    .chain((n) => fc.constantFrom('x', 'é', '😀', 'ا').map((c) => c.repeat(n)));
  switch (kind) {
    case 'integer':
    case 'number':
      return fc.constantFrom(2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 0, -1, 1.5, 1e308, -1e-308, Number.MAX_VALUE);
    case 'array':
      return fc
        .integer({ min: 50, max: 3000 })
        .map((n) =>
          Array.from({ length: n }, (_, i) =>
            s.items?.type === 'number' || s.items?.type === 'integer' ? i : `item-${i}`,
          ),
        );
    case 'string':
    case 'loose':
    case 'email':
    case 'password':
      return fc.oneof(huge, hostileText(100_000), fc.constant(''), fc.constant(' '));
    case 'amount':
      return fc.constantFrom('1', '999999999999999999', String(2n ** 53n + 1n));
    default:
      return hostileText(200);
  }
}
