import { Inject, Injectable } from '@nestjs/common';
import { Actor, allocateProRata, APP_CONFIG, AppConfig, Clock, Database, toDto } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { earmarkMatches } from '../allocation/allocation.workflow';
import { FundApplicationEntity } from '../allocation/application.entity';
import { ContributionService, isFundStaff } from '../contribution/contribution.service';
import { FundContributionEntity } from '../contribution/contribution.entity';
import { AttributionRepository } from '../allocation/attribution.repository';
import { FundError } from '../fund.errors';
import {
  FundRepository,
  MarkerFilter,
  MarkerName,
  MARKERS,
  SummaryContribution,
  SummaryProject,
} from '../fund.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { FUND_REQUEST_PORT, FundRequestPort } from '../ports';
import { allocationFigures, ratio } from './figures';
import { MARKER_VALUES } from './marker-flags';
import { Cutoff, cutoffOf, units, withHash } from './statement';

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
  /** The last answers, per marker filter (at most 5³ filters), for one state of the books. */
  private cache?: { key: string; values: Map<string, unknown> };

  constructor(
    private readonly db: Database,
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly attribution: AttributionRepository,
    private readonly contributions: ContributionService,
    private readonly organisations: OrganisationService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FUND_REQUEST_PORT) private readonly requests: FundRequestPort,
  ) {}

  /** Cached until the journal, an application or an allocation changes (decided on the small tables' counters, not the journal). */
  async summary(markers: MarkerFilter = {}) {
    const [{ key }] = await this.db.query<{ key: string }>(
      `SELECT concat_ws('/', (SELECT coalesce(sum("lines"), 0) FROM "fund_balance"), (SELECT coalesce(sum("version"), 0) FROM "fund_application"), (SELECT coalesce(sum("version"), 0) FROM "fund_allocation")) AS "key"`,
    );
    if (this.cache?.key !== key) this.cache = { key, values: new Map() };
    const filter = MARKERS.map((m) => markers[m] ?? '').join('/');
    if (!this.cache.values.has(filter)) this.cache.values.set(filter, await this.computeSummary(markers));
    return this.cache.values.get(filter);
  }

  /**
   * Every figure comes from SQL aggregates over the balance table: its size is the number of accounts, not of
   * journal lines. A marker filter narrows what was allocated (totals of allocations, transfers, expenditure;
   * by organisation, country, objective and marker; the projects); the money in (deposits, fees, refunds,
   * unallocated, donors, pipeline) is the fund's whole, which no marker divides.
   */
  private async computeSummary(markers: MarkerFilter) {
    const contributions = await this.repo.summaryContributions();
    const projects = await this.repo.summaryProjects({}, markers);
    const organisationFlows = await this.repo.summaryOrganisations(markers);
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
      filter: Object.fromEntries(MARKERS.map((m) => [m, markers[m] ?? null])),
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
      byMarker: {
        gender: this.byMarker(projects, 'genderMarker'),
        humanRights: this.byMarker(projects, 'humanRightsMarker'),
        childSensitivity: this.byMarker(projects, 'childSensitivityMarker'),
      },
      projects: projects.length,
      // the full per-project list is GET /fund/projects (paginated); here only those flagged by the burn-rate forecast
      underDelivery: projects
        .map((p) => this.projectView(p))
        .filter((p) => p.forecast.underDelivery)
        .slice(0, 100),
      pipeline: await this.pipeline(contributions),
    };
  }

  /** Funded projects with their figures and forecast, keyset-paginated by allocation id (public), filtered by marker. */
  async projects(afterId: string | undefined, limit: number, markers: MarkerFilter = {}) {
    return (await this.repo.summaryProjects({ afterId, limit }, markers)).map((p) => this.projectView(p));
  }

  /**
   * Allocated, transferred and spent per value of one marker (0-3, then null: no assessment, or a child-
   * sensitivity marker not scored), each value listed even when no project has it; a project counts once.
   */
  private byMarker(projects: SummaryProject[], marker: MarkerName) {
    const values: (number | null)[] = [...MARKER_VALUES, null];
    return values.map((value) => {
      const of = projects.filter((p) => p[marker] === value);
      return { value, projects: of.length, ...flowView(of.reduce<Flow>((s, p) => add(s, p), ZERO)) };
    });
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
      markers: {
        genderMarker: p.genderMarker,
        humanRightsMarker: p.humanRightsMarker,
        childSensitivityMarker: p.childSensitivityMarker,
      },
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
   * Where a contribution went, as the books stood before `ctx.before` (only rows recorded earlier:
   * the answer for a past moment never changes). Earmarked: directly, from the allocation entries
   * that drew on it (less what returns put back). Pooled: the attribution stored with each
   * allocation at its approval (less what returns booked back). Transfers and spending follow in
   * the proportion that part bears to the allocation.
   */
  async trace(
    contributionId: string,
    shared?: TraceContext,
  ): Promise<{
    contribution: FundContributionEntity;
    method: 'direct' | 'attributed';
    projects: TracedProject[];
  }> {
    const c = await this.repo.contribution(contributionId);
    if (!c) throw FundError('FUND_NOT_FOUND', 'no such contribution');
    const { before } = shared ?? (await this.traceContext());
    const draws =
      c.earmarkType === 'none'
        ? await this.attribution.pooledDraws(c.id, before)
        : await this.attribution.earmarkedDraws(c.id, before);
    const drawn = new Map(draws.filter((d) => d.amount > 0n).map((d) => [d.allocationId, d.amount]));
    const ids = [...drawn.keys()].sort();
    const allocations = await Promise.all(ids.map((id) => this.repo.allocation(id)));
    const apps = await this.repo.applications(allocations.map((a) => a!.applicationId));
    const balances = await this.ledgerRepo.balancesAsOf('allocation', ids, before);
    const projects = allocations.map((a) => {
      const f = allocationFigures(balances.filter((b) => b.allocationId === a!.id));
      const d = drawn.get(a!.id)!;
      const organisations = new Map<string, { transferred: bigint; spent: bigint }>();
      for (const [org, o] of [...f.byOrganisation].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
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
    return { contribution: c, method: c.earmarkType === 'none' ? 'attributed' : 'direct', projects };
  }

  /** The moment tracing reads up to (now, unless given): share it when tracing many (statements, IATI). */
  async traceContext(cutoff?: Cutoff): Promise<TraceContext> {
    return { before: (cutoff ?? cutoffOf(undefined, this.clock.now())).before };
  }

  /** A contribution's tracing as of `asOf` (a past day or instant; now without it), with its hash. */
  async tracing(actor: Actor, contributionId: string, asOf?: string) {
    const cutoff = cutoffOf(asOf, this.clock.now());
    const c = await this.repo.contribution(contributionId);
    if (!c || !this.contributions.canSee(actor, c)) throw FundError('FUND_NOT_FOUND', 'no such contribution');
    if (!(await this.ledgerRepo.recordedBefore([c.id], 'subject', cutoff.before, 'pledge')).has(c.id))
      throw FundError('FUND_NOT_FOUND', 'no such contribution as of that moment');
    const t = await this.trace(contributionId, await this.traceContext(cutoff));
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
    const byKey = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return withHash({
      asOf: cutoff.label,
      contribution: this.contributions.viewWith(
        c,
        await this.ledgerRepo.balancesAsOf('contribution', [c.id], cutoff.before),
      ),
      method: t.method,
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
      countries: byKey(countries).map(([code, f]) => ({ countryCode: code, ...flowView(f) })),
      organisations: byKey(organisations).map(([id, f]) => ({
        organisationId: id,
        acronym: orgs.get(id)?.acronym ?? null,
        transfers: usd(f.transferred),
        expenditure: usd(f.spent),
      })),
    });
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

  /** Donor statement lines for CSV: amounts in currency units (`12345.67`) beside their currency, USD beside. */
  donorCsvRows(lines: StatementLine[]) {
    return lines.map((l) => ({
      ...l,
      amount: units(l.amount, this.minorUnits(l.currency)),
      usdAmount: l.usdAmount === '' ? '' : units(l.usdAmount, 2),
    }));
  }

  /** Movement lines for CSV: USD in currency units with the currency column. */
  movementCsvRows(lines: MovementLine[]) {
    return lines.map((l) => ({ ...l, amount: units(l.amount, 2), currency: 'USD' }));
  }

  private minorUnits(code: string): number {
    return this.reference.currency(code)?.minorUnits ?? 2;
  }

  /**
   * A donor's statement as of `asOf` (a past day or instant; now without it): its money in
   * (pledges, deposits, fee, refunds, reversals), its outstanding pledges, and where the money went
   * (traced) with what it reached (each project's status and reports then). Computed only from rows
   * recorded before the cut-off, so the same `asOf` gives the same statement, and the same `sha256`,
   * forever.
   */
  async donorStatement(actor: Actor, organisationId: string, asOf?: string) {
    const cutoff = cutoffOf(asOf, this.clock.now());
    const { before } = cutoff;
    if (!isFundStaff(actor) && !(actor.role === 'donor' && actor.organisationId === organisationId))
      throw FundError('FUND_NOT_FOUND', 'no such donor');
    const [org] = await this.organisations.byIds([organisationId]);
    if (!org) throw FundError('FUND_NOT_FOUND', 'no such donor');
    const all = await this.repo.contributions({ contributorId: organisationId }, undefined, 100000);
    const pledged = await this.ledgerRepo.recordedBefore(
      all.map((c) => c.id),
      'subject',
      before,
      'pledge',
    );
    const contributions = all.filter((c) => pledged.has(c.id));
    const ids = contributions.map((c) => c.id);
    const allDeposits = await this.repo.deposits(ids);
    const allRefunds = await this.repo.refunds(ids);
    const recorded = await this.ledgerRepo.recordedBefore(
      [...allDeposits, ...allRefunds].map((x) => x.entryId),
      'id',
      before,
    );
    const deposits = allDeposits.filter((d) => recorded.has(d.entryId));
    const refunds = allRefunds.filter((r) => recorded.has(r.entryId));
    const reversals = await this.ledgerRepo.reversalsAsOf(
      [...deposits, ...refunds].map((x) => x.entryId),
      before,
    );
    const balances = await this.ledgerRepo.balancesAsOf('contribution', ids, before);
    const lines: StatementLine[] = [];
    const ctx = await this.traceContext(cutoff);
    const reached = new Map<
      string,
      { project: TracedProject; allocated: bigint; transferred: bigint; spent: bigint }
    >();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    for (const c of contributions) {
      const base = { contributionId: c.id, reference: c.reference };
      lines.push({
        ...base,
        date: c.pledgedAt,
        kind: 'pledge',
        description: `pledge (${c.earmarkType === 'none' ? 'unearmarked' : `earmarked: ${c.earmarkType}`})`,
        amount: c.pledgedAmount,
        currency: c.currency.trim(),
        usdAmount: '',
      });
      for (const d of deposits.filter((x) => x.contributionId === c.id)) {
        lines.push({
          ...base,
          date: d.receivedAt,
          kind: 'deposit',
          description: 'deposit received',
          amount: d.amount,
          currency: d.currency.trim(),
          usdAmount: d.usdAmount,
        });
        lines.push({
          ...base,
          date: d.receivedAt,
          kind: 'admin_fee',
          description: `administrative-agent fee ${this.config.fundAdminFeeBps / 100}%`,
          amount: `-${d.adminFeeUsd}`,
          currency: 'USD',
          usdAmount: `-${d.adminFeeUsd}`,
        });
        const reversedAt = reversals.get(d.entryId);
        if (reversedAt)
          lines.push({
            ...base,
            date: day(reversedAt),
            kind: 'reversal',
            description: `deposit of ${d.receivedAt} reversed (fee included)`,
            amount: `-${d.amount}`,
            currency: d.currency.trim(),
            usdAmount: `-${d.usdAmount}`,
          });
      }
      for (const r of refunds.filter((x) => x.contributionId === c.id)) {
        lines.push({
          ...base,
          date: day(r.createdAt),
          kind: 'refund',
          description: r.reason,
          amount: `-${r.usdAmount}`,
          currency: 'USD',
          usdAmount: `-${r.usdAmount}`,
        });
        const reversedAt = reversals.get(r.entryId);
        if (reversedAt)
          lines.push({
            ...base,
            date: day(reversedAt),
            kind: 'reversal',
            description: 'refund reversed',
            amount: r.usdAmount,
            currency: 'USD',
            usdAmount: r.usdAmount,
          });
      }
      const t = await this.trace(c.id, ctx);
      for (const p of t.projects) {
        const date = day(p.allocation.decidedAt ?? p.allocation.proposedAt);
        const ref = p.application.requestReference;
        const traced = { ...base, date, reference: ref, currency: 'USD' };
        lines.push({
          ...traced,
          kind: 'allocated',
          description: `${t.method === 'direct' ? 'allocated' : 'attributed at approval'}: ${p.application.title}`,
          amount: p.allocated.toString(),
          usdAmount: p.allocated.toString(),
        });
        lines.push({
          ...traced,
          kind: 'transferred',
          description: `transferred to ${p.application.countryCode} project`,
          amount: p.transferred.toString(),
          usdAmount: p.transferred.toString(),
        });
        lines.push({
          ...traced,
          kind: 'spent',
          description: 'reported spent',
          amount: p.spent.toString(),
          usdAmount: p.spent.toString(),
        });
        const r = reached.get(p.allocation.id) ?? { project: p, allocated: 0n, transferred: 0n, spent: 0n };
        r.allocated += p.allocated;
        r.transferred += p.transferred;
        r.spent += p.spent;
        reached.set(p.allocation.id, r);
      }
    }
    const views = contributions.map((c) =>
      this.contributions.viewWith(
        c,
        balances.filter((b) => b.contributionId === c.id),
      ),
    );
    const sum = (k: 'depositedUsd' | 'adminFeeUsd' | 'refundedUsd' | 'netUsd') =>
      views.reduce((s, v) => s + BigInt(v[k].amount), 0n);
    const outstanding = new Map<string, bigint>();
    for (const v of views)
      outstanding.set(
        v.outstanding.currency,
        (outstanding.get(v.outstanding.currency) ?? 0n) + BigInt(v.outstanding.amount),
      );
    const reachedIds = [...reached.keys()].sort();
    const then = new Map(
      (
        await this.requests.projectsAsOf(
          reachedIds.map((id) => reached.get(id)!.project.application.requestId),
          before,
        )
      ).map((p) => [p.requestId, p]),
    );
    return withHash({
      organisation: { id: org.id, name: org.name, acronym: org.acronym, type: org.type },
      asOf: cutoff.label,
      totals: {
        deposits: usd(sum('depositedUsd')),
        adminFees: usd(sum('adminFeeUsd')),
        refunds: usd(sum('refundedUsd')),
        net: usd(sum('netUsd')),
      },
      outstandingPledges: [...outstanding]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([currency, amount]) => toDto({ amount, currency })),
      contributions: views,
      reached: reachedIds.map((id) => {
        const r = reached.get(id)!;
        const app = r.project.application;
        const h = then.get(app.requestId);
        return {
          allocationId: id,
          requestId: app.requestId,
          reference: app.requestReference,
          title: app.title,
          countryCode: app.countryCode,
          objectives: app.objectives,
          status: h?.status ?? null,
          ...flowView(r),
          reports: h?.reports ?? [],
          indicatorResults: [],
        };
      }),
      lines,
    });
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

/** What tracing reads up to: rows recorded before `before`. */
export interface TraceContext {
  before: Date;
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
