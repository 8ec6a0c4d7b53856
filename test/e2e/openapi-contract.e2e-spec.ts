import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, AccessRule, loadConfig } from '@cbm/core';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../apps/api/src/http-app';
import { openApiDocument } from '../../apps/api/src/openapi';
import { startTestSystem, TestSystem } from '../support/test-system';

interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  'x-access'?: AccessRule;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

/**
 * TEMPORARY: the request controller (libs/hub/src/request, rewritten on another branch) does not
 * declare its responses yet. These routes may lack a 2xx schema until it lands; nothing else may.
 */
const AWAITING_RESPONSE_SCHEMAS = new Set([
  'SupportRequestController_create',
  'SupportRequestController_list',
  'SupportRequestController_get',
  'SupportRequestController_update',
  'SupportRequestController_act',
  'SupportRequestController_timeline',
  'SupportRequestController_comment',
]);

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
    const pending: string[] = [];
    for (const { key, op } of operationsOf(doc)) {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      const typed = success.some(
        ([status, r]) => status === '204' || Object.values(r.content ?? {}).some((media) => media.schema !== undefined),
      );
      if (!typed) (AWAITING_RESPONSE_SCHEMAS.has(op.operationId) ? pending : missing).push(key);
      for (const [status, r] of Object.entries(op.responses))
        if (/^4\d\d$/.test(status) && Object.keys(r.content ?? {}).join() !== 'application/problem+json')
          missing.push(`${key}: ${status} is not problem+json`);
    }
    expect(missing).toEqual([]);
    expect(pending.length).toBeLessThanOrEqual(AWAITING_RESPONSE_SCHEMAS.size);
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
      copyFileSync(join(__dirname, '../../.redocly.lint-ignore.yaml'), join(dir, '.redocly.lint-ignore.yaml'));
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
