import { createActors, HttpClient, LoadResult, SteadyLoad, summarise } from './support/load';
import { Api, errorLines, OwnPostgres, SHORT, sleep, startApi, startPostgres, waitFor } from './support/processes';

const DOWN_MS = SHORT ? 5_000 : 10_000;
const STEADY_MS = SHORT ? 2_000 : 5_000;

/** Issue 7 §3: PostgreSQL stopped under load and started again, the API left running. */
describe('PostgreSQL outage under load', () => {
  let pg: OwnPostgres;
  let api: Api;
  let http: HttpClient;
  let result: LoadResult;
  const down = { from: 0, to: 0 };
  let recoveredAfterMs = 0;

  beforeAll(async () => {
    pg = await startPostgres();
    // no Redis: the API runs its outbox jobs in-process. A job whose failure could not be
    // recorded (the database was gone) is claimed again after OUTBOX_REDISPATCH_SECONDS
    // (default 120 s, shortened here)
    api = await startApi({ databaseUrl: pg.url, env: { OUTBOX_REDISPATCH_SECONDS: '4' } });
    http = new HttpClient(api.url);
    const actors = await createActors(http, { focalPoints: 4, hubOfficers: 1 });

    const load = new SteadyLoad(http, actors.focalPoints, 6).start();
    await load.runFor(STEADY_MS, () => load.result.submitted.length >= 10);
    await pg.stop();
    // from the moment pg_ctl says stopped until the moment it is asked to start again
    down.from = Date.now();
    await sleep(DOWN_MS);
    down.to = Date.now();
    await pg.start();
    // recovery: the next acknowledged write, with no restart of the API
    const before = load.result.created.length;
    await waitFor(
      'a write acknowledged after the restart',
      async () => load.result.created.length > before,
      30_000,
      100,
    );
    recoveredAfterMs = Date.now() - down.to;
    const afterRestart = load.result.submitted.length;
    await load.runFor(STEADY_MS, () => load.result.submitted.length >= afterRestart + 10);
    result = await load.stop();
  }, 120_000);

  afterAll(async () => {
    http?.close();
    api?.kill('SIGKILL');
    await pg?.destroy();
  });

  it('answers only 503 problem+json while the database is down, never 500, never hangs', () => {
    const s = summarise(result.outcomes);
    if (s.non503) process.stdout.write(`errors logged by the API:\n${errorLines(api.output())}\n`);
    const during = result.outcomes.filter((o) => o.at >= down.from && o.at + o.ms <= down.to);
    process.stdout.write(
      `postgres outage: ${s.total} requests ${JSON.stringify(s.byStatus)}; ${during.length} while down; acknowledged writes: ${result.created.length} created, ${result.submitted.length} submitted; recovered ${recoveredAfterMs} ms after the restart; slowest answer ${s.maxMs} ms\n`,
    );
    expect(during.length).toBeGreaterThan(10);
    for (const o of during)
      expect({ status: o.status, contentType: o.contentType }).toEqual({
        status: 503,
        contentType: expect.stringMatching(/^application\/problem\+json/),
      });
    expect(s.non503).toBe(0);
    expect(result.outcomes.filter((o) => o.error)).toEqual([]);
    expect(s.maxMs).toBeLessThan(8_000);
    expect(api.proc.exitCode).toBeNull();
  });

  it('recovers without a restart of the API', async () => {
    expect(recoveredAfterMs).toBeLessThan(15_000);
    const ready = await http.send('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(
      result.outcomes.filter((o) => o.at > down.to + recoveredAfterMs + 1_000 && o.status !== 201 && o.status !== 200),
    ).toEqual([]);
  });

  it('keeps every acknowledged write', async () => {
    const rows = await pg.query<{ id: string; status: string }>(
      'SELECT id, status FROM support_request WHERE id = ANY($1::uuid[])',
      [result.created],
    );
    const found = new Map(rows.map((r) => [r.id, r.status]));
    const lost = result.created.filter((id) => !found.has(id));
    const unsubmitted = result.submitted.filter((id) => found.get(id) !== 'submitted');
    process.stdout.write(
      `postgres outage: acknowledged ${result.created.length} creates and ${result.submitted.length} submissions; lost ${lost.length}, submissions lost ${unsubmitted.length}\n`,
    );
    expect(result.submitted.length).toBeGreaterThanOrEqual(20);
    expect(lost).toEqual([]);
    expect(unsubmitted).toEqual([]);
    // a submission is in the audit chain and its outbox row was delivered
    const audited = await pg.query<{ n: string }>(
      `SELECT count(DISTINCT entity_id)::text AS n FROM audit_event WHERE action LIKE 'request.submit%' AND entity_id = ANY($1::text[])`,
      [result.submitted],
    );
    expect(Number(audited[0].n)).toBe(result.submitted.length);
  });

  it('delivers every outbox job once the database is back', async () => {
    const counts = await waitFor(
      'every outbox row done',
      async () => {
        const rows = await pg.query<{ status: string; n: string }>(
          'SELECT status, count(*)::text AS n FROM outbox GROUP BY status',
        );
        const c = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
        return !c.pending && !c.failed ? c : undefined;
      },
      75_000,
      500,
    );
    expect(counts.done).toBeGreaterThanOrEqual(result.submitted.length);
  }, 90_000);
});
