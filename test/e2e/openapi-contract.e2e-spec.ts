import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, AccessRule, loadConfig } from '@cbm/core';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../apps/api/src/http-app';
import { openApiDocument } from '../../apps/api/src/openapi';
import { bearer, startTestSystem, TestSystem } from '../support/test-system';

interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  'x-access'?: AccessRule;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, Schema> };
}

interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
}

/** Where `value` departs from `schema`: a missing or undeclared field, a wrong type or value. */
function departures(doc: Document, schema: Schema, value: unknown, at: string): string[] {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return departures(doc, doc.components.schemas[name], value, at);
  }
  if (schema.allOf) return schema.allOf.flatMap((s) => departures(doc, s, value, at));
  if (value === null) return schema.nullable || schema.oneOf?.some((s) => s.nullable) ? [] : [`${at}: null`];
  if (schema.oneOf)
    return schema.oneOf.some((s) => departures(doc, s, value, at).length === 0) ? [] : [`${at}: no oneOf fits`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not in the enum`];
  const type = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  const fits = !schema.type || schema.type === type || (schema.type === 'number' && type === 'integer');
  if (!fits) return [`${at}: ${type}, documented ${schema.type}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => departures(doc, schema.items ?? {}, v, `${at}[${i}]`));
  if (type !== 'object') return [];
  const object = value as Record<string, unknown>;
  const problems = (schema.required ?? []).filter((k) => !(k in object)).map((k) => `${at}.${k}: missing`);
  for (const [k, v] of Object.entries(object)) {
    const declared = schema.properties?.[k];
    if (declared) problems.push(...departures(doc, declared, v, `${at}.${k}`));
    else if (typeof schema.additionalProperties === 'object')
      problems.push(...departures(doc, schema.additionalProperties, v, `${at}.${k}`));
    else if (schema.properties && schema.additionalProperties !== true) problems.push(`${at}.${k}: not documented`);
  }
  return problems;
}

const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

