import { INestApplicationContext } from '@nestjs/common';
import { Actor, AppConfig, Database, SYSTEM_ACTOR } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { hashPassword, UserService } from '@cbm/auth';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import {
  AssessmentService,
  ImplementationPlanService,
  InvitationService,
  RequestAction,
  RequestReportService,
  SupportRequestService,
} from '@cbm/hub';
import { AllocationService, ContributionService, FundUnitOfWork, TransferService } from '@cbm/fund';
import { KnowledgeItemService, NewItem } from '@cbm/knowledge';
import { OutboxRelay } from '@cbm/jobs';
import { seedOnStart } from '../seed-on-start';
import { DEMO_PASSWORD } from '../demo/demo-accounts';
import { pool, Random } from './random';
import { capitalise, COMMON_WORD, DOMAIN, sentence, zipf } from './volume-text';

export interface VolumeReport {
  part: string;
  count: number;
  seconds: number;
}

const SUPPORT = [
  'technical_assistance',
  'policy_advice',
  'capacity_building',
  'data_and_research',
  'seed_funding',
  'peer_exchange',
];
const THEMES = [
  'labour_migration',
  'fair_recruitment',
  'return_reintegration',
  'migration_data',
  'border_governance',
  'counter_trafficking',
  'diaspora_engagement',
  'climate_mobility',
  'migrant_health',
  'child_protection',
  'skills_recognition',
  'remittances',
];
const ALLOCATION_MINOR = 15_000_000n; // 150,000.00 USD per seed allocation
const CONTRIBUTION_MINOR = 500_000_000n; // 5,000,000.00 USD per contribution

/** Where each generated request ends, with its share of the 20,000 (every state of the workflow). */
const ENDS: { state: string; weight: number }[] = [
  { state: 'draft', weight: 8 },
  { state: 'submitted', weight: 10 },
  { state: 'in_triage', weight: 12 },
  { state: 'info_requested', weight: 6 },
  { state: 'in_assessment', weight: 10 },
  { state: 'declined', weight: 7 },
  { state: 'withdrawn', weight: 7 },
  { state: 'matching', weight: 10 },
  { state: 'setup', weight: 8 },
  { state: 'in_implementation', weight: 14 },
  { state: 'completed', weight: 5 },
  { state: 'closed', weight: 3 },
];
const ORDER = [
  'draft',
  'submitted',
  'in_triage',
  'in_assessment',
  'matching',
  'setup',
  'in_implementation',
  'completed',
  'closed',
];
const reaches = (end: string, state: string) => ORDER.indexOf(end) >= ORDER.indexOf(state);

async function timed(report: VolumeReport[], part: string, work: () => Promise<number>) {
  const t = Date.now();
  const count = await work();
  const seconds = (Date.now() - t) / 1000;
  report.push({ part, count, seconds });
  process.stdout.write(
    `  ${part}: ${count} in ${seconds.toFixed(1)} s (${Math.round(count / Math.max(seconds, 0.001))}/s)\n`,
  );
}

interface Cast {
  focal: Record<string, Actor>;
  hubs: Actor[];
  partners: Map<string, Actor>; // organisation id -> partner officer
  leads: string[]; // organisation ids that lead projects
  fund: Actor;
  steering: Actor;
}

/**
 * `npm run seed:volume -- --scale N`: a deterministic, realistic data set, through the domain services:
 * organisations with profiles, users, 20,000·N requests over every state (assessment, invitations, plans,
 * reports, seed funding), 100,000·N published knowledge items in four languages, a fund journal of
 * 1,000,000·N lines, and audit events up to 1,000,000·N. Server mode runs the parts with concurrency.
 */
