/*
 * Hostile input, generated from the OpenAPI document of the composed app: every operation
 * (routes added later are picked up automatically) gets requests built from its schemas and
 * then mutated. "Definite" cases carry at least one mutation that makes them invalid by
 * construction: each must answer 4xx problem+json and leave every table unchanged. "Probe"
 * cases are nasty but may be legitimate (SQL/HTML/RTL text, numbers past 2^53, huge strings):
 * they must never answer 5xx, and a refusal must change nothing.
 *
 * Runs per operation: HOSTILE_RUNS (24 by default; 250 for a deep run). HOSTILE_SEED replays a run.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Database } from '@cbm/core';
import { bearer, startTestSystem, TestSystem, TestUser } from '../support/test-system';
import { Operation, readOperations } from './openapi-operations';
import { AuthMode, casesFor, HttpCase, Mutation, Role, ROLES } from './hostile-cases';
import { TableChecksum } from './table-checksum';

// the full depth is on demand (HOSTILE_RUNS=250): a newcomer's `npm test` stays short too
const RUNS = Number(process.env.HOSTILE_RUNS ?? 24);
const PROBE_RUNS = Math.max(4, Math.round(RUNS / 3));
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);

interface Stats {
  inputs: number;
  fiveXx: number;
  rowsChanged: number;
  notProblem: number;
  acceptedInvalid: number;
  acceptedProbes: number;
  statuses: Record<number, number>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function jwt(header: object, claims: object, secret: string | null): string {
  const head = `${b64(header)}.${b64(claims)}`;
  return `${head}.${secret === null ? '' : createHmac('sha256', secret).update(head).digest('base64url')}`;
}

describe('hostile input generated from OpenAPI', () => {
  let sys: TestSystem;
  let ops: Operation[];
  let checksum: TableChecksum;
  let baseline: Record<string, string>;
  const users = {} as Record<Role, TestUser>;
  const ids: Record<string, string> = {};
  let refreshToken = '';
  const totals: Stats = {
    inputs: 0,
    fiveXx: 0,
    rowsChanged: 0,
    notProblem: 0,
    acceptedInvalid: 0,
    acceptedProbes: 0,
    statuses: {},
  };
  const perOp = new Map<string, Stats>();
  const started = Date.now();

  beforeAll(async () => {
    sys = await startTestSystem();
    const doc = await sys.http().get('/api/docs-json');
    ops = readOperations(doc.body);
    for (const role of ROLES)
      users[role] = await sys.user(role, role === 'partner_officer' || role === 'donor' ? { organisation: 'IOM' } : {});
    refreshToken = (await sys.login(users.admin.email)).refreshToken;

    // real objects so path ids reach the services: a draft request, a user nobody signs in as, IOM
    const created = await sys
      .http()
      .post('/api/v1/requests')
      .set(bearer(users.focal_point))
      .send({ title: 'Hostile-input target', objectives: [1], supportTypes: ['technical_assistance'] });
    expect(created.status).toBe(201);
    const victim = await sys.http().post('/api/v1/users').set(bearer(users.admin)).send({
      email: 'victim@test.example.org',
      name: 'Victim',
      password: 'victim-password-2026',
      role: 'steering_committee',
    });
    expect(victim.status).toBe(201);
    ids['/api/v1/requests'] = created.body.id;
    ids['/api/v1/users'] = victim.body.id;
    // a document on it, for the routes on one document (there is no list of every document)
    const attached = await sys
      .http()
      .post(`/api/v1/requests/${created.body.id}/documents`)
      .set(bearer(users.focal_point))
      .attach('file', Buffer.from('%PDF-1.7\n%%EOF\n'), 'target.pdf');
    expect(attached.status).toBe(201);
    ids['/api/v1/documents'] = attached.body.id;
    ids.organisationId = await sys.organisationId('IOM');
    ids.assigneeId = users.hub_officer.id;
    // any other collection: the first item an admin (or a focal point) can list; new contexts need nothing here
    const harness = new Set(Object.values(users).map((u) => u.id));
    for (const op of ops) {
      const m = /^(.*)\/\{id\}/.exec(op.path);
      if (!m || ids[m[1]]) continue;
      for (const u of [users.admin, users.focal_point, users.hub_officer]) {
        const list = await sys.http().get(m[1]).set(bearer(u));
        const items: { id?: string }[] = Array.isArray(list.body) ? list.body : (list.body?.items ?? []);
        const found = items.find((i) => i.id && !harness.has(i.id));
        if (found?.id) {
          ids[m[1]] = found.id;
          break;
        }
      }
    }
    checksum = new TableChecksum(sys.app.get(Database).dataSource);
    await checksum.init();
    baseline = await checksum.take();
  }, 120_000);

  afterAll(async () => {
    if (ops) {
      const lines = [...perOp.entries()].map(
        ([k, s]) =>
          `${k.padEnd(58)} ${String(s.inputs).padStart(5)}  ${Object.entries(s.statuses)
            .map(([c, n]) => `${c}×${n}`)
            .join(' ')}`,
      );
      process.stdout.write(
        [
          `\nhostile input (seed ${SEED}, ${RUNS} definite + ${PROBE_RUNS} probe runs per operation, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
          ...lines,
          `operations covered: ${perOp.size}/${ops.length}; inputs tried: ${totals.inputs}; 5xx seen: ${totals.fiveXx}; rows changed by refused requests: ${totals.rowsChanged}; ` +
            `non-problem errors: ${totals.notProblem}; invalid inputs accepted: ${totals.acceptedInvalid}; probes accepted (2xx, allowed): ${totals.acceptedProbes}\n`,
        ].join('\n'),
      );
    }
    await sys?.close();
  });

  function authHeader(c: HttpCase): string | undefined {
    const user = users[c.role];
    const secret = sys.config.jwtSecret;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: user.id,
      role: user.role,
      email: user.email,
      cty: user.countryCode ?? null,
      org: user.organisationId ?? null,
    };
    switch (c.auth as AuthMode | undefined) {
      case undefined:
        return `Bearer ${user.token}`;
      case 'none':
        return undefined;
      case 'garbage':
        return 'Bearer abc.def.ghi';
      case 'forged':
        return `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, role: 'admin', iat: now, exp: now + 600 }, 'not-the-server-secret-0123456789')}`;
      case 'expired':
        return `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 7200, exp: now - 3600 }, secret)}`;
      case 'alg-none':
        return `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, { ...claims, role: 'admin', iat: now, exp: now + 600 }, null)}`;
      case 'unknown-role':
        return `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, role: 'superuser', iat: now, exp: now + 600 }, secret)}`;
      case 'tampered': {
        const [h, , s] = user.token.split('.');
        return `Bearer ${h}.${b64({ ...claims, role: 'admin', iat: now, exp: now + 600 })}.${s}`;
      }
      case 'refresh-as-access':
        return `Bearer ${refreshToken}`;
      case 'basic':
        return `Basic ${Buffer.from(`${users.admin.email}:test-password-2026`).toString('base64')}`;
      case 'empty-bearer':
        return 'Bearer ';
    }
  }

  function urlOf(op: Operation, c: HttpCase): string {
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => c.path[name] ?? 'missing');
    return c.query.length ? `${path}?${c.query.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
  }

  const describeCase = (op: Operation, c: HttpCase, status: number, body: unknown) =>
    `${op.method.toUpperCase()} ${urlOf(op, c).slice(0, 300)} as ${c.role}${c.auth ? ` (${c.auth} token)` : ''} → ${status}\n  mutations: ${c.mutations.map(label).join('; ')}\n  answer: ${JSON.stringify(body)?.slice(0, 400)}`;

  async function send(op: Operation, c: HttpCase) {
    let req = sys.http()[op.method](urlOf(op, c));
    const auth = authHeader(c);
    if (auth) req = req.set('Authorization', auth);
    for (const [k, v] of Object.entries(c.headers)) req = req.set(k, v);
    if (c.body && 'raw' in c.body) return req.set('content-type', c.body.contentType).send(c.body.raw);
    if (c.body) return req.set('content-type', 'application/json').send(JSON.stringify(c.body.json));
    return req;
  }

  async function runOperation(op: Operation, mode: 'definite' | 'probe', numRuns: number): Promise<string | undefined> {
    const arb = casesFor(
      op,
      {
        idFor: (o, name) => ids[name] ?? (name === 'id' ? ids[o.path.replace(/\/\{id\}.*$/, '')] : undefined),
        bodyLimitBytes: sys.config.bodyLimitBytes,
      },
      mode,
    );
    if (!arb) return undefined;
    const stats = perOp.get(op.key) ?? {
      inputs: 0,
      fiveXx: 0,
      rowsChanged: 0,
      notProblem: 0,
      acceptedInvalid: 0,
      acceptedProbes: 0,
      statuses: {},
    };
    perOp.set(op.key, stats);
    let counting = true; // after the first failure fast-check only replays shrunk cases
    const count = (k: keyof Omit<Stats, 'statuses'>) => {
      if (!counting) return;
      stats[k]++;
      totals[k]++;
    };
    const result = await fc.check(
      fc.asyncProperty(arb, async (c) => {
        const res = await send(op, c);
        const after = await checksum.take();
        const changed = TableChecksum.changed(baseline, after);
        baseline = after;
        count('inputs');
        if (counting) {
          stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
          totals.statuses[res.status] = (totals.statuses[res.status] ?? 0) + 1;
        }
        const problems: string[] = [];
        if (res.status >= 500) {
          count('fiveXx');
          problems.push('answered 5xx');
        }
        if (res.status >= 400) {
          const isProblem =
            String(res.headers['content-type'] ?? '').startsWith('application/problem+json') &&
            res.body?.status === res.status &&
            typeof res.body?.code === 'string';
          if (!isProblem) {
            count('notProblem');
            problems.push('error is not problem+json with a matching status');
          }
          if (changed.length) {
            count('rowsChanged');
            problems.push(`a refused request changed rows in ${changed.join(', ')}`);
          }
        } else if (c.definite) {
          count('acceptedInvalid');
          problems.push('an invalid request was accepted');
        } else {
          count('acceptedProbes');
        }
        if (problems.length) {
          counting = false;
          throw new Error(`${problems.join('; ')}\n  ${describeCase(op, c, res.status, res.body)}`);
        }
      }),
      { numRuns, seed: SEED + hash(op.key + mode), endOnFailure: process.env.HOSTILE_SHRINK !== '1' },
    );
    if (!result.failed) return undefined;
    return `${op.key} [${mode}] (seed ${result.seed}, path ${result.counterexamplePath}):\n  ${String((result.errorInstance as Error)?.message ?? result.errorInstance)}`;
  }

  it('every operation in OpenAPI declares its access rule (x-access)', () => {
    const undeclared = ops.filter((op) => !op.access).map((op) => op.key);
    expect(ops.length).toBeGreaterThan(25);
    expect(undeclared).toEqual([]);
  });

  it(
    'refuses invalid input on every operation with 4xx problem+json and changes no row',
    async () => {
      const failures: string[] = [];
      for (const op of ops) {
        const f = await runOperation(op, 'definite', RUNS);
        if (f) failures.push(f);
      }
      expect(perOp.size).toBe(ops.length);
      expect(failures).toEqual([]);
    },
    60 * 60_000,
  );

  it(
    'never answers 5xx to hostile but possibly legitimate input; refusals change no row',
    async () => {
      const failures: string[] = [];
      for (const op of ops) {
        const f = await runOperation(op, 'probe', PROBE_RUNS);
        if (f) failures.push(f);
      }
      expect(failures).toEqual([]);
    },
    60 * 60_000,
  );
});

function label(m: Mutation): string {
  const short = (v: unknown) => {
    const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
    return s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s;
  };
  switch (m.t) {
    case 'auth':
      return `token: ${m.mode}`;
    case 'wrong-role':
      return `role ${m.role} not allowed`;
    case 'body-set':
      return `${m.why}: ${m.path.join('.')} = ${short(m.value)}`;
    case 'body-delete':
      return `missing ${m.path.join('.')}`;
    case 'body-unknown':
      return `unknown field ${short(m.key)}`;
    case 'body-raw':
      return `body ${m.why} (${m.contentType})`;
    case 'path':
      return `path ${m.name} = ${short(m.raw)}`;
    case 'query':
      return `${m.why}: ?${m.name}=${short(m.raw)}`;
    case 'header':
      return `header ${m.name}: ${short(m.value)}`;
  }
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}