describe('the OpenAPI document is the contract', () => {
  let sys: TestSystem;
  let doc: Document;
  beforeAll(async () => {
    sys = await startTestSystem();
    const res = await sys.http().get('/api/docs-json').expect(200);
    doc = res.body as Document;
  });
  afterAll(() => sys?.close());

  it("documents every route, and each operation's security is the route's access rule", () => {
    const discovery = sys.app.get(DiscoveryService);
    const reflector = sys.app.get(Reflector);
    const scanner = new MetadataScanner();
    const byId = new Map(operationsOf(doc).map(({ key, op }) => [op.operationId, { key, op }]));
    const bearer = Object.keys(doc.components.securitySchemes);
    expect(bearer).toEqual(['bearer']);
    const wrong: string[] = [];
    let routes = 0;
    for (const wrapper of discovery.getControllers()) {
      const proto = Object.getPrototypeOf(wrapper.instance as object);
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (Reflect.getMetadata('path', handler) === undefined) continue;
        routes++;
        // the same lookup as the AccessGuard
        const rule = reflector.getAllAndOverride<AccessRule>(ACCESS_KEY, [handler, wrapper.metatype as never]);
        const found = byId.get(`${wrapper.name}_${name}`);
        if (!found) {
          wrong.push(`${wrapper.name}.${name}: not in the document`);
          continue;
        }
        const { key, op } = found;
        const expected = rule.kind === 'public' ? [] : [{ bearer: [] }];
        if (JSON.stringify(op.security) !== JSON.stringify(expected))
          wrong.push(`${key}: security ${JSON.stringify(op.security)}, the route is ${rule.kind}`);
        if (JSON.stringify(op['x-access']) !== JSON.stringify(rule)) wrong.push(`${key}: x-access differs`);
        // open routes may answer 401 themselves (a failed sign-in); every other one can be refused so
        if (rule.kind !== 'public' && !('401' in op.responses)) wrong.push(`${key}: no 401 for a ${rule.kind} route`);
        if (rule.kind === 'roles' && !('403' in op.responses)) wrong.push(`${key}: no 403 for a role-restricted route`);
      }
    }
    expect(routes).toBe(byId.size);
    expect(wrong).toEqual([]);
  });

  it('every operation answers 2xx with a schema, or declares no content; errors as problem+json', () => {
    const missing: string[] = [];
    for (const { key, op } of operationsOf(doc)) {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      const typed = success.some(
        ([status, r]) => status === '204' || Object.values(r.content ?? {}).some((media) => media.schema !== undefined),
      );
      if (!typed) missing.push(key);
      for (const [status, r] of Object.entries(op.responses))
        if (/^4\d\d$/.test(status) && Object.keys(r.content ?? {}).join() !== 'application/problem+json')
          missing.push(`${key}: ${status} is not problem+json`);
    }
    expect(missing).toEqual([]);
  });

  it('answers what it documents: no undocumented, missing or mistyped field (reads with data)', async () => {
    const admin = await sys.user('admin');
    const partner = await sys.user('partner_officer', { organisation: 'IOM' });
    const iom = await sys.organisationId('IOM');
    await sys
      .http()
      .put(`/api/v1/organisations/${iom}/capability-profile`)
      .set(bearer(admin))
      .send({
        objectives: [{ objective: 5, level: 3 }],
        countries: ['KEN'],
        regions: ['Eastern Africa'],
        thematicAreas: ['labour_migration'],
      });
    const reads: [string, { token: string } | null][] = [
      ['/api/v1/auth/me', partner],
      ['/api/v1/users', admin],
      [`/api/v1/users/${partner.id}`, admin],
      ['/api/v1/audit', admin],
      ['/api/v1/audit/verify', admin],
      ['/api/v1/notifications', partner],
      ['/api/v1/reference/objectives', null],
      ['/api/v1/reference/principles', null],
      ['/api/v1/reference/countries', null],
      ['/api/v1/reference/currencies', null],
      ['/api/v1/reference/assessment-criteria', null],
      ['/api/v1/organisations', null],
      [`/api/v1/organisations/${iom}`, null],
      [`/api/v1/organisations/${iom}/capability-profile`, null],
      ['/api/v1/fund/summary', null],
      ['/api/v1/fund/projects', null],
      ['/api/v1/fund/contributions', admin],
      ['/api/v1/fund/applications', admin],
      ['/api/v1/fund/allocations', admin],
      ['/api/v1/fund/decisions', admin],
      ['/api/v1/fund/ledger/reconciliation', admin],
      ['/api/v1/knowledge/items', admin],
      ['/api/v1/open/knowledge', null],
      ['/health/ready', null],
    ];
    const found: string[] = [];
    for (const [url, user] of reads) {
      const req = sys.http().get(url);
      const res = await (user ? req.set(bearer(user)) : req);
      expect([url, res.status]).toEqual([url, 200]);
      const path = url.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}').split('?')[0];
      const schema = doc.paths[path].get.responses['200'].content!['application/json'].schema as Schema;
      found.push(...departures(doc, schema, res.body, `GET ${path}`));
    }
    expect(found).toEqual([]);
  });

  it('is the document `cli openapi` writes without a server or a database', async () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'openapi-document-only', LOG_LEVEL: 'error' });
    const app = await createHttpApp(
      { config, dataSource: new DataSource({ type: 'postgres' }), runRelay: false, runWorkers: false },
      { preview: true },
    );
    try {
      expect(openApiDocument(app)).toEqual(doc);
    } finally {
      await app.close();
    }
  });

  it("passes redocly's recommended rules with no error", () => {
    // linted as dist/openapi.json, the path .redocly.lint-ignore.yaml names, as in CI
    const dir = mkdtempSync(join(tmpdir(), 'cbm-openapi-'));
    try {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist/openapi.json'), JSON.stringify(doc));
      let out: string;
      try {
        out = execFileSync(
          process.execPath,
          [require.resolve('@redocly/cli/bin/cli.js'), 'lint', 'dist/openapi.json', '--format=json'],
          {
            cwd: dir,
            env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        ).toString();
      } catch (err) {
        out = String((err as { stdout?: Buffer }).stdout ?? '');
      }
      const report = JSON.parse(out.slice(out.indexOf('{'))) as {
        problems: { ruleId: string; severity: string; message: string; ignored?: boolean }[];
      };
      const errors = report.problems.filter((p) => p.severity === 'error' && !p.ignored);
      expect(errors.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
