import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import worldCountries from 'world-countries';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { FundRepository } from '../fund.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { allocationFigures, decimal } from './figures';
import { ReportingService } from './reporting.service';

/** Our reporting-organisation identifier (XM-: international, no registration agency). */
export const IATI_ORG_REF = 'XM-CBM-SUF';
const ALPHA2 = new Map(worldCountries.map((c) => [c.cca3, c.cca2]));
/** IATI OrganisationType codes for our organisation types. */
const ORG_TYPE: Record<string, string> = {
  un_entity: '40',
  ifi: '40',
  member_state: '10',
  private_sector: '70',
  foundation: '60',
  civil_society: '22',
  local_authority: '10',
  academia: '80',
  other: '90',
};

/**
 * Each funded request as an IATI 2.03 activity: elements in the order the activity schema
 * requires; the request reference is part of the identifier, so one id threads from request to IATI.
 */
@Injectable()
export class IatiService {
  constructor(
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly reporting: ReportingService,
    private readonly organisations: OrganisationService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async activitiesXml(): Promise<string> {
    const now = this.clock.now();
    const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const allocations = await this.repo.allocations({ status: 'approved' });
    const apps = await this.repo.applications(allocations.map((a) => a.applicationId));
    const balances = await this.ledgerRepo.balancesFor(
      'allocation',
      allocations.map((a) => a.id),
    );
    const transfers = await this.repo.transfers(allocations.map((a) => a.id));
    const expenditures = await this.repo.expenditures(allocations.map((a) => a.id));
    const contributions = await this.repo.contributions({}, undefined, 100000);
    // funders of each activity: the contributors whose money reached it (direct or pro rata)
    const funders = new Map<string, Map<string, bigint>>();
    const ctx = await this.reporting.traceContext();
    for (const c of contributions) {
      const t = await this.reporting.trace(c.id, ctx);
      for (const p of t.projects) {
        const m = funders.get(p.allocation.id) ?? new Map<string, bigint>();
        m.set(c.contributorId, (m.get(c.contributorId) ?? 0n) + p.allocated);
        funders.set(p.allocation.id, m);
      }
    }
    const orgIds = new Set<string>([
      ...contributions.map((c) => c.contributorId),
      ...apps.flatMap((a) => a.organisationIds),
      ...transfers.map((t) => t.organisationId),
    ]);
    const orgs = new Map((await this.organisations.byIds([...orgIds])).map((o) => [o.id, o]));
    const orgRef = (id: string) => `${IATI_ORG_REF}-ORG-${orgs.get(id)?.acronym?.replace(/[^A-Za-z0-9-]/g, '') ?? id}`;
    // escaping by xmlbuilder2; characters XML 1.0 cannot carry (control characters, lone surrogates) are dropped
    const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
    const root = doc.ele('iati-activities', { version: '2.03', 'generated-datetime': stamp });
    for (const a of allocations) {
      const app = apps.find((x) => x.id === a.applicationId)!;
      const f = allocationFigures(balances.filter((b) => b.allocationId === a.id));
      const start = (a.decidedAt ?? a.proposedAt).toISOString().slice(0, 10);
      const endDate = new Date(a.decidedAt ?? a.proposedAt);
      endDate.setUTCMonth(endDate.getUTCMonth() + a.durationMonths);
      const end = endDate.toISOString().slice(0, 10);
      const act = root.ele('iati-activity', {
        'last-updated-datetime': stamp,
        'xml:lang': 'en',
        'default-currency': 'USD',
        humanitarian: '0',
      });
      act.ele('iati-identifier').txt(`${IATI_ORG_REF}-${app.requestReference}`);
      act
        .ele('reporting-org', { ref: IATI_ORG_REF, type: '40' })
        .ele('narrative')
        .txt('Start-up fund of the capacity-building mechanism for migration (GCM para 42)');
      act.ele('title').ele('narrative').txt(app.title);
      act.ele('description', { type: '1' }).ele('narrative').txt(app.justification);
      for (const [id] of funders.get(a.id) ?? new Map())
        act
          .ele('participating-org', {
            ref: orgRef(id),
            role: '1',
            type: ORG_TYPE[orgs.get(id)?.type ?? 'other'] ?? '90',
          })
          .ele('narrative')
          .txt(orgs.get(id)?.name ?? id);
      act
        .ele('participating-org', { ref: IATI_ORG_REF, role: '2', type: '40' })
        .ele('narrative')
        .txt('Start-up fund of the capacity-building mechanism for migration');
      for (const id of app.organisationIds)
        act
          .ele('participating-org', {
            ref: orgRef(id),
            role: '4',
            type: ORG_TYPE[orgs.get(id)?.type ?? 'other'] ?? '90',
          })
          .ele('narrative')
          .txt(orgs.get(id)?.name ?? id);
      act.ele('activity-status', {
        code: app.requestStatus === 'completed' || app.requestStatus === 'closed' ? '3' : '2',
      });
      act.ele('activity-date', { type: '1', 'iso-date': start });
      if (f.transferred > 0n)
        act.ele('activity-date', {
          type: '2',
          'iso-date': (transfers.find((t) => t.allocationId === a.id)?.executedAt ?? new Date(start))
            .toISOString()
            .slice(0, 10),
        });
      act.ele('activity-date', { type: '3', 'iso-date': end });
      const alpha2 = ALPHA2.get(app.countryCode);
      if (alpha2) act.ele('recipient-country', { code: alpha2, percentage: '100' });
      act
        .ele('sector', { vocabulary: '1', code: '15190', percentage: '100' })
        .ele('narrative')
        .txt('Facilitation of orderly, safe, regular and responsible migration and mobility');
      const objs = app.objectives.length ? app.objectives : [];
      const pcts = splitPercent(objs.length);
      objs.forEach((o, i) =>
        act
          .ele('sector', {
            vocabulary: '99',
            'vocabulary-uri': 'https://www.un.org/en/migration2022/global-compact-for-migration',
            code: `GCM-${o}`,
            percentage: pcts[i],
          })
          .ele('narrative')
          .txt(this.reference.objective(o)?.title ?? `GCM objective ${o}`),
      );
      act.ele('default-flow-type', { code: '10' });
      act.ele('default-finance-type', { code: '110' });
      act.ele('default-aid-type', { code: 'B04', vocabulary: '1' });
      const budget = act.ele('budget', { type: '1', status: '2' });
      budget.ele('period-start', { 'iso-date': start });
      budget.ele('period-end', { 'iso-date': end });
      budget.ele('value', { currency: 'USD', 'value-date': start }).txt(decimal(f.allocated));
      for (const [id, amount] of funders.get(a.id) ?? new Map<string, bigint>()) {
        this.transaction(act, '1', start, amount, `contribution from ${orgs.get(id)?.name ?? id}`, {
          provider: { ref: orgRef(id), name: orgs.get(id)?.name ?? id },
        });
      }
      this.transaction(act, '2', start, f.allocated, `allocation approved (${a.decisionRef ?? ''})`, {});
      for (const t of transfers.filter((x) => x.allocationId === a.id && !x.reversed)) {
        this.transaction(
          act,
          '3',
          t.executedAt.toISOString().slice(0, 10),
          BigInt(t.amount),
          'transfer to implementing organisation',
          { receiver: { ref: orgRef(t.organisationId), name: orgs.get(t.organisationId)?.name ?? t.organisationId } },
        );
      }
      for (const e of expenditures.filter((x) => x.allocationId === a.id)) {
        this.transaction(
          act,
          '4',
          e.periodEnd,
          BigInt(e.amount),
          `expenditure reported for the period ending ${e.periodEnd}`,
          { provider: { ref: orgRef(e.organisationId), name: orgs.get(e.organisationId)?.name ?? e.organisationId } },
        );
      }
    }
    return `${doc.end({ prettyPrint: true })}\n`;
  }

  private transaction(
    act: XMLBuilder,
    type: string,
    date: string,
    amount: bigint,
    description: string,
    o: { provider?: { ref: string; name: string }; receiver?: { ref: string; name: string } },
  ) {
    const t = act.ele('transaction');
    t.ele('transaction-type', { code: type });
    t.ele('transaction-date', { 'iso-date': date });
    t.ele('value', { currency: 'USD', 'value-date': date }).txt(decimal(amount));
    t.ele('description').ele('narrative').txt(description);
    if (o.provider) t.ele('provider-org', { ref: o.provider.ref }).ele('narrative').txt(o.provider.name);
    if (o.receiver) t.ele('receiver-org', { ref: o.receiver.ref }).ele('narrative').txt(o.receiver.name);
  }
}

/** Percentages that add up to exactly 100 with two decimals. */
export function splitPercent(n: number): string[] {
  if (n === 0) return [];
  const base = Math.floor(10000 / n);
  return Array.from({ length: n }, (_, i) => base + (i < 10000 - base * n ? 1 : 0)).map(
    (v) => `${Math.floor(v / 100)}${v % 100 ? `.${String(v % 100).padStart(2, '0')}` : ''}`,
  );
}
