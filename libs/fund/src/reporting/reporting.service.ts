import { Inject, Injectable } from '@nestjs/common';
import { Actor, allocateProRata, APP_CONFIG, AppConfig, Clock, Database, toDto } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { earmarkMatches } from '../allocation/allocation.workflow';
import { FundApplicationEntity } from '../allocation/application.entity';
import { ContributionService, isFundStaff } from '../contribution/contribution.service';
import { FundContributionEntity } from '../contribution/contribution.entity';
import { FundError } from '../fund.errors';
import { FundRepository, SummaryContribution, SummaryProject } from '../fund.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { allocationFigures, contributionFigures, ratio } from './figures';

const usd = (v: bigint) => toDto({ amount: v, currency: 'USD' });

interface Flow {
  allocated: bigint;
  transferred: bigint;
  spent: bigint;
}
const flowView = (f: Flow) => ({
  allocations: usd(f.allocated),
  transfers: usd(f.transferred),
  expenditure: usd(f.spent),
  deliveryRate: ratio(f.spent, f.transferred),
});
const add = (a: Flow, b: Flow) => ({
  allocated: a.allocated + b.allocated,
  transferred: a.transferred + b.transferred,
  spent: a.spent + b.spent,
});
const ZERO: Flow = { allocated: 0n, transferred: 0n, spent: 0n };

export interface TracedProject {
  allocation: FundAllocationEntity;
  application: FundApplicationEntity;
  /** The contribution's part of the allocation, and of what was transferred and spent (per organisation). */
  allocated: bigint;
  transferred: bigint;
  spent: bigint;
  organisations: Map<string, { transferred: bigint; spent: bigint }>;
}

/** Part × numerator / denominator, floored (integers only). */
const part = (v: bigint, num: bigint, den: bigint) => (den === 0n ? 0n : (v * num) / den);

/** Figures for the public summary, donors' tracing and statements; all from the balance table. */
@Injectable()
export class ReportingService {
  private cache?: { key: string; value: unknown };