export async function seedVolume(
  app: INestApplicationContext,
  config: AppConfig,
  scale: number,
): Promise<VolumeReport[]> {
  const report: VolumeReport[] = [];
  const reference = app.get(ReferenceService);
  const db = app.get(Database);
  const concurrency = config.databaseUrl ? 6 : 1;
  await seedOnStart(app, { ...config, demoData: true });
  const countries = reference.countries().map((c: { code: string }) => c.code);
  const admin: Actor = { id: SYSTEM_ACTOR.id, role: 'admin' };

  const cast = {} as Cast;
  await timed(report, 'organisations with capability profiles (to 60)', () => seedOrganisations(app, admin, countries));
  await timed(report, 'users (a focal point for every country, hub, partner, fund and steering officers)', async () => {
    Object.assign(cast, await seedUsers(app, countries, concurrency));
    return Object.keys(cast.focal).length + cast.hubs.length + cast.partners.size + 2;
  });
  const nRequests = Math.round(20_000 * scale);
  await timed(report, 'contributions (pledge and deposit)', () =>
    seedContributions(
      app,
      cast,
      Math.ceil((nRequests * 0.22 * Number(ALLOCATION_MINOR)) / Number(CONTRIBUTION_MINOR)) + 3,
    ),
  );

  const allocations: { id: string; org: string; requestId: string; end: string }[] = [];
  await timed(
    report,
    'support requests in every state (assessment, invitations, plans, seed funding, reports)',
    async () => {
      // a re-run resumes: the requests of an earlier run are counted, not made again
      const done = Number(
        (
          await db.query<{ n: string }>(
            'SELECT count(*)::text AS n FROM support_request WHERE created_by_id = ANY($1)',
            [Object.values(cast.focal).map((a) => a.id)],
          )
        )[0].n,
      );
      await pool(
        Array.from({ length: Math.max(0, nRequests - done) }, (_, i) => done + i),
        concurrency,
        async (i) => {
          const a = await seedRequest(app, cast, countries, i);
          if (a) allocations.push(a);
        },
      );
      return Math.max(0, nRequests - done);
    },
  );

  const lineTarget = Math.round(1_000_000 * scale);
  await timed(report, 'fund journal lines (transfers and expenditure reports, batched per allocation)', async () => {
    const current = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM journal_line'))[0].n);
    const pairs = Math.max(0, Math.ceil((lineTarget - current) / 4));
    allocations.sort((a, b) => a.id.localeCompare(b.id));
    if (!allocations.length) return current;
    const transfers = app.get(TransferService);
    const fund = app.get(FundUnitOfWork);
    const per = Math.ceil(pairs / allocations.length);
    const BATCH = 25;
    const jobs: { a: (typeof allocations)[number]; n: number; seq: number }[] = [];
    allocations.forEach((a, k) => {
      const n = Math.min(per, pairs - k * per);
      for (let s = 0; s < n; s += BATCH) jobs.push({ a, n: Math.min(BATCH, n - s), seq: s });
    });
    // interleaved: concurrent batches work on different allocations, never queue on one allocation's row lock
    jobs.sort((x, y) => x.seq - y.seq);
    await pool(jobs, concurrency, async ({ a, n, seq }) => {
      const r = new Random(7_000_000 + seq + allocations.indexOf(a) * 10_000);
      const partner = cast.partners.get(a.org)!;
      await fund.run(async (tx) => {
        for (let k = 0; k < n; k++) {
          const amount = String(r.int(20, 400) * 100);
          await transfers.transfer(tx, cast.fund, {
            allocationId: a.id,
            organisationId: a.org,
            amount: { amount, currency: 'USD' },
          });
          const month = 1 + ((seq + k) % 12);
          await transfers.expenditure(tx, partner, {
            allocationId: a.id,
            periodStart: `2027-${String(month).padStart(2, '0')}-01`,
            periodEnd: `2027-${String(month).padStart(2, '0')}-28`,
            amount: { amount, currency: 'USD' },
          });
        }
      });
    });
    // the closed requests: every transfer reported spent, so the hub's reconciliation guard lets them close
    const requests = app.get(SupportRequestService);
    for (const a of allocations.filter((x) => x.end === 'closed'))
      await requests.act(cast.hubs[0], a.requestId, 'close', {});
    return Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM journal_line'))[0].n);
  });

  await timed(
    report,
    'knowledge items published (import-sized batches: create, submit, publish by another officer)',
    () => seedKnowledge(app, cast, countries, Math.round(100_000 * scale), concurrency),
  );

  const audit = app.get(AuditService);
  const target = Math.round(1_000_000 * scale);
  await timed(report, 'audit events (the writes above, then sign-in events up to the target)', async () => {
    const current = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event'))[0].n);
    const missing = Math.max(0, target - current);
    const batch = 5000;
    const actors = [...Object.values(cast.focal), ...cast.hubs, ...cast.partners.values()];
    for (let done = 0; done < missing; done += batch) {
      const records = Array.from({ length: Math.min(batch, missing - done) }, (_, k) => {
        const actor = actors[(done + k) % actors.length];
        return { actor, action: 'auth.login', entityType: 'user', entityId: actor.id };
      });
      await db.transaction(async (t) => {
        const log = audit.in(t);
        for (const r of records) log.record(r);
      });
    }
    return Math.max(target, current);
  });
  await timed(report, 'outbox jobs run (notifications of the writes above)', () => app.get(OutboxRelay).drain());
  // what an operator does after a bulk load: planner statistics, and the visibility map that lets
  // counts skip the heap (autovacuum would get there later)
  await timed(report, 'VACUUM ANALYZE', async () => {
    await db.query('VACUUM ANALYZE');
    return 1;
  });
  return report;
}

