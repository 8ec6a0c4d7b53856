/* Requests for one OpenAPI operation: a valid-ish base plus mutations. A "definite" case
   carries at least one mutation that makes it invalid by construction, so it must be refused
   with a 4xx and change nothing; a "probe" case is hostile but may be legitimate. */
import fc from 'fast-check';
import { Operation, Param, requiresToken, Schema } from './openapi-operations';
import { deepValue, invalidFor, poisonText, probeFor, validish } from './hostile-values';

export const ROLES = [
  'focal_point',
  'hub_officer',
  'partner_officer',
  'fund_manager',
  'steering_committee',
  'donor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export type AuthMode =
  | 'none'
  | 'garbage'
  | 'forged'
  | 'expired'
  | 'alg-none'
  | 'unknown-role'
  | 'tampered'
  | 'refresh-as-access'
  | 'basic'
  | 'empty-bearer';

export type Mutation =
  | { t: 'auth'; mode: AuthMode }
  | { t: 'wrong-role'; role: Role }
  | { t: 'body-set'; path: (string | number)[]; value: unknown; why: string }
  | { t: 'body-delete'; path: string[] }
  | { t: 'body-unknown'; key: string; value: unknown }
  | { t: 'body-raw'; text: string; contentType: string; why: string }
  | { t: 'path'; name: string; raw: string }
  | { t: 'query'; name: string; raw: string; why: string }
  | { t: 'header'; name: string; value: string };

export interface HttpCase {
  role: Role;
  auth?: AuthMode;
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body?: { json: unknown } | { raw: string; contentType: string };
  mutations: Mutation[];
  definite: boolean;
}

export interface CaseContext {
  /** a real id for a path or body field, when the harness created or found one */
  idFor(op: Operation, name: string): string | undefined;
  bodyLimitBytes: number;
}

/** encodeURIComponent, except that lone surrogates become their (invalid) WTF-8 bytes instead of throwing. */
const enc = (v: unknown) =>
  String(v).replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g, (ch) => {
    const u = ch.charCodeAt(0);
    if (ch.length === 1 && u >= 0xd800 && u <= 0xdfff)
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    return encodeURIComponent(ch);
  });

function allowedRoles(op: Operation): Role[] {
  return op.access?.kind === 'roles'
    ? (op.access.roles.filter((r) => (ROLES as readonly string[]).includes(r)) as Role[])
    : [...ROLES];
}

/** Body fields as paths: top-level properties and those of nested objects (one level, arrays through their first item). */
function bodyFields(
  s: Schema | undefined,
): { path: (string | number)[]; name: string; schema: Schema; required: boolean }[] {
  const out: { path: (string | number)[]; name: string; schema: Schema; required: boolean }[] = [];
  for (const [k, v] of Object.entries(s?.properties ?? {})) {
    out.push({ path: [k], name: k, schema: v, required: !!s?.required?.includes(k) });
    const nested = v.type === 'array' ? v.items : v;
    const prefix = v.type === 'array' ? [k, 0] : [k];
    for (const [k2, v2] of Object.entries(nested?.properties ?? {}))
      out.push({ path: [...prefix, k2], name: k2, schema: v2, required: false });
  }
  return out;
}

function baseCase(op: Operation, ctx: CaseContext): fc.Arbitrary<HttpCase> {
  const ids = (name: string) => ctx.idFor(op, name);
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const path = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, validish(p.name, p.schema, ids).map(enc)])));
  const query = fc.tuple(
    ...queryParams.map((p) =>
      fc.option(
        validish(p.name, p.schema, ids).map(
          (v) => [p.name, Array.isArray(v) ? v.map(enc).join(',') : enc(v)] as [string, string],
        ),
        { nil: undefined },
      ),
    ),
  );
  const ifMatch = op.params.some((p) => p.in === 'header' && p.name === 'if-match')
    ? fc.option(
        fc.integer({ min: 1, max: 4 }).map((v) => `"${v}"`),
        { nil: undefined },
      )
    : fc.constant(undefined);
  const body = op.multipart
    ? fc.constant({
        raw: multipart([{ name: 'file', filename: 'letter.pdf', content: SMALL_PDF }]),
        contentType: MULTIPART,
      })
    : op.body
      ? validish('body', op.body, ids).map((json) => ({ json }))
      : fc.constant(undefined);
  return fc
    .record({ role: fc.constantFrom(...allowedRoles(op)), path, query, ifMatch, body })
    .map(({ role, path, query, ifMatch, body }): HttpCase => ({
      role,
      path,
      query: query.filter((q): q is [string, string] => !!q),
      headers: ifMatch ? { 'if-match': ifMatch } : ({} as Record<string, string>),
      body,
      mutations: [],
      definite: false,
    }));
}

