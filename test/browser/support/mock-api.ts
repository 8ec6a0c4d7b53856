/**
 * A small in-memory stand-in for the API, for developing and testing the web app while
 * routes are missing from the real one. Same paths and shapes as /work/shared/API.md.
 * Browser tests use it only with CBM_BROWSER_API=mock; by default they start the real API.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

export const MOCK_PASSWORD = 'demo-password-2026';

type Json = Record<string, unknown>;
interface User { id: string; email: string; name: string; role: string; countryCode?: string; organisationId?: string; failed: number }

const root = join(__dirname, '..', '..', '..');
const gcm = JSON.parse(readFileSync(join(root, 'libs/reference/src/data/gcm.json'), 'utf8')) as {
  objectives: { number: number; title: string; actions: { code: string; text: string }[] }[];
  guidingPrinciples?: { code: string; name?: string; title?: string }[];
};

const TRANSITIONS: Record<string, { from: string[]; to: string; role: string[] }> = {
  submit: { from: ['draft'], to: 'submitted', role: ['focal_point'] },
  start_triage: { from: ['submitted'], to: 'in_triage', role: ['hub_officer'] },
  request_info: { from: ['in_triage'], to: 'info_requested', role: ['hub_officer'] },
  provide_info: { from: ['info_requested'], to: 'in_triage', role: ['focal_point'] },
  start_assessment: { from: ['in_triage'], to: 'in_assessment', role: ['hub_officer'] },
  decline: { from: ['in_triage', 'in_assessment'], to: 'declined', role: ['hub_officer'] },
  approve: { from: ['in_assessment'], to: 'matching', role: ['hub_officer'] },
  withdraw: { from: ['draft', 'submitted', 'in_triage', 'info_requested', 'in_assessment', 'matching', 'setup'], to: 'withdrawn', role: ['focal_point'] },
};

export interface MockApi { url: string; close(): Promise<void> }

export async function startMockApi(webDist = join(root, 'apps/web/dist')): Promise<MockApi> {
  const orgs = [
    { id: randomUUID(), name: 'International Organization for Migration', acronym: 'IOM', type: 'un_entity' },
    { id: randomUUID(), name: 'International Labour Organization', acronym: 'ILO', type: 'un_entity' },
    { id: randomUUID(), name: 'Government of Sweden', acronym: 'SWE', type: 'member_state' },
  ];
  const users: User[] = [
    ['admin@cbm.example.org', 'Ada Admin', 'admin'],
    ['hub.officer@cbm.example.org', 'Hamid Hub', 'hub_officer'],
    ['focal.kenya@cbm.example.org', 'Wanjiru Kamau', 'focal_point', 'KEN'],
    ['partner.iom@cbm.example.org', 'Ines IOM', 'partner_officer', undefined, orgs[0].id],
    ['fund.manager@cbm.example.org', 'Fatima Fund', 'fund_manager'],
    ['steering1@cbm.example.org', 'Sven Steering', 'steering_committee'],
    ['donor.sweden@cbm.example.org', 'Dag Donor', 'donor', undefined, orgs[2].id],
  ].map(([email, name, role, countryCode, organisationId]) => ({ id: randomUUID(), email: email!, name: name!, role: role!, countryCode, organisationId, failed: 0 }));
  const access = new Map<string, string>();
  const refresh = new Map<string, string>();
  const requests: Json[] = [];
  const timeline: Json[] = [];
  const notifications: Json[] = [];
  const knowledge = [
    { id: randomUUID(), kind: 'practice', title: 'Labour migration data dashboard in Kenya', summary: 'A national dashboard joining labour and migration statistics.', objectives: [1, 6], countries: ['KEN'], year: 2025 },
    { id: randomUUID(), kind: 'evidence', title: 'Fair recruitment: evidence from Asia corridors', summary: 'What works to cut recruitment fees paid by migrant workers.', objectives: [6], countries: ['PHL'], year: 2024 },
    { id: randomUUID(), kind: 'tool', title: 'Migration data collection toolkit', summary: 'Survey modules for migration data in national censuses.', objectives: [1], countries: ['MEX'], year: 2023 },
  ];

  const issue = (u: User) => {
    const a = randomUUID();
    const r = randomUUID();
    access.set(a, u.id);
    refresh.set(r, u.id);
    return { accessToken: a, refreshToken: r, expiresIn: 900 };
  };
  const me = (req: IncomingMessage) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const id = token ? access.get(token) : undefined;
    return users.find((u) => u.id === id);
  };
  const allowed = (r: Json, u: User) =>
    Object.entries(TRANSITIONS)
      .filter(([, t]) => t.from.includes(r.status as string) && t.role.includes(u.role))
      .map(([a]) => a);
  const view = (r: Json, u: User) => ({ ...r, allowedActions: allowed(r, u) });
  const scoped = (u: User) => (r: Json) => (u.role === 'focal_point' ? r.countryCode === u.countryCode : u.role === 'hub_officer' || u.role === 'admin');

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      try {
        handle(req, res, raw ? (JSON.parse(raw) as Json) : {});
      } catch (err) {
        send(res, 500, { status: 500, title: 'Internal Server Error', detail: String(err) });
      }
    });
  });

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const problem = (res: ServerResponse, status: number, code: string, detail: string) => send(res, status, { type: 'about:blank', title: code, status, code, detail });

  function handle(req: IncomingMessage, res: ServerResponse, body: Json) {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    const m = req.method ?? 'GET';
    const q = url.searchParams;
    if (!p.startsWith('/api/') && !p.startsWith('/health')) return serveStatic(p, res);
    const route = p.replace(/^\/api\/v1/, '');
    const u = me(req);
    const need = () => {
      if (!u) problem(res, 401, 'AUTH_REQUIRED', 'sign in first');
      return u;
    };
    let match: RegExpExecArray | null;

    if (route === '/health/live' || p === '/health/live') return send(res, 200, { status: 'ok' });
    if (m === 'POST' && route === '/auth/login') {
      const user = users.find((x) => x.email === body.email);
      if (user && user.failed >= 5) return problem(res, 429, 'AUTH_LOCKED', 'too many failed sign-ins; try again in 15 minutes');
      if (!user || body.password !== MOCK_PASSWORD) {
        if (user) user.failed++;
        return problem(res, 401, 'AUTH_INVALID_CREDENTIALS', 'email or password is wrong');
      }
      user.failed = 0;
      return send(res, 200, issue(user));
    }
    if (m === 'POST' && route === '/auth/refresh') {
      const id = refresh.get(body.refreshToken as string);
      if (!id) return problem(res, 401, 'AUTH_REFRESH_INVALID', 'refresh token not valid');
      refresh.delete(body.refreshToken as string);
      return send(res, 200, issue(users.find((x) => x.id === id)!));
    }
    if (m === 'POST' && route === '/auth/logout') {
      refresh.delete(body.refreshToken as string);
      return send(res, 200, {});
    }
    if (route === '/auth/me') {
      const x = need();
      if (!x) return;
      return send(res, 200, { id: x.id, email: x.email, name: x.name, role: x.role, countryCode: x.countryCode ?? null, organisationId: x.organisationId ?? null });
    }
    if (route === '/reference/objectives') return send(res, 200, gcm.objectives.map((o) => ({ ...o, actions: o.actions.map((a) => ({ code: `${o.number}.${a.code}`, letter: a.code, text: a.text })) })));
    if (route === '/reference/principles') return send(res, 200, (gcm.guidingPrinciples ?? []).map((x) => ({ code: x.code, name: x.name ?? x.title ?? x.code })));
    if (route === '/reference/countries') return send(res, 200, [{ code: 'KEN', name: 'Kenya' }, { code: 'MEX', name: 'Mexico' }, { code: 'PHL', name: 'Philippines' }]);
    if (route === '/reference/currencies') return send(res, 200, [{ code: 'USD', minorUnits: 2 }, { code: 'EUR', minorUnits: 2 }, { code: 'KES', minorUnits: 2 }]);
    if (route === '/reference/assessment-criteria') return send(res, 200, [{ code: 'alignment', label: 'Alignment with the GCM', weight: 50 }, { code: 'feasibility', label: 'Feasibility', weight: 50 }]);
    if (route === '/organisations') return send(res, 200, { items: orgs, nextCursor: null });
    if (route === '/open/knowledge') {
      const words = (q.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const hits = knowledge.filter((k) => words.every((w) => `${k.title} ${k.summary}`.toLowerCase().includes(w)) && (!q.get('kind') || k.kind === q.get('kind')));
      const facet = (key: 'kind' | 'year') => Object.entries(hits.reduce<Record<string, number>>((a, k) => ({ ...a, [String(k[key])]: (a[String(k[key])] ?? 0) + 1 }), {})).map(([value, count]) => ({ value, count }));
      const mark = (s: string) => words.reduce((acc, w) => acc.replace(new RegExp(`(${w})`, 'ig'), '<b>$1</b>'), s);
      return send(res, 200, { items: hits.map((k) => ({ ...k, snippet: mark(k.summary) })), nextCursor: null, total: hits.length, facets: { kind: facet('kind'), year: facet('year') } });
    }
    if ((match = /^\/open\/knowledge\/([\w-]+)$/.exec(route))) {
      const k = knowledge.find((x) => x.id === match![1]);
      return k ? send(res, 200, { ...k, body: `${k.summary}\n\nMore detail.`, licence: 'CC BY 4.0' }) : problem(res, 404, 'KNOWLEDGE_NOT_FOUND', 'no such published item');
    }
    if (route === '/fund/summary') {
      const usd = (amount: string) => ({ amount, currency: 'USD' });
      return send(res, 200, {
        deposits: usd('150000000'), allocations: usd('90000000'), transfers: usd('60000000'), expenditure: usd('30000000'), deliveryRate: 0.5,
        byDonor: [{ name: 'Sweden', deposits: usd('100000000') }, { name: 'Germany', deposits: usd('50000000') }],
        byOrganisation: [{ name: 'IOM', transfers: usd('40000000') }, { name: 'ILO', transfers: usd('20000000') }],
        byCountry: [{ code: 'KEN', name: 'Kenya', allocations: usd('60000000') }],
        byObjective: [{ objective: 1, requests: 3, pipeline: 2, allocations: usd('50000000'), practices: 4 }],
      });
    }
    if (route === '/notifications') {
      const x = need();
      if (!x) return;
      return send(res, 200, { items: notifications.filter((n) => n.userId === x.id), nextCursor: null });
    }
    if (route === '/requests' && m === 'POST') {
      const x = need();
      if (!x) return;
      if (!body.title || !Array.isArray(body.objectives) || body.objectives.length === 0) return send(res, 400, { status: 400, code: 'VALIDATION_FAILED', detail: 'title and objectives are required', fields: [] });
      const now = new Date().toISOString();
      const r: Json = { id: randomUUID(), reference: null, countryCode: x.countryCode, status: 'draft', version: 1, createdAt: now, updatedAt: now, ...body };
      requests.push(r);
      timeline.push({ id: randomUUID(), requestId: r.id, at: now, kind: 'created', actorRole: x.role, internal: false });
      return send(res, 201, view(r, x));
    }
    if (route === '/requests') {
      const x = need();
      if (!x) return;
      const statuses = q.get('status')?.split(',');
      const items = requests.filter(scoped(x)).filter((r) => !statuses || statuses.includes(r.status as string)).map((r) => view(r, x));
      return send(res, 200, { items: items.reverse(), nextCursor: null });
    }
    if ((match = /^\/requests\/([\w-]+)$/.exec(route))) {
      const x = need();
      if (!x) return;
      const r = requests.filter(scoped(x)).find((y) => y.id === match![1]);
      if (!r) return problem(res, 404, 'REQUEST_NOT_FOUND', 'no such request');
      if (m === 'PATCH') Object.assign(r, body, { version: (r.version as number) + 1, updatedAt: new Date().toISOString() });
      return send(res, 200, view(r, x));
    }
    if ((match = /^\/requests\/([\w-]+)\/actions\/(\w+)$/.exec(route))) {
      const x = need();
      if (!x) return;
      const r = requests.filter(scoped(x)).find((y) => y.id === match![1]);
      if (!r) return problem(res, 404, 'REQUEST_NOT_FOUND', 'no such request');
      const t = TRANSITIONS[match[2]];
      if (!t || !allowed(r, x).includes(match[2])) return send(res, 409, { status: 409, code: 'REQUEST_INVALID_TRANSITION', detail: `cannot ${match[2]} a request that is ${String(r.status)}`, allowedActions: allowed(r, x) });
      const from = r.status;
      const now = new Date().toISOString();
      if (match[2] === 'submit') r.reference = `CBM-2026-${String(r.countryCode)}-${String(requests.indexOf(r) + 1).padStart(4, '0')}`;
      if (match[2] === 'start_triage') r.assigneeId = body.assigneeId ?? x.id;
      Object.assign(r, { status: t.to, version: (r.version as number) + 1, updatedAt: now });
      timeline.push({ id: randomUUID(), requestId: r.id, at: now, kind: 'transition', action: match[2], fromStatus: from, toStatus: t.to, actorRole: x.role, body: body.question ?? body.answer ?? body.reason ?? null, internal: false });
      return send(res, 200, view(r, x));
    }
    if ((match = /^\/requests\/([\w-]+)\/timeline$/.exec(route))) {
      const x = need();
      if (!x) return;
      return send(res, 200, { items: timeline.filter((e) => e.requestId === match![1] && (!e.internal || x.role !== 'focal_point')), nextCursor: null });
    }
    if ((match = /^\/requests\/([\w-]+)\/comments$/.exec(route))) {
      const x = need();
      if (!x) return;
      const e = { id: randomUUID(), requestId: match[1], at: new Date().toISOString(), kind: body.internal ? 'note' : 'comment', body: body.body, internal: !!body.internal, actorRole: x.role };
      timeline.push(e);
      return send(res, 201, e);
    }
    if ((match = /^\/requests\/([\w-]+)\/similar$/.exec(route))) return send(res, 200, { items: [{ kind: 'knowledge', id: knowledge[0].id, title: knowledge[0].title, reasons: ['shared objective 1'] }] });
    if (route === '/invitations') return send(res, 200, { items: [], nextCursor: null });
    return problem(res, 404, 'ROUTE_NOT_FOUND', `no route for ${m} ${p}`);
  }

  const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html', '.json': 'application/json' };
  function serveStatic(p: string, res: ServerResponse) {
    const file = normalize(join(webDist, p));
    if (file.startsWith(webDist) && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
      return;
    }
    if (/\.[a-z0-9]{1,8}$/i.test(p)) return problem(res, 404, 'NOT_FOUND', 'no such file');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(webDist, 'index.html')));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
