import { INestApplicationContext } from '@nestjs/common';
import { Actor, AppConfig, Database, SYSTEM_ACTOR } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { hashPassword, UserRepository, UserService } from '@cbm/auth';
import { ReferenceService } from '@cbm/reference';
import { SupportRequestService, RequestAction } from '@cbm/hub';
import { OutboxRelay } from '@cbm/jobs';
import { seedOnStart } from '../seed-on-start';
import { DEMO_PASSWORD } from '../demo/demo-accounts';
import { pool, Random } from './random';

export interface VolumeReport {
  part: string;
  count: number;
  seconds: number;
}

const WORDS = ['labour', 'migration', 'return', 'reintegration', 'recruitment', 'remittances', 'data', 'border', 'trafficking', 'smuggling', 'children', 'women', 'diaspora', 'skills', 'climate', 'displacement', 'consular', 'documentation', 'integration', 'health', 'education', 'corridor', 'county', 'municipal', 'survey', 'registry', 'training', 'policy', 'bilateral', 'agreement'];
const SUPPORT = ['technical_assistance', 'policy_advice', 'capacity_building', 'data_and_research', 'seed_funding', 'peer_exchange'];

/** The walk each generated request takes; the last state is where it stays. */
const WALKS: { weight: number; steps: { as: 'focal' | 'hub'; action: RequestAction; input?: Record<string, string> }[] }[] = [
  { weight: 10, steps: [] },
  { weight: 15, steps: [{ as: 'focal', action: 'submit' }] },
  { weight: 25, steps: [{ as: 'focal', action: 'submit' }, { as: 'hub', action: 'start_triage' }] },
  { weight: 10, steps: [{ as: 'focal', action: 'submit' }, { as: 'hub', action: 'start_triage' }, { as: 'hub', action: 'request_info', input: { question: 'Which ministries co-own the project?' } }] },
  { weight: 15, steps: [{ as: 'focal', action: 'submit' }, { as: 'hub', action: 'start_triage' }, { as: 'hub', action: 'start_assessment' }] },
  { weight: 10, steps: [{ as: 'focal', action: 'submit' }, { as: 'hub', action: 'start_triage' }, { as: 'hub', action: 'decline', input: { reason: 'Outside the mechanism scope.' } }] },
  { weight: 15, steps: [{ as: 'focal', action: 'submit' }, { as: 'focal', action: 'withdraw', input: { reason: 'Funded nationally.' } }] },
];

async function timed(report: VolumeReport[], part: string, work: () => Promise<number>) {
  const t = Date.now();
  const count = await work();
  const seconds = (Date.now() - t) / 1000;
  report.push({ part, count, seconds });
  process.stdout.write(`  ${part}: ${count} in ${seconds.toFixed(1)} s (${Math.round(count / Math.max(seconds, 0.001))}/s)\n`);
}

/** `npm run seed:volume -- --scale N`: a deterministic, realistic data set, through the domain services. */
export async function seedVolume(app: INestApplicationContext, config: AppConfig, scale: number): Promise<VolumeReport[]> {
  const report: VolumeReport[] = [];
  const rnd = new Random(20261129);
  const reference = app.get(ReferenceService);
  const users = app.get(UserService);
  const userRepo = app.get(UserRepository);
  const requests = app.get(SupportRequestService);
  const db = app.get(Database);
  await seedOnStart(app, { ...config, demoData: true });

  const countries = reference.countries().map((c: { code: string }) => c.code);
  const focal: Record<string, Actor> = {};
  const hubs: Actor[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await timed(report, 'users (a focal point for every country, hub officers)', async () => {
    await pool(countries, 8, async (code) => {
      const email = `volume.focal.${code.toLowerCase()}@cbm.example.org`;
      const existing = await userRepo.findByEmail(email);
      const u = existing ?? (await users.create(SYSTEM_ACTOR, { email, name: `Focal point ${code}`, password: DEMO_PASSWORD, passwordHash, role: 'focal_point', countryCode: code }));
      focal[code] = { id: u.id, role: 'focal_point', countryCode: code };
    });
    for (let i = 1; i <= 5; i++) {
      const email = `volume.hub${i}@cbm.example.org`;
      const existing = await userRepo.findByEmail(email);
      const u = existing ?? (await users.create(SYSTEM_ACTOR, { email, name: `Hub officer ${i}`, password: DEMO_PASSWORD, passwordHash, role: 'hub_officer' }));
      hubs.push({ id: u.id, role: 'hub_officer' });
    }
    return countries.length + hubs.length;
  });

  const nRequests = Math.round(20_000 * scale);
  const totalWeight = WALKS.reduce((s, w) => s + w.weight, 0);
  await timed(report, 'support requests in every state', async () => {
    await pool(Array.from({ length: nRequests }, (_, i) => i), 8, async (i) => {
      const r = new Random(1000 + i);
      const country = r.pick(countries);
      const objectives = r.some(Array.from({ length: 23 }, (_, k) => k + 1), 1, 3).sort((a, b) => a - b);
      const words = r.some(WORDS, 3, 6);
      const created = await requests.create(focal[country], {
        title: `${words[0][0].toUpperCase()}${words[0].slice(1)} ${words.slice(1, 3).join(' ')} programme ${i}`,
        summary: `The ministry asks for support on ${words.join(', ')} in ${country}.`,
        expectedResults: `Better ${words[1]} services for ${r.int(100, 5000)} people.`,
        objectives,
        supportTypes: r.some(SUPPORT, 1, 3),
        estimatedBudget: { amount: String(r.int(50, 5000) * 100_000), currency: 'USD' },
      });
      let pickAt = r.int(1, totalWeight);
      const walk = WALKS.find((w) => (pickAt -= w.weight) <= 0)!;
      const hub = r.pick(hubs);
      for (const step of walk.steps) await requests.act(step.as === 'focal' ? focal[country] : hub, created.id, step.action, step.input ?? {});
    });
    return nRequests;
  });

  const audit = app.get(AuditService);
  const target = Math.round(1_000_000 * scale);
  await timed(report, 'audit events (the writes above, then sign-in and view events up to the target)', async () => {
    const current = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event'))[0].n);
    const missing = Math.max(0, target - current);
    const batch = 2000;
    const actors = [...Object.values(focal), ...hubs];
    for (let done = 0; done < missing; done += batch) {
      const records = Array.from({ length: Math.min(batch, missing - done) }, (_, k) => {
        const actor = actors[(done + k) % actors.length];
        return { actor, action: 'auth.login', entityType: 'user', entityId: actor.id };
      });
      await db.transaction((m) => audit.recordMany(m, records));
    }
    return target;
  });
  await timed(report, 'outbox jobs run (notifications of the writes above)', () => app.get(OutboxRelay).drain());
  void rnd;
  return report;
}
