/* What sealing costs the append path (issue 13, item 3): single-event transactions through the real
   path (`AuditService.in(t).record`, one transaction each, committed), in three kinds, alternated
   round by round on one database: no client address (nothing sealed), a client address (sealed under
   the day's key, read once a day per process), and a user event with a name and e-mail (sealed under
   the user's key, obtained in the transaction: one more round trip). Prints transactions/s and the load.
   Run: npm run -s build:server && npx swc test/bench -d dist --quiet && node dist/test/bench/audit-seal.bench.js
   Env: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_TX (2000), BENCH_ROUNDS (3). */
import { loadavg } from 'node:os';
import { AuditService } from '@cbm/audit';
import { Database, loadConfig, newId, runWithRequestContext, SYSTEM_ACTOR } from '@cbm/core';
import { startContext } from '@cbm/composition';
import { benchDatabase } from './harness';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TX = Number(process.env.BENCH_TX ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = '/cbm_bench_audit_seal';
  return u.toString();
})();

type Kind = 'plain' | 'address' | 'user';

async function main() {
  await benchDatabase(SERVER, dbUrl);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'error',
    DATABASE_URL: dbUrl,
    REDIS_URL: '',
  });
  const { ctx, close } = await startContext(config, { runWorkers: false, runRelay: false });
  const results: Record<Kind, number[]> = { plain: [], address: [], user: [] };
  try {
    const db = ctx.get(Database);
    const audit = ctx.get(AuditService);
    const users = Array.from({ length: 50 }, () => newId());
    const one = (kind: Kind, i: number) =>
      runWithRequestContext(
        { requestId: `bench-${i}`, clientAddress: kind === 'plain' ? undefined : '203.0.113.7' },
        () =>
          db.transaction(async (t) =>
            audit.in(t).record(
              kind === 'user'
                ? {
                    actor: SYSTEM_ACTOR,
                    action: 'user.updated',
                    entityType: 'user',
                    entityId: users[i % users.length],
                    before: { name: `Person ${i}`, role: 'donor' },
                    after: { name: `Person ${i} B`, email: `person.${i}@example.org`, role: 'admin' },
                  }
                : {
                    actor: SYSTEM_ACTOR,
                    action: 'request.updated',
                    entityType: 'support_request',
                    entityId: `r-${i}`,
                    before: { summary: 'before' },
                    after: { summary: 'after' },
                  },
            ),
          ),
      );
    for (let i = 0; i < 3000; i++) await one('plain', i); // warm-up (the first thousands of transactions run slower)
    for (let r = 0; r < ROUNDS; r++) {
      for (const kind of ['plain', 'address', 'user'] as Kind[]) {
        const t = performance.now();
        for (let i = 0; i < TX; i++) await one(kind, i);
        const perSecond = Math.round(TX / ((performance.now() - t) / 1000));
        results[kind].push(perSecond);
        process.stdout.write(`  round ${r + 1} ${kind}: ${perSecond} tx/s (load ${loadavg()[0].toFixed(2)})\n`);
      }
    }
    const verified = await audit.verify();
    if (!verified.ok) throw new Error(`the bench chain does not verify: ${JSON.stringify(verified.firstInvalid)}`);
  } finally {
    await close();
  }
  process.stdout.write(`${JSON.stringify({ transactionsPerRound: TX, results })}\n`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