  constructor(
    private readonly db: Database,
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly contributions: ContributionService,
    private readonly organisations: OrganisationService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Cached until the journal, an application or an allocation changes (decided on the small tables' counters, not the journal). */
  async summary() {
    const [{ key }] = await this.db.query<{ key: string }>(
      `SELECT concat_ws('/', (SELECT coalesce(sum("lines"), 0) FROM "fund_balance"), (SELECT coalesce(sum("version"), 0) FROM "fund_application"), (SELECT coalesce(sum("version"), 0) FROM "fund_allocation")) AS "key"`,
    );
    if (this.cache?.key !== key) this.cache = { key, value: await this.computeSummary() };
    return this.cache.value;
  }

  /** Every figure comes from SQL aggregates over the balance table: its size is the number of accounts, not of journal lines. */
  private async computeSummary() {
    const contributions = await this.repo.summaryContributions();
    const projects = await this.repo.summaryProjects();
    const organisationFlows = await this.repo.summaryOrganisations();
    const unallocated = await this.repo.unallocatedCash();
    const donors = new Map<
      string,
      { deposits: bigint; adminFees: bigint; refunds: bigint; net: bigint; earmarked: bigint }
    >();
    let deposits = 0n,
      fees = 0n,
      refunds = 0n;
    for (const c of contributions) {
      const d = donors.get(c.contributorId) ?? { deposits: 0n, adminFees: 0n, refunds: 0n, net: 0n, earmarked: 0n };
      d.deposits += c.depositedUsd;
      d.adminFees += c.adminFeeUsd;
      d.refunds += c.refundedUsd;
      d.net += c.netUsd;
      if (c.earmarkType !== 'none') d.earmarked += c.netUsd;
      donors.set(c.contributorId, d);
      deposits += c.depositedUsd;
      fees += c.adminFeeUsd;
      refunds += c.refundedUsd;
    }
    const byCountry = new Map<string, Flow>();
    const byObjective = new Map<number, Flow>();
    let total: Flow = ZERO;
    for (const p of projects) {
      total = add(total, p);
      byCountry.set(p.countryCode, add(byCountry.get(p.countryCode) ?? ZERO, p));
      // a project addressing several objectives counts for each in equal parts (largest remainder, so totals stay exact)
      const objs = p.objectives.length ? p.objectives : [0];
      const w = objs.map(() => 1n);
      const [al, tr, sp] = [
        allocateProRata(p.allocated, w),
        allocateProRata(p.transferred, w),
        allocateProRata(p.spent, w),
      ];
      objs.forEach((o, i) =>
        byObjective.set(o, add(byObjective.get(o) ?? ZERO, { allocated: al[i], transferred: tr[i], spent: sp[i] })),
      );
    }
    const orgs = new Map(
      (
        await this.organisations.byIds([
          ...new Set([...donors.keys(), ...organisationFlows.map((o) => o.organisationId)]),
        ])
      ).map((o) => [o.id, o]),
    );
    return {
      currency: 'USD',
      asOf: this.clock.now().toISOString(),
      totals: {
        deposits: usd(deposits),
        adminFees: usd(fees),
        refunds: usd(refunds),
        netFunded: usd(deposits - fees - refunds),
        unallocated: usd(unallocated),
        ...flowView(total),
        adminFeeRateBps: this.config.fundAdminFeeBps,
      },
      byDonor: [...donors].map(([id, d]) => ({
        organisationId: id,
        name: orgs.get(id)?.name ?? null,
        acronym: orgs.get(id)?.acronym ?? null,
        type: orgs.get(id)?.type ?? null,
        deposits: usd(d.deposits),
        adminFees: usd(d.adminFees),
        refunds: usd(d.refunds),
        net: usd(d.net),
        earmarked: usd(d.earmarked),
      })),
      byOrganisation: organisationFlows.map((f) => ({
        organisationId: f.organisationId,
        name: orgs.get(f.organisationId)?.name ?? null,
        acronym: orgs.get(f.organisationId)?.acronym ?? null,
        transfers: usd(f.transferred),
        expenditure: usd(f.spent),
        deliveryRate: ratio(f.spent, f.transferred),
      })),
      byCountry: [...byCountry]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, f]) => ({ countryCode: code, name: this.reference.country(code)?.name ?? code, ...flowView(f) })),
      byObjective: [...byObjective].sort(([a], [b]) => a - b).map(([o, f]) => ({ objective: o, ...flowView(f) })),
      projects: projects.length,
      // the full per-project list is GET /fund/projects (paginated); here only those flagged by the burn-rate forecast
      underDelivery: projects
        .map((p) => this.projectView(p))
        .filter((p) => p.forecast.underDelivery)
        .slice(0, 100),
      pipeline: await this.pipeline(contributions),
    };
  }

  /** Funded projects with their figures and forecast, keyset-paginated by allocation id (public). */
  async projects(afterId: string | undefined, limit: number) {
    return (await this.repo.summaryProjects({ afterId, limit })).map((p) => this.projectView(p));
  }

  /** Spent so far against the time elapsed: projects on course to spend less than 80 % are flagged. */
  private projectView(p: SummaryProject) {
    const elapsedDays = BigInt(
      Math.max(0, Math.floor((this.clock.now().getTime() - p.startedAt.getTime()) / 86_400_000)),
    );
    const durationDays = BigInt(p.durationMonths * 30);
    const projected = elapsedDays === 0n ? null : part(p.spent, durationDays, elapsedDays);
    const underDelivery = projected !== null && elapsedDays >= 90n && projected * 10n < p.allocated * 8n;
    return {
      allocationId: p.allocationId,
      requestId: p.requestId,
      reference: p.reference,
      title: p.title,
      countryCode: p.countryCode,
      objectives: p.objectives,
      ...flowView(p),
      forecast: {
        elapsedDays: Number(elapsedDays),
        durationDays: Number(durationDays),
        projectedExpenditure: projected === null ? null : usd(projected),
        underDelivery,
      },
    };
  }

  /** Applications not yet funded, with the earmarked money that could go to them. */
  private async pipeline(contributions: SummaryContribution[]) {
    const applications = await this.repo.unfundedApplications();
    const withCash = contributions.filter((c) => c.earmarkType !== 'none' && c.earmarkedCash > 0n);
    const earmarks = withCash.length
      ? await this.repo.contributions({ ids: withCash.map((c) => c.id) }, undefined, 100000)
      : [];
    return applications.map((app) => ({
      applicationId: app.id,
      requestId: app.requestId,
      reference: app.requestReference,
      title: app.title,
      countryCode: app.countryCode,
      objectives: app.objectives,
      requested: usd(BigInt(app.amount)),
      status: app.status,
      matchingEarmarks: earmarks
        .filter((c) => earmarkMatches(c, app))
        .map((c) => ({
          contributionId: c.id,
          contributorId: c.contributorId,
          earmark: this.contributions.earmarkOf(c),
          available: usd(withCash.find((x) => x.id === c.id)!.earmarkedCash),
        })),
    }));
  }

  /**
   * Where a contribution went. Earmarked: directly, from the allocation entries that drew on it.
   * Unearmarked: each allocation's pool-funded part is split over the unearmarked contributions in
   * proportion to their net money (deposits less fee and refunds), largest remainder; transfers
   * and spending follow in the proportion that part bears to the allocation.
   */
  async trace(
    contributionId: string,
    shared?: TraceContext,
  ): Promise<{
    contribution: FundContributionEntity;
    method: 'direct' | 'pro_rata';
    share: string | null;
    projects: TracedProject[];
  }> {
    const c = await this.repo.contribution(contributionId);
    if (!c) throw FundError('FUND_NOT_FOUND', 'no such contribution');
    const ctx = shared ?? (await this.traceContext());
    const sources = ctx.sources;
    const drawn = new Map<string, bigint>();
    let share: string | null = null;
    if (c.earmarkType !== 'none') {
      for (const s of sources)
        if (s.kind === 'cash_earmarked' && s.contributionId === c.id)
          drawn.set(s.allocationId, (drawn.get(s.allocationId) ?? 0n) + s.amount);
    } else {
      const { pooled, weights } = ctx;
      const mine = pooled.findIndex((x) => x.id === c.id);
      const sum = weights.reduce((s, w) => s + w, 0n);
      share = ratio(weights[mine] ?? 0n, sum);
      for (const s of sources) {
        if (s.kind !== 'cash_pool' || s.amount <= 0n) continue;
        const amount = allocateProRata(s.amount, weights)[mine] ?? 0n;
        if (amount > 0n) drawn.set(s.allocationId, amount);
      }
    }
    const ids = [...drawn.keys()];
    const allocations = await Promise.all(ids.map((id) => this.repo.allocation(id)));
    const apps = await this.repo.applications(allocations.map((a) => a!.applicationId));
    const balances = await this.ledgerRepo.balancesFor('allocation', ids);
    const projects = allocations.map((a) => {
      const f = allocationFigures(balances.filter((b) => b.allocationId === a!.id));
      const d = drawn.get(a!.id)!;
      const organisations = new Map<string, { transferred: bigint; spent: bigint }>();
      for (const [org, o] of f.byOrganisation)
        organisations.set(org, {
          transferred: part(o.transferred, d, f.allocated),
          spent: part(o.spent, d, f.allocated),
        });
      return {
        allocation: a!,
        application: apps.find((x) => x.id === a!.applicationId)!,
        allocated: d,
        transferred: [...organisations.values()].reduce((s, o) => s + o.transferred, 0n),
        spent: [...organisations.values()].reduce((s, o) => s + o.spent, 0n),
        organisations,
      };
    });
    return { contribution: c, method: c.earmarkType === 'none' ? 'pro_rata' : 'direct', share, projects };
  }

  /** What every contribution's tracing reads: load once when tracing many (statements, IATI). */
  async traceContext(): Promise<TraceContext> {
    const sources = await this.repo.allocationSources();
    const pooled = (await this.repo.contributions({}, undefined, 100000)).filter((x) => x.earmarkType === 'none');
    const balances = await this.ledgerRepo.balancesFor(
      'contribution',
      pooled.map((x) => x.id),
    );
    const byContribution = new Map<string, typeof balances>();
    for (const b of balances)
      byContribution.set(b.contributionId!, [...(byContribution.get(b.contributionId!) ?? []), b]);
    const weights = pooled.map((x) => {
      const n = contributionFigures(x.currency.trim(), byContribution.get(x.id) ?? []).netUsd;
      return n > 0n ? n : 0n;
    });
    return { sources, pooled, weights };
  }

  async tracing(actor: Actor, contributionId: string) {
    const c = await this.repo.contribution(contributionId);
    if (!c || !this.contributions.canSee(actor, c)) throw FundError('FUND_NOT_FOUND', 'no such contribution');
    const t = await this.trace(contributionId);
    const orgIds = new Set<string>();
    t.projects.forEach((p) => p.organisations.forEach((_, k) => orgIds.add(k)));
    const orgs = new Map((await this.organisations.byIds([...orgIds])).map((o) => [o.id, o]));
    const countries = new Map<string, Flow>();
    const organisations = new Map<string, Flow>();
    for (const p of t.projects) {
      countries.set(p.application.countryCode, add(countries.get(p.application.countryCode) ?? ZERO, p));
      for (const [org, o] of p.organisations)
        organisations.set(org, add(organisations.get(org) ?? ZERO, { allocated: 0n, ...o }));
    }
    const total = t.projects.reduce<Flow>((s, p) => add(s, p), ZERO);
    return {
      contribution: await this.contributions.view(c),
      method: t.method,
      poolShare: t.share,
      totals: flowView(total),
      projects: t.projects.map((p) => ({
        allocationId: p.allocation.id,
        requestId: p.application.requestId,
        reference: p.application.requestReference,
        title: p.application.title,
        countryCode: p.application.countryCode,
        objectives: p.application.objectives,
        ...flowView(p),
        organisations: [...p.organisations].map(([id, o]) => ({
          organisationId: id,
          acronym: orgs.get(id)?.acronym ?? null,
          transfers: usd(o.transferred),
          expenditure: usd(o.spent),
        })),
      })),
      countries: [...countries].map(([code, f]) => ({ countryCode: code, ...flowView(f) })),
      organisations: [...organisations].map(([id, f]) => ({
        organisationId: id,
        acronym: orgs.get(id)?.acronym ?? null,
        transfers: usd(f.transferred),
        expenditure: usd(f.spent),
      })),
    };
  }

  /**
   * Money that reached an implementing organisation (partner officers of that organisation and fund
   * staff), or one project (fund staff and hub officers): allocations, transfers and expenditure.
   */
  async organisationStatement(actor: Actor, organisationId: string) {
    const staff = isFundStaff(actor) || actor.role === 'hub_officer';
    if (!staff && !(actor.role === 'partner_officer' && actor.organisationId === organisationId))
      throw FundError('FUND_NOT_FOUND', 'no such organisation');
    const [org] = await this.organisations.byIds([organisationId]);
    if (!org) throw FundError('FUND_NOT_FOUND', 'no such organisation');
    const transfers = await this.repo.transfersTo(organisationId);
    const allocationIds = [...new Set(transfers.map((t) => t.allocationId))];
    const lines = await this.movements(allocationIds, organisationId);
    return {
      organisation: { id: org.id, name: org.name, acronym: org.acronym, type: org.type },
      asOf: this.clock.now().toISOString(),
      totals: this.movementTotals(lines),
      lines,
    };
  }

  async projectStatement(actor: Actor, requestId: string) {
    if (!isFundStaff(actor) && actor.role !== 'hub_officer') throw FundError('FUND_NOT_FOUND', 'no such project');
    const app = await this.repo.applicationByRequest(requestId);
    if (!app) throw FundError('FUND_NOT_FOUND', 'no such project');
    const allocations = await this.repo.allocations({ requestId, status: 'approved' });
    const lines = await this.movements(allocations.map((a) => a.id));
    return {
      project: {
        requestId,
        reference: app.requestReference,
        title: app.title,
        countryCode: app.countryCode,
        objectives: app.objectives,
      },
      asOf: this.clock.now().toISOString(),
      totals: this.movementTotals(lines),
      lines,
    };
  }

  private async movements(allocationIds: string[], organisationId?: string): Promise<MovementLine[]> {
    const allocations = (await Promise.all(allocationIds.map((id) => this.repo.allocation(id)))).filter(
      (a): a is FundAllocationEntity => !!a,
    );
    const apps = await this.repo.applications([...new Set(allocations.map((a) => a.applicationId))]);
    const appOf = (allocationId: string) =>
      apps.find((x) => x.id === allocations.find((a) => a.id === allocationId)?.applicationId)!;
    const lines: MovementLine[] = [];
    for (const a of allocations) {
      const app = appOf(a.id);
      if (!organisationId)
        lines.push({
          date: (a.decidedAt ?? a.proposedAt).toISOString().slice(0, 10),
          requestId: a.requestId,
          reference: app.requestReference,
          organisationId: app.leadOrganisationId ?? '',
          kind: 'allocation',
          description: `allocation approved (${a.decisionRef})`,
          amount: a.amount,
          entryId: null,
        });
    }
    for (const t of await this.repo.transfers(allocationIds)) {
      if (organisationId && t.organisationId !== organisationId) continue;
      const app = appOf(t.allocationId);
      lines.push({
        date: t.executedAt.toISOString().slice(0, 10),
        requestId: app.requestId,
        reference: app.requestReference,
        organisationId: t.organisationId,
        kind: 'transfer',
        description: t.reversed ? 'transfer (reversed)' : 'transfer',
        amount: t.reversed ? '0' : t.amount,
        entryId: t.entryId,
      });
    }
    const reversed = new Set((await this.ledgerRepo.reversedEntryIds()).values());
    for (const e of await this.repo.expenditures(allocationIds)) {
      if (organisationId && e.organisationId !== organisationId) continue;
      const app = appOf(e.allocationId);
      const isReversed = reversed.has(e.entryId);
      lines.push({
        date: e.periodEnd,
        requestId: app.requestId,
        reference: app.requestReference,
        organisationId: e.organisationId,
        kind: 'expenditure',
        description: `expenditure ${e.periodStart ?? ''}..${e.periodEnd}${isReversed ? ' (reversed)' : ''}`,
        amount: isReversed ? '0' : e.amount,
        entryId: e.entryId,
      });
    }
    return lines.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  }

  private movementTotals(lines: MovementLine[]) {
    const sum = (k: MovementLine['kind']) =>
      lines.filter((l) => l.kind === k).reduce((s, l) => s + BigInt(l.amount), 0n);
    return {
      allocations: usd(sum('allocation')),
      transfers: usd(sum('transfer')),
      expenditure: usd(sum('expenditure')),
      deliveryRate: ratio(sum('expenditure'), sum('transfer')),
    };
  }

  /** A donor's statement: its money in (deposits, fee, refunds) and where it went (traced). */
  async donorStatement(actor: Actor, organisationId: string) {
    if (!isFundStaff(actor) && !(actor.role === 'donor' && actor.organisationId === organisationId))
      throw FundError('FUND_NOT_FOUND', 'no such donor');
    const [org] = await this.organisations.byIds([organisationId]);
    if (!org) throw FundError('FUND_NOT_FOUND', 'no such donor');
    const contributions = await this.repo.contributions({ contributorId: organisationId }, undefined, 100000);
    const deposits = await this.repo.deposits(contributions.map((c) => c.id));
    const refunds = await this.repo.refunds(contributions.map((c) => c.id));
    const lines: StatementLine[] = [];
    const ctx = await this.traceContext();
    for (const c of contributions) {
      lines.push({
        date: c.pledgedAt,
        contributionId: c.id,
        kind: 'pledge',
        reference: c.reference,
        description: `pledge (${c.earmarkType === 'none' ? 'unearmarked' : `earmarked: ${c.earmarkType}`})`,
        amount: c.pledgedAmount,
        currency: c.currency.trim(),
        usdAmount: '',
      });
      for (const d of deposits.filter((x) => x.contributionId === c.id)) {
        lines.push({
          date: d.receivedAt,
          contributionId: c.id,
          kind: 'deposit',
          reference: c.reference,
          description: 'deposit received',
          amount: d.amount,
          currency: d.currency.trim(),
          usdAmount: d.usdAmount,
        });
        lines.push({
          date: d.receivedAt,
          contributionId: c.id,
          kind: 'admin_fee',
          reference: c.reference,
          description: `administrative-agent fee ${this.config.fundAdminFeeBps / 100}%`,
          amount: `-${d.adminFeeUsd}`,
          currency: 'USD',
          usdAmount: `-${d.adminFeeUsd}`,
        });
      }
      for (const r of refunds.filter((x) => x.contributionId === c.id))
        lines.push({
          date: r.createdAt.toISOString().slice(0, 10),
          contributionId: c.id,
          kind: 'refund',
          reference: c.reference,
          description: r.reason,
          amount: `-${r.usdAmount}`,
          currency: 'USD',
          usdAmount: `-${r.usdAmount}`,
        });
      const t = await this.trace(c.id, ctx);
      for (const p of t.projects) {
        const date = (p.allocation.decidedAt ?? p.allocation.proposedAt).toISOString().slice(0, 10);
        const ref = p.application.requestReference;
        lines.push({
          date,
          contributionId: c.id,
          kind: 'allocated',
          reference: ref,
          description: `${t.method === 'direct' ? 'allocated' : 'attributed pro rata'}: ${p.application.title}`,
          amount: p.allocated.toString(),
          currency: 'USD',
          usdAmount: p.allocated.toString(),
        });
        lines.push({
          date,
          contributionId: c.id,
          kind: 'transferred',
          reference: ref,
          description: `transferred to ${p.application.countryCode} project`,
          amount: p.transferred.toString(),
          currency: 'USD',
          usdAmount: p.transferred.toString(),
        });
        lines.push({
          date,
          contributionId: c.id,
          kind: 'spent',
          reference: ref,
          description: 'reported spent',
          amount: p.spent.toString(),
          currency: 'USD',
          usdAmount: p.spent.toString(),
        });
      }
    }
    const views = await Promise.all(contributions.map((c) => this.contributions.view(c)));
    const sum = (k: 'depositedUsd' | 'adminFeeUsd' | 'refundedUsd' | 'netUsd') =>
      views.reduce((s, v) => s + BigInt(v[k].amount), 0n);
    return {
      organisation: { id: org.id, name: org.name, acronym: org.acronym, type: org.type },
      asOf: this.clock.now().toISOString(),
      totals: {
        deposits: usd(sum('depositedUsd')),
        adminFees: usd(sum('adminFeeUsd')),
        refunds: usd(sum('refundedUsd')),
        net: usd(sum('netUsd')),
      },
      contributions: views,
      lines,
    };
  }
}

export interface MovementLine {
  date: string;
  requestId: string;
  reference: string;
  organisationId: string;
  kind: 'allocation' | 'transfer' | 'expenditure';
  description: string;
  /** USD minor units as a string. */
  amount: string;
  entryId: string | null;
}

export interface TraceContext {
  sources: Awaited<ReturnType<FundRepository['allocationSources']>>;
  pooled: FundContributionEntity[];
  weights: bigint[];
}

export interface StatementLine {
  date: string;
  contributionId: string;
  kind: string;
  reference: string;
  description: string;
  /** Minor units as a string. */
  amount: string;
  currency: string;
  usdAmount: string;
}