async function seedOrganisations(app: INestApplicationContext, admin: Actor, countries: string[]): Promise<number> {
  const organisations = app.get(OrganisationService);
  const existing = (await organisations.list({ limit: 200 } as never)).items;
  const r = new Random(60);
  const missing = Math.max(0, 60 - existing.length);
  const TYPES = ['civil_society', 'academia', 'private_sector', 'local_authority', 'foundation'] as const;
  for (let i = 0; i < missing; i++) {
    const acronym = `VOL${String(i + 1).padStart(2, '0')}`;
    if (await organisations.idByAcronym(acronym)) continue;
    const type = TYPES[i % TYPES.length];
    const countryCode = type === 'local_authority' || type === 'civil_society' ? r.pick(countries) : null;
    await organisations.create(admin, {
      name: `${capitalise(zipf(r, DOMAIN.en))} ${['Institute', 'Network', 'Foundation', 'Alliance', 'Centre'][i % 5]} ${i + 1}`,
      acronym,
      type,
      countryCode,
    } as never);
  }
  const all = (await organisations.list({ limit: 200 } as never)).items as { id: string }[];
  const withProfile = new Set(
    (await organisations.profiles()).map(
      (p: { organisationId?: string; organisation?: { id: string } }) => p.organisationId ?? p.organisation?.id,
    ),
  );
  for (const o of all) {
    if (withProfile.has(o.id)) continue;
    const objectives = r
      .some(
        Array.from({ length: 23 }, (_, k) => k + 1),
        2,
        6,
      )
      .map((objective) => ({ objective, level: r.int(1, 3) as 1 | 2 | 3 }));
    await organisations.putProfile(admin, o.id, {
      objectives,
      countries: r.some(countries, 1, 12),
      regions: [],
      thematicAreas: r.some(THEMES, 1, 4),
    });
  }
  return all.length;
}

