import { INestApplicationContext } from '@nestjs/common';
import { Actor, Clock } from '@cbm/core';
import {
  AllocationService,
  ContributionService,
  FUND_REQUEST_PORT,
  FundRequestPort,
  FundUnitOfWork,
  ReportingService,
  TransferService,
} from '@cbm/fund';
import { OrganisationService } from '@cbm/reference';

type DemoActors = Record<string, Actor>;

/** Pledges and deposits: several donors, the demo donor (Sweden) among them, in their own currencies. */
const DEMO_CONTRIBUTIONS = [
  {
    donor: 'SWE',
    pledgedAt: '2026-01-20',
    amount: '30000000',
    currency: 'SEK',
    earmark: { type: 'none' as const },
    deposits: [{ receivedAt: '2026-02-10', amount: '20000000', usd: '1904762' }],
    reference: 'SWE-CBM-2026-01',
  },
  {
    donor: 'DEU',
    pledgedAt: '2026-01-28',
    amount: '200000000',
    currency: 'EUR',
    earmark: { type: 'objectives' as const, objectives: [6, 21] },
    deposits: [{ receivedAt: '2026-02-20', amount: '100000000', usd: '108500000' }],
    reference: 'DEU-BMZ-2026-17',
  },
  {
    donor: 'NOR',
    pledgedAt: '2026-02-03',
    amount: '50000000',
    currency: 'USD',
    earmark: { type: 'none' as const },
    deposits: [{ receivedAt: '2026-02-25', amount: '50000000', usd: '50000000' }],
    reference: 'NOR-MFA-2026-4',
  },
  {
    donor: 'CHE',
    pledgedAt: '2026-02-11',
    amount: '40000000',
    currency: 'CHF',
    earmark: { type: 'country' as const, country: 'PHL' },
    deposits: [{ receivedAt: '2026-03-02', amount: '40000000', usd: '45200000' }],
    reference: 'CHE-SDC-2026-09',
  },
  {
    donor: 'OSF',
    pledgedAt: '2026-02-15',
    amount: '10000000',
    currency: 'USD',
    earmark: { type: 'none' as const },
    deposits: [],
    reference: 'OSF-GR-2026-112',
  },
];

/** Contributions alone; safe to call once (seedDemoData runs once per database). */
export async function seedFundContributions(app: INestApplicationContext, actors: DemoActors): Promise<void> {
  const contributions = app.get(ContributionService);
  const organisations = app.get(OrganisationService);
  const uow = app.get(FundUnitOfWork);
  for (const c of DEMO_CONTRIBUTIONS) {
    const contributorId = await organisations.idByAcronym(c.donor);
    if (!contributorId) continue;
    const v = await contributions.pledge(actors.fund, {
      contributorId,
      pledgedAt: c.pledgedAt,
      amount: { amount: c.amount, currency: c.currency },
      earmark: c.earmark,
      reference: c.reference,
    });
    for (const d of c.deposits) {
      await uow.run((tx) =>
        contributions.deposit(tx, actors.fund, v.id, {
          receivedAt: d.receivedAt,
          amount: { amount: d.amount, currency: c.currency },
          usdAmount: { amount: d.usd, currency: 'USD' },
          reference: `${c.reference}/${d.receivedAt}`,
        }),
      );
    }
  }
}

/**
 * The fund side of a request in set-up: the hub's application, the fund manager's proposal with two
 * tranches, steering1's approval, and the first transfer to the lead organisation. Call it when a demo
 * request reaches set-up (before start_implementation). Returns the allocation id, or null.
 */