const unknownKey = fc.constantFrom(
  'isAdmin',
  'role_',
  '$where',
  'id_',
  'createdBy',
  '__hostile__',
  'password_hash',
  'ΔΘ',
  'a'.repeat(300),
);

const BOUNDARY = 'hostile-boundary-7MA4YWxkTrZu0gW';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const SMALL_PDF = '%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';

/** A multipart/form-data body (text parts only: latin1-safe content). */
function multipart(parts: { name: string; filename?: string; content: string; type?: string }[], end = true): string {
  const out = parts.map(
    (p) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n` +
      `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n${p.content}\r\n`,
  );
  return out.join('') + (end ? `--${BOUNDARY}--\r\n` : '');
}

/** Uploads that must be refused: not multipart, malformed, the wrong part, a type not allowed. */
function multipartDefinite(): fc.Arbitrary<Mutation> {
  const file = (content: string, filename = 'letter.pdf') => [{ name: 'file', filename, content }];
  return fc
    .constantFrom<[string, string, string]>(
      ['{"file":"x"}', 'application/json', 'JSON instead of multipart'],
      [multipart(file(SMALL_PDF)), 'multipart/form-data', 'no boundary'],
      [multipart(file(SMALL_PDF)).slice(0, 60), MULTIPART, 'truncated multipart'],
      [multipart(file(SMALL_PDF), false), MULTIPART, 'no closing boundary'],
      [multipart([]), MULTIPART, 'no part'],
      [multipart([{ name: 'document', filename: 'a.pdf', content: SMALL_PDF }]), MULTIPART, 'wrong part name'],
      [multipart([{ name: 'kind', content: 'x' }, ...file(SMALL_PDF)]), MULTIPART, 'a field before the file'],
      [multipart([...file(SMALL_PDF), ...file(SMALL_PDF, 'b.pdf')]), MULTIPART, 'two files'],
      [multipart(file('')), MULTIPART, 'empty file'],
      [multipart(file('MZ\x90\x00\x03\x00\x00\x00\x04\x00')), MULTIPART, 'an executable named .pdf'],
      [multipart(file('<html><script>alert(1)</script></html>')), MULTIPART, 'HTML named .pdf'],
      [multipart(file('<svg onload="alert(1)"/>', 'x.csv')), MULTIPART, 'SVG named .csv'],
      [multipart(file('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'a.docx')), MULTIPART, 'a ZIP that is no document'],
    )
    .map(([text, contentType, why]) => ({ t: 'body-raw', text, contentType, why }));
}

/** Uploads that may be legitimate: hostile names, odd types (never a 5xx). */
function multipartProbes(): fc.Arbitrary<Mutation> {
  return fc
    .constantFrom(
      '../../etc/passwd.pdf',
      'C:\\Windows\\system32\\x.pdf',
      'evil\u202Efdp.exe.pdf',
      'a\u0000b.pdf',
      '\u0007bell.pdf',
      '.hidden.pdf',
      '',
      'x'.repeat(1000) + '.pdf',
      '<script>alert(1)</script>.pdf',
      "'; DROP TABLE document; --.pdf",
      'rapport – été 2026.pdf',
    )
    .map((filename) => ({
      t: 'body-raw',
      text: multipart([{ name: 'file', filename, content: SMALL_PDF, type: 'text/html' }]),
      contentType: MULTIPART,
      why: `file name ${JSON.stringify(filename.slice(0, 40))}`,
    }));
}

/** Mutations that make any request to this operation invalid. */
function definiteMutations(op: Operation, ctx: CaseContext): fc.Arbitrary<Mutation>[] {
  const out: fc.Arbitrary<Mutation>[] = [];
  if (requiresToken(op)) {
    out.push(
      fc
        .constantFrom<AuthMode>(
          'none',
          'garbage',
          'forged',
          'expired',
          'alg-none',
          'unknown-role',
          'tampered',
          'refresh-as-access',
          'basic',
          'empty-bearer',
        )
        .map((mode) => ({ t: 'auth', mode })),
    );
    const excluded = op.access?.kind === 'roles' ? ROLES.filter((r) => !allowedRoles(op).includes(r)) : [];
    if (excluded.length) out.push(fc.constantFrom(...excluded).map((role) => ({ t: 'wrong-role', role })));
  }
  if (op.multipart) out.push(multipartDefinite());
  if (op.body) {
    const fields = bodyFields(op.body);
    const known = new Set(Object.keys(op.body.properties ?? {}));
    out.push(
      fc
        .tuple(
          unknownKey.filter((k) => !known.has(k)),
          fc.oneof(fc.constant(true), fc.constant('admin'), poisonText),
        )
        .map(([key, value]) => ({ t: 'body-unknown', key, value })),
    );
    const required = fields.filter((f) => f.required && f.path.length === 1);
    if (required.length)
      out.push(fc.constantFrom(...required).map((f) => ({ t: 'body-delete', path: f.path as string[] })));
    if (fields.length) {
      out.push(
        fc
          .constantFrom(...fields)
          .chain((f) =>
            invalidFor(f.name, f.schema).map(
              (value) => ({ t: 'body-set', path: f.path, value, why: `invalid ${f.name}` }) as Mutation,
            ),
          ),
      );
      out.push(
        fc
          .tuple(fc.constantFrom(...fields), deepValue)
          .map(([f, value]) => ({ t: 'body-set', path: f.path, value, why: 'deep nesting' })),
      );
    }
    const needsFields = (op.body.required?.length ?? 0) > 0;
    out.push(
      fc
        .oneof(
          fc.constantFrom(
            ['{"a":', 'application/json', 'truncated JSON'],
            ["{'a':1}", 'application/json', 'single quotes'],
            ['{"a":1,}', 'application/json', 'trailing comma'],
            ['[1,2,3]', 'application/json', 'top-level array'],
            ['"text"', 'application/json', 'top-level string'],
            ['42', 'application/json', 'top-level number'],
            ['true', 'application/json', 'top-level boolean'],
            ['{"a":"\\ud800"}', 'application/json', 'escaped lone surrogate'],
            ['{"a":"\\u0000"}', 'application/json', 'escaped NUL'],
            ['{"a":1}', 'application/xml', 'XML content type'],
            ['a=1&b=2', 'application/x-www-form-urlencoded', 'form body'],
            ['{"a":1}', 'text/plain', 'JSON as text/plain'],
            ['\u0000', 'text/plain', 'NUL as text'],
          ),
          fc
            .integer({ min: 1_000, max: 50_000 })
            .map(
              (d) => ['['.repeat(d) + ']'.repeat(d), 'application/json', `nesting ${d}`] as [string, string, string],
            ),
          fc.constant([
            JSON.stringify({ x: 'y'.repeat(ctx.bodyLimitBytes + 10) }),
            'application/json',
            'over the body limit',
          ] as [string, string, string]),
          ...(needsFields
            ? [
                fc.constantFrom(
                  ['null', 'application/json', 'null body'],
                  ['{}', 'application/json', 'empty object'],
                  ['', 'application/json', 'empty body'],
                ) as fc.Arbitrary<[string, string, string]>,
              ]
            : []),
        )
        .map(([text, contentType, why]) => ({ t: 'body-raw', text, contentType, why })),
    );
  }
  for (const p of op.params.filter((x) => x.in === 'path')) {
    out.push(
      fc
        .oneof(
          invalidFor(p.name, p.schema).map((v) => enc(typeof v === 'string' ? v : JSON.stringify(v))),
          fc.constantFrom(
            '%00',
            '%ED%A0%80',
            '%E0%A4%A',
            '..%2F..%2Fusers',
            '%2e%2e',
            'x'.repeat(300),
            '%20',
            '1%27%20OR%20%271%27%3D%271',
          ),
        )
        .map((raw) => ({ t: 'path', name: p.name, raw })),
    );
  }
  const queryParams = op.params.filter((x) => x.in === 'query');
  if (queryParams.length) {
    // an operation that declares query parameters validates them with a DTO that refuses unknown ones
    out.push(unknownKey.map((name) => ({ t: 'query', name: enc(name), raw: '1', why: 'unknown parameter' })));
    for (const p of queryParams)
      out.push(queryInvalid(p).map((raw) => ({ t: 'query', name: p.name, raw, why: `invalid ${p.name}` })));
  }
  // the whole URL is checked before routing, for every operation
  out.push(
    fc
      .constantFrom('%00', '%ED%A0%80', '%ED%B0%80x', '%E0%A4%A', '%')
      .map((raw) => ({ t: 'query', name: 'q', raw, why: 'poisoned URL' })),
  );
  if (op.params.some((x) => x.in === 'header' && x.name === 'if-match')) {
    out.push(
      fc
        .constantFrom(
          'abc',
          '"abc"',
          '-1',
          '0',
          '1.5',
          '"1.5"',
          'W/"x"',
          '99999999999999999999',
          '"1", "2"',
          '1 OR 1=1',
        )
        .map((value) => ({ t: 'header', name: 'if-match', value })),
    );
  }
  return out;
}

const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function queryInvalid(p: Param): fc.Arbitrary<string> {
  if (p.name === 'cursor') {
    return fc.oneof(
      fc.constantFrom('!!!', '%00', 'a'.repeat(500), 'e30', cursorOf({ a: 1 }), cursorOf([])),
      fc
        .array(
          fc.oneof(
            fc.constantFrom("' OR 1=1 --", '\u0000', 'not-a-date', '\uD800'),
            fc.constantFrom(1e308, -1, 2 ** 53 + 2),
          ),
          { minLength: 1, maxLength: 3 },
        )
        .map(cursorOf),
    );
  }
  // one past the declared maximum (100, the API's page size, when the document does not say)
  if (p.name === 'limit')
    return fc.constantFrom(
      '0',
      '-1',
      '1.5',
      String((p.schema.maximum ?? 100) + 1),
      '1e9',
      '9007199254740993',
      'abc',
      '',
      '1&limit=2',
    );
  if (p.schema.type === 'array' && p.schema.items?.enum)
    return fc.constantFrom('bogus', `${p.schema.items.enum[0]},bogus`, ',,,', '%00');
  if (p.schema.type === 'array')
    return invalidFor(p.name, p.schema.items ?? {}).map((v) => enc(typeof v === 'string' ? v : JSON.stringify(v)));
  return invalidFor(p.name, p.schema)
    .filter((v) => typeof v === 'string' && v !== '')
    .map((v) => enc(v as string))
    .map((raw) => raw || 'x');
}

/** Hostile values that may be legitimate: each probe must still never cause a 5xx. */
function probeMutations(op: Operation): fc.Arbitrary<Mutation>[] {
  const out: fc.Arbitrary<Mutation>[] = [];
  if (op.multipart) out.push(multipartProbes());
  for (const f of bodyFields(op.body))
    out.push(
      probeFor(f.name, f.schema).map(
        (value) => ({ t: 'body-set', path: f.path, value, why: `probe ${f.name}` }) as Mutation,
      ),
    );
  for (const p of op.params.filter((x) => x.in === 'query')) {
    out.push(
      fc
        .oneof(
          probeFor(p.name, p.schema).map((v) => enc(typeof v === 'string' ? v.slice(0, 4000) : JSON.stringify(v))),
          fc.constantFrom('ZZZ', '%D8%B9%D8%B1%D8%A8%D9%8A', '%3Cscript%3E', '%27%20OR%201%3D1--'),
        )
        .map((raw) => ({ t: 'query', name: p.name, raw, why: `probe ${p.name}` }) as Mutation),
    );
  }
  return out;
}

export function casesFor(
  op: Operation,
  ctx: CaseContext,
  mode: 'definite' | 'probe',
): fc.Arbitrary<HttpCase> | undefined {
  const definite = definiteMutations(op, ctx);
  const probes = probeMutations(op);
  if (mode === 'probe' && !probes.length) return undefined;
  const mutations =
    mode === 'definite'
      ? fc
          .tuple(
            fc.array(fc.oneof(...definite), { minLength: 1, maxLength: 2 }),
            probes.length ? fc.array(fc.oneof(...probes), { maxLength: 2 }) : fc.constant([] as Mutation[]),
          )
          .map(([d, p]) => [...p, ...d])
      : fc.array(fc.oneof(...probes), { minLength: 1, maxLength: 3 });
  return fc.tuple(baseCase(op, ctx), mutations).map(([c, ms]) => {
    for (const m of ms) apply(c, m);
    c.mutations = ms;
    c.definite = mode === 'definite';
    return c;
  });
}

function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown) {
  let cur: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    const nextIsIndex = typeof path[i + 1] === 'number';
    const existing = cur[k];
    if (!existing || typeof existing !== 'object') cur[k] = nextIsIndex ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
    if (
      Array.isArray(cur) &&
      typeof path[i + 1] === 'number' &&
      (cur[path[i + 1] as number] === undefined || typeof cur[path[i + 1] as number] !== 'object')
    ) {
      if (i + 2 < path.length) cur[path[i + 1] as number] = {};
    }
  }
  cur[path[path.length - 1]] = value;
}

function apply(c: HttpCase, m: Mutation) {
  const json = (): Record<string, unknown> => {
    if (!c.body || !('json' in c.body) || !c.body.json || typeof c.body.json !== 'object' || Array.isArray(c.body.json))
      c.body = { json: {} };
    return (c.body as { json: Record<string, unknown> }).json;
  };
  switch (m.t) {
    case 'auth':
      c.auth = m.mode;
      break;
    case 'wrong-role':
      c.role = m.role;
      break;
    case 'body-set':
      if (c.body && 'raw' in c.body) break;
      setAt(json(), m.path, m.value);
      break;
    case 'body-delete':
      if (c.body && 'raw' in c.body) break;
      delete json()[m.path[0]];
      break;
    case 'body-unknown':
      if (c.body && 'raw' in c.body) break;
      json()[m.key] = m.value;
      break;
    case 'body-raw':
      c.body = { raw: m.text, contentType: m.contentType };
      break;
    case 'path':
      c.path[m.name] = m.raw;
      break;
    case 'query':
      c.query = c.query.filter(([k]) => k !== m.name).concat([[m.name, m.raw]]);
      break;
    case 'header':
      c.headers[m.name] = m.value;
      break;
  }
}