async function seedUsers(app: INestApplicationContext, countries: string[], concurrency: number): Promise<Cast> {
  const users = app.get(UserService);
  const organisations = app.get(OrganisationService);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ensure = async (
    email: string,
    name: string,
    role: Exclude<Actor['role'], 'system'>,
    scope: { countryCode?: string; organisationId?: string },
  ): Promise<Actor> => {
    const u =
      (await users.findByEmail(email)) ??
      (await users.create(SYSTEM_ACTOR, {
        email,
        name,
        password: DEMO_PASSWORD,
        passwordHash,
        role,
        countryCode: scope.countryCode ?? null,
        organisationId: scope.organisationId ?? null,
      }));
    return { id: u.id, role, countryCode: scope.countryCode, organisationId: scope.organisationId };
  };
  const focal: Record<string, Actor> = {};
  await pool(countries, concurrency, async (code) => {
    focal[code] = await ensure(
      `volume.focal.${code.toLowerCase()}@cbm.example.org`,
      `Focal point ${code}`,
      'focal_point',
      { countryCode: code },
    );
  });
  const hubs: Actor[] = [];
  for (let i = 1; i <= 5; i++)
    hubs.push(await ensure(`volume.hub${i}@cbm.example.org`, `Hub officer ${i}`, 'hub_officer', {}));
  const un = (
    (await organisations.list({ type: 'un_entity', limit: 200 } as never)).items as { id: string; acronym: string }[]
  )
    .sort((a, b) => a.acronym.localeCompare(b.acronym))
    .slice(0, 12);
  const partners = new Map<string, Actor>();
  for (const o of un)
    partners.set(
      o.id,
      await ensure(
        `volume.partner.${o.acronym.toLowerCase().replace(/[^a-z0-9]/g, '')}@cbm.example.org`,
        `Partner officer ${o.acronym}`,
        'partner_officer',
        { organisationId: o.id },
      ),
    );
  const fund = await ensure('volume.fund@cbm.example.org', 'Fund manager (volume)', 'fund_manager', {});
  const steering = await ensure(
    'volume.steering@cbm.example.org',
    'Steering committee member (volume)',
    'steering_committee',
    {},
  );
  return { focal, hubs, partners, leads: un.map((o) => o.id), fund, steering };
}

