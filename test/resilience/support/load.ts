/* A steady load of real work: focal points file requests, submit them (a transition that
   writes timeline, audit, notifications and an outbox row) and read them back. Every
   answer is recorded, with the time it took and whether the connection had been accepted. */
import { Agent, request as httpRequest } from 'node:http';
import { ADMIN } from './processes';

export interface Outcome {
  op: 'create' | 'submit' | 'read' | 'list';
  status?: number;
  contentType?: string;
  /** a network error: ECONNREFUSED, ECONNRESET, socket hang up, ... */
  error?: string;
  /** the TCP connection had been established when the request failed */
  connected: boolean;
  ms: number;
  at: number;
  /** what the request was about: the title of a create, the request id of a submit or read */
  ref?: string;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

export class HttpClient {
  readonly agent: Agent;
  constructor(
    readonly baseUrl: string,
    keepAlive = true,
  ) {
    this.agent = new Agent({ keepAlive, maxSockets: 64 });
  }

  /** Rejects with the network error (its `connected` says whether the socket was open). */
  send(method: string, path: string, body?: unknown, token?: string, timeoutMs = 30_000): Promise<HttpAnswer> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      let connected = false;
      const req = httpRequest(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => reject(Object.assign(err, { connected: true })));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              /* not JSON */
            }
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: parsed,
            });
          });
        },
      );
      req.on('socket', (socket) => {
        // a reused keep-alive socket is connected already
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      req.setTimeout(timeoutMs, () =>
        req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })),
      );
      req.on('error', (err: NodeJS.ErrnoException) => reject(Object.assign(err, { connected })));
      if (payload) req.write(payload);
      req.end();
    });
  }

  close() {
    this.agent.destroy();
  }
}

export interface Actors {
  admin: string;
  focalPoints: string[];
  hubOfficerIds: string[];
}

export const DRAFT = {
  title: 'Labour migration data for county planning',
  summary: 'County planners lack data on out-migration.',
  expectedResults: 'A survey module and trained staff.',
  objectives: [1, 6],
  actions: ['1.c'],
  principles: ['people_centred'],
  supportTypes: ['data_and_research'],
  estimatedBudget: { amount: '2500000', currency: 'USD' },
};

async function login(http: HttpClient, email: string, password: string): Promise<string> {
  const res = await http.send('POST', '/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}

/** The first admin (from ADMIN_EMAIL), hub officers who receive the notifications, focal points who file. */
export async function createActors(http: HttpClient, o: { focalPoints: number; hubOfficers: number }): Promise<Actors> {
  const admin = await login(http, ADMIN.email, ADMIN.password);
  const password = 'resilience-user-password';
  const make = async (role: string, i: number, countryCode?: string) => {
    const email = `${role}.${i}@resilience.example.org`;
    const res = await http.send(
      'POST',
      '/api/v1/users',
      { email, name: `${role} ${i}`, password, role, ...(countryCode ? { countryCode } : {}) },
      admin,
    );
    if (res.status !== 201) throw new Error(`create ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: (res.body as { id: string }).id, token: await login(http, email, password) };
  };
  const countries = ['KEN', 'MEX', 'PHL', 'SEN', 'ECU', 'JOR'];
  const hubOfficerIds: string[] = [];
  for (let i = 0; i < o.hubOfficers; i++) hubOfficerIds.push((await make('hub_officer', i)).id);
  const focalPoints: string[] = [];
  for (let i = 0; i < o.focalPoints; i++)
    focalPoints.push((await make('focal_point', i, countries[i % countries.length])).token);
  return { admin, focalPoints, hubOfficerIds };
}

export interface LoadResult {
  outcomes: Outcome[];
  /** ids answered 201 to POST /requests */
  created: string[];
  /** ids answered 200 to POST /requests/{id}/actions/submit */
  submitted: string[];
}

/**
 * `concurrency` loops, each: create a draft, submit it, read it, list; a failure ends the
 * iteration (after a short pause, so a dead dependency is not hammered in a tight loop).
 */
export class SteadyLoad {
  readonly result: LoadResult = { outcomes: [], created: [], submitted: [] };
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly http: HttpClient,
    private readonly tokens: string[],
    private readonly concurrency: number,
    private readonly pauseMs = 20,
  ) {}

  start(): this {
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop(this.tokens[i % this.tokens.length]));
    return this;
  }

  /**
   * Lets the load run at least `minMs`, and longer until `enough()` holds (a slow, shared CI
   * machine gets the same amount of work done, not the same wall-clock time).
   */
  async runFor(minMs: number, enough: () => boolean, maxMs = 90_000): Promise<void> {
    const started = Date.now();
    await new Promise((r) => setTimeout(r, minMs));
    while (!enough()) {
      if (Date.now() - started > maxMs)
        throw new Error(
          `the load did not reach its goal in ${maxMs} ms: ${JSON.stringify(summarise(this.result.outcomes).byStatus)}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<LoadResult> {
    this.stopped = true;
    await Promise.all(this.loops);
    return this.result;
  }

  private async call(
    op: Outcome['op'],
    method: string,
    path: string,
    token: string,
    body?: unknown,
    ref?: string,
  ): Promise<HttpAnswer | undefined> {
    const t0 = Date.now();
    try {
      const res = await this.http.send(method, path, body, token);
      this.result.outcomes.push({
        op,
        status: res.status,
        contentType: res.contentType,
        connected: true,
        ms: Date.now() - t0,
        at: t0,
        ref,
      });
      return res;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { connected?: boolean };
      this.result.outcomes.push({
        op,
        error: e.code ?? e.message,
        connected: !!e.connected,
        ms: Date.now() - t0,
        at: t0,
        ref,
      });
      return undefined;
    }
  }

  private async loop(token: string): Promise<void> {
    let n = 0;
    while (!this.stopped) {
      n++;
      const ok = await this.iteration(token, n);
      await new Promise((r) => setTimeout(r, ok ? this.pauseMs : 200));
    }
  }

  private async iteration(token: string, n: number): Promise<boolean> {
    const title = `${DRAFT.title} ${this.tokens.indexOf(token)}.${n}.${Math.random().toString(36).slice(2, 8)}`;
    const created = await this.call('create', 'POST', '/api/v1/requests', token, { ...DRAFT, title }, title);
    if (created?.status !== 201) return false;
    const id = (created.body as { id: string }).id;
    this.result.created.push(id);
    const submitted = await this.call('submit', 'POST', `/api/v1/requests/${id}/actions/submit`, token, {}, id);
    if (submitted?.status !== 200) return false;
    this.result.submitted.push(id);
    const read = await this.call('read', 'GET', `/api/v1/requests/${id}`, token, undefined, id);
    if (read?.status !== 200) return false;
    const list = await this.call('list', 'GET', '/api/v1/requests?limit=20', token);
    return list?.status === 200;
  }
}

export function summarise(outcomes: Outcome[]) {
  const byStatus: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status !== undefined ? String(o.status) : `net:${o.error}${o.connected ? '(connected)' : ''}`;
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  const fiveHundreds = outcomes.filter((o) => o.status !== undefined && o.status >= 500);
  return {
    total: outcomes.length,
    byStatus,
    fiveXx: fiveHundreds.length,
    non503: fiveHundreds.filter((o) => o.status !== 503).length,
    maxMs: Math.max(0, ...outcomes.map((o) => o.ms)),
  };
}