export async function seedFundForRequest(
  app: INestApplicationContext,
  actors: DemoActors,
  requestId: string,
  amountUsdMinor = '15000000',
): Promise<string | null> {
  const port = app.get<FundRequestPort>(FUND_REQUEST_PORT, { strict: false });
  const facts = await port.requestFacts(requestId);
  if (!facts || facts.status !== 'setup') return null;
  const allocations = app.get(AllocationService);
  const transfers = app.get(TransferService);
  const uow = app.get(FundUnitOfWork);
  const amount = BigInt(amountUsdMinor);
  const first = (amount * 6n) / 10n;
  const application = await allocations.apply(actors.hub, {
    requestId,
    amount: { amount: amountUsdMinor, currency: 'USD' },
    justification: `Seed funding to start "${facts.title}" while national and bilateral funding is mobilised.`,
  });
  const proposal = await allocations.propose(actors.fund, {
    applicationId: application.id,
    amount: { amount: amountUsdMinor, currency: 'USD' },
    durationMonths: 18,
    tranches: [
      { amount: { amount: first.toString(), currency: 'USD' }, condition: 'on_approval' },
      { amount: { amount: (amount - first).toString(), currency: 'USD' }, condition: 'progress_report_approved' },
    ],
  });
  await allocations.approve(actors.steering1, proposal.id, {
    decisionRef: 'SC-2026-03',
    note: 'Approved at the March steering committee meeting.',
  });
  const to = facts.leadOrganisationId ?? facts.organisationIds[0];
  if (to)
    await uow.run((tx) =>
      transfers.transfer(tx, actors.fund, {
        allocationId: proposal.id,
        organisationId: to,
        amount: { amount: first.toString(), currency: 'USD' },
      }),
    );
  return proposal.id;
}

/**
 * Contributions, then funding for whatever demo requests are in set-up, and expenditure for those
 * whose transfers went to IOM or ILO (the demo partner accounts). Does nothing for requests the
 * fund cannot fund (not in set-up), so it is safe whatever state the hub demo leaves them in.
 */
export async function seedFundDemo(
  app: INestApplicationContext,
  actors: DemoActors,
  requestIds: string[],
): Promise<void> {
  await seedFundContributions(app, actors);
  const organisations = app.get(OrganisationService);
  const partnerByOrg = new Map<string, Actor>();
  for (const [acronym, key] of [
    ['IOM', 'partnerIom'],
    ['ILO', 'partnerIlo'],
  ] as const) {
    const id = await organisations.idByAcronym(acronym);
    if (id && actors[key]) partnerByOrg.set(id, actors[key]);
  }
  for (const requestId of requestIds) {
    const allocationId = await seedFundForRequest(app, actors, requestId);
    if (!allocationId) continue;
    await reportDemoExpenditure(app, actors, allocationId, partnerByOrg);
  }
  // warm the summary so the first public visitor does not pay for it
  await app.get(ReportingService).summary();
}

/** Expenditure reported by the demo partners on the given allocations, then a warm summary. */
export async function seedDemoExpenditure(
  app: INestApplicationContext,
  actors: DemoActors,
  allocationIds: string[],
): Promise<void> {
  const organisations = app.get(OrganisationService);
  const partnerByOrg = new Map<string, Actor>();
  for (const [acronym, key] of [
    ['IOM', 'partnerIom'],
    ['ILO', 'partnerIlo'],
  ] as const) {
    const id = await organisations.idByAcronym(acronym);
    if (id && actors[key]) partnerByOrg.set(id, actors[key]);
  }
  for (const allocationId of allocationIds) await reportDemoExpenditure(app, actors, allocationId, partnerByOrg);
  await app.get(ReportingService).summary();
}

async function reportDemoExpenditure(
  app: INestApplicationContext,
  _actors: DemoActors,
  allocationId: string,
  partnerByOrg: Map<string, Actor>,
) {
  const transfers = app.get(TransferService);
  const allocation = await app.get(AllocationService).get(allocationId);
  const transferred = BigInt(allocation.transferred.amount);
  if (transferred === 0n) return;
  const facts = await app.get<FundRequestPort>(FUND_REQUEST_PORT, { strict: false }).requestFacts(allocation.requestId);
  const partner = facts?.leadOrganisationId ? partnerByOrg.get(facts.leadOrganisationId) : undefined;
  if (!partner) return;
  // dated when it happened: the demo's transfer went out today, so the money reported spent was spent
  // between that transfer and today (never in a period that ended before the money arrived, nor in the future)
  const today = app.get(Clock).now().toISOString().slice(0, 10);
  await app.get(FundUnitOfWork).run((tx) =>
    transfers.expenditure(tx, partner, {
      allocationId,
      periodStart: today,
      periodEnd: today,
      amount: { amount: ((transferred * 60n) / 100n).toString(), currency: 'USD' },
    }),
  );
}