async function seedContributions(app: INestApplicationContext, cast: Cast, n: number): Promise<number> {
  const organisations = app.get(OrganisationService);
  const contributions = app.get(ContributionService);
  const db = app.get(Database);
  const fund = app.get(FundUnitOfWork);
  const donors = (
    (await organisations.list({ type: 'member_state', limit: 200 } as never)).items as { id: string; acronym: string }[]
  ).sort((a, b) => a.acronym.localeCompare(b.acronym));
  // a re-run resumes after the contributions of an earlier run
  const done = Number(
    (await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM fund_contribution WHERE reference LIKE 'VOL-%'`))[0]
      .n,
  );
  for (let i = done; i < n; i++) {
    const donor = donors[i % donors.length];
    const amount = { amount: CONTRIBUTION_MINOR.toString(), currency: 'USD' };
    const v = await contributions.pledge(cast.fund, {
      contributorId: donor.id,
      pledgedAt: '2026-01-15',
      amount,
      earmark: { type: 'none' },
      reference: `VOL-${donor.acronym}-${i + 1}`,
    });
    await fund.run((tx) =>
      contributions.deposit(tx, cast.fund, v.id, {
        receivedAt: '2026-02-01',
        amount,
        usdAmount: amount,
        reference: `VOL-${donor.acronym}-${i + 1}/D1`,
      }),
    );
  }
  return Math.max(0, n - done);
}

/** One request, walked through the hub's (and for set-up, the fund's) services to the state it ends in. */
async function seedRequest(
  app: INestApplicationContext,
  cast: Cast,
  countries: string[],
  i: number,
): Promise<{ id: string; org: string; requestId: string; end: string } | null> {
  const r = new Random(1000 + i);
  const requests = app.get(SupportRequestService);
  const country = r.pick(countries);
  const focal = cast.focal[country];
  const hub = cast.hubs[i % cast.hubs.length];
  const objectives = r
    .some(
      Array.from({ length: 23 }, (_, k) => k + 1),
      1,
      3,
    )
    .sort((a, b) => a - b);
  const words = r.some(DOMAIN.en, 3, 6);
  const total = ENDS.reduce((s, e) => s + e.weight, 0);
  let at = r.int(1, total);
  const end = ENDS.find((e) => (at -= e.weight) <= 0)!.state;
  const created = await requests.create(focal, {
    title: `${capitalise(words[0])} ${words.slice(1, 3).join(' and ')} ${sentence(r, 'en', 2)} ${i + 1}`,
    summary: `The ministry asks for support on ${words.join(', ')} in ${country}: ${sentence(r, 'en', 20)}.`,
    expectedResults: `Better ${words[1]} services for ${r.int(100, 5000)} people; ${sentence(r, 'en', 8)}.`,
    objectives,
    supportTypes: r.some(SUPPORT, 1, 3),
    estimatedBudget: { amount: String(r.int(50, 5000) * 100_000), currency: 'USD' },
  });
  const id = created.id;
  const act = (actor: Actor, action: RequestAction, input: Record<string, string> = {}) =>
    requests.act(actor, id, action, input);
  if (end === 'draft') return null;
  await act(focal, 'submit');
  if (end === 'withdrawn') {
    await act(focal, 'withdraw', { reason: 'Funded nationally.' });
    return null;
  }
  if (end === 'submitted') return null;
  await act(hub, 'start_triage');
  if (end === 'info_requested') {
    await act(hub, 'request_info', { question: 'Which ministries co-own the project?' });
    return null;
  }
  if (end === 'declined') {
    await act(hub, 'decline', { reason: 'Outside the mechanism scope.' });
    return null;
  }
  if (end === 'in_triage') return null;
  await act(hub, 'start_assessment');
  if (end === 'in_assessment') return null;
  const criteria = app.get(ReferenceService).assessmentCriteria();
  await app.get(AssessmentService).put(hub, id, {
    scores: Object.fromEntries(criteria.map((c) => [c.code, r.int(2, 4)])),
    genderMarker: r.int(0, 2),
    humanRightsMarker: r.int(1, 2),
    recommendation: 'proceed',
    rationale: `National ownership and a clear ${words[0]} focus; ${sentence(r, 'en', 10)}.`,
    conflictOfInterest: false,
  } as never);
  await act(hub, 'approve');
  const lead = cast.leads[i % cast.leads.length];
  const partner = cast.partners.get(lead)!;
  const invitations = app.get(InvitationService);
  const inv = await invitations.invite(hub, id, { organisationId: lead, role: 'lead' });
  if (end === 'matching') return null;
  await invitations.accept(partner, inv.id);
  await act(hub, 'confirm_partners');
  if (end === 'setup') return null;
  const budget = BigInt(r.int(20, 60)) * 1_000_000n;
  await app.get(ImplementationPlanService).put(hub, id, {
    organisations: [{ organisationId: lead, role: 'lead', responsibilities: 'Overall delivery' }],
    stakeholders: [{ type: 'national_government', name: `Ministry of Labour of ${country}`, role: 'owner' }],
    milestones: [
      { code: 'M1', title: 'Protocol adopted', dueDate: '2027-06-30', organisationId: lead },
      { code: 'M2', title: 'Services running in pilot districts', dueDate: '2027-12-31', organisationId: lead },
    ],
    currency: 'USD',
    budget: [{ organisationId: lead, amount: budget.toString() }],
    funding: [
      { source: 'start_up_fund', amount: ALLOCATION_MINOR.toString(), status: 'confirmed' },
      { source: 'national_budget', amount: (budget - ALLOCATION_MINOR).toString(), status: 'confirmed' },
    ],
    reportDueDates: ['2027-06-30'],
  } as never);
  const allocations = app.get(AllocationService);
  const application = await allocations.apply(hub, {
    requestId: id,
    amount: { amount: ALLOCATION_MINOR.toString(), currency: 'USD' },
    justification: `Seed funding to start the ${words[0]} project while national funding is mobilised.`,
  });
  const first = (ALLOCATION_MINOR * 6n) / 10n;
  const proposal = await allocations.propose(cast.fund, {
    applicationId: application.id,
    amount: { amount: ALLOCATION_MINOR.toString(), currency: 'USD' },
    durationMonths: 18,
    tranches: [
      { amount: { amount: first.toString(), currency: 'USD' }, condition: 'on_approval' },
      {
        amount: { amount: (ALLOCATION_MINOR - first).toString(), currency: 'USD' },
        condition: 'progress_report_approved',
      },
    ],
  });
  await allocations.approve(cast.steering, proposal.id, {
    decisionRef: `SC-2026-${String(1 + (i % 12)).padStart(2, '0')}`,
    note: 'Approved.',
  });
  await act(hub, 'start_implementation');
  const reports = app.get(RequestReportService);
  await reports.submit(partner, id, {
    kind: 'progress',
    period: '2027-H1',
    narrative: `The protocol was validated; ${sentence(r, 'en', 15)}.`,
    milestoneUpdates: [{ code: 'M1', status: 'done', note: '' }],
  } as never);
  if (reaches(end, 'completed')) {
    await reports.submit(partner, id, {
      kind: 'final',
      period: '2027',
      narrative: `Services run in the pilot districts; ${sentence(r, 'en', 15)}.`,
      lessonsLearned: `Co-ownership by the ministry from day one; ${sentence(r, 'en', 12)}.`,
      milestoneUpdates: [{ code: 'M2', status: 'done', note: '' }],
    } as never);
    await act(partner, 'complete');
  }
  return { id: proposal.id, org: lead, requestId: id, end };
}

async function seedKnowledge(
  app: INestApplicationContext,
  cast: Cast,
  countries: string[],
  n: number,
  concurrency: number,
): Promise<number> {
  const items = app.get(KnowledgeItemService);
  const db = app.get(Database);
  const KINDS = ['practice', 'evidence', 'initiative', 'tool', 'dataset', 'solution'] as const;
  const authors = [...cast.partners.values(), cast.hubs[0]];
  const BATCH = 200;
  // a re-run resumes after the last whole batch (a batch is one transaction); batches run one at a time:
  // they share vocabulary, and concurrent batches would queue on the same new search terms
  const done = Number(
    (await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM knowledge_item WHERE source = 'volume'`))[0].n,
  );
  const batches = Array.from({ length: Math.ceil(n / BATCH) }, (_, b) => b).filter(
    (b) => b >= Math.floor(done / BATCH),
  );
  void concurrency;
  await pool(batches, 1, async (b) => {
    await db.transaction(async (t) => {
      for (let k = b * BATCH; k < Math.min(n, (b + 1) * BATCH); k++) {
        const r = new Random(5_000_000 + k);
        const x = r.next();
        const lang = x < 0.7 ? 'en' : x < 0.82 ? 'fr' : x < 0.94 ? 'es' : 'pt';
        const author = authors[k % authors.length];
        const publisher = cast.hubs[1 + (k % (cast.hubs.length - 1))];
        const common =
          lang === 'en' && r.next() < 0.46 ? ` ${COMMON_WORD.en}` : r.next() < 0.3 ? ` ${COMMON_WORD[lang]}` : '';
        const input: NewItem = {
          kind: r.pick(KINDS),
          language: lang,
          year: r.int(2015, 2025),
          title: `${capitalise(zipf(r, DOMAIN[lang]))} ${sentence(r, lang, 5)} ${k + 1}`,
          summary: `${capitalise(sentence(r, lang, 25))}.`,
          body: `## ${lang === 'en' ? 'Summary' : lang === 'fr' ? 'Résumé' : 'Resumo'}\n\n${sentence(r, lang, 80)}${common}.\n\n${sentence(r, lang, 60)}.\n`,
          objectives: r
            .some(
              Array.from({ length: 23 }, (_, j) => j + 1),
              1,
              3,
            )
            .sort((p, q) => p - q),
          countries: r.some(countries, 0, 2),
          organisations: author.organisationId ? [author.organisationId] : [],
          tags: r.some(DOMAIN[lang], 1, 3),
          source: 'volume',
          sourceId: `vol-${k + 1}`,
        };
        const created = await items.create(author, input, t);
        await items.act(author, created.id, 'submit_for_review', {}, undefined, t);
        await items.act(publisher, created.id, 'publish', { conflictOfInterest: false }, undefined, t);
      }
    });
  });
  return n - done;
}
