import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import worldCountries from 'world-countries';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { FundApplicationEntity } from '../allocation/application.entity';
import { FundRepository } from '../fund.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import {
  FUND_KNOWLEDGE_PORT,
  FUND_REQUEST_PORT,
  FundKnowledgePort,
  FundRequestPort,
  PublishedKnowledgeItem,
  RequestPublicationFacts,
  RequestResultsFacts,
} from '../ports';
import { allocationFigures, decimal } from './figures';
import { budgetPeriods, OWN_POLICY_MARKERS, plannedEnd, policySignificance, splitPercent } from './iati.rules';
import { ReportingService } from './reporting.service';
import { IatiFigure, IatiResult, iatiResults } from './results';

export { splitPercent } from './iati.rules';

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
/** RelatedActivityType 3 (sibling): both are projects of the same fund; IATI has no code for "replicates". */
const RELATED_SIBLING = '3';

/** An organisation as the IATI files cite it: its registered identifier when it has one, its name always. */
interface OrgCitation {
  ref: string | null;
  name: string;
  type: string;
}

/**
 * The fund's IATI 2.03 files: each funded request as an activity (elements in the order the activity
 * schema requires; the request reference is part of the identifier, so one id threads from request to
 * IATI) and the fund as an organisation. The reporting organisation is configuration
 * (IATI_REPORTING_ORG_REF, a registered identifier); other organisations are cited by their registered
 * identifier (`organisation.iati_ref`) when they have one, else by name alone: no identifier is made up.
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
    @Inject(FUND_REQUEST_PORT) private readonly requests: FundRequestPort,
    @Inject(FUND_KNOWLEDGE_PORT) private readonly knowledge: FundKnowledgePort,
  ) {}

  private get reportingOrg() {
    return this.config.iatiReportingOrg;
  }

  /** The activity identifier of a request: the reporting organisation's identifier, then the request reference. */
  activityId(requestReference: string): string {
    return `${this.reportingOrg.ref}-${requestReference}`;
  }

  async activitiesXml(): Promise<string> {
    const stamp = this.stamp();
    const today = this.clock.now().toISOString().slice(0, 10);
    const allocations = await this.repo.allocations({ status: 'approved' });
    const apps = new Map((await this.repo.applications(allocations.map((a) => a.applicationId))).map((a) => [a.id, a]));
    const ids = allocations.map((a) => a.id);
    const balances = await this.ledgerRepo.balancesFor('allocation', ids);
    const transfers = (await this.repo.transfers(ids)).filter((t) => !t.reversed);
    // returns of unspent funds: the commitment and budgets are net of them (the allocation's balance), so are the disbursements
    const returns = await this.repo.returns(ids);
    const expenditures = await this.spent(ids);
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
    const requestIds = allocations.map((a) => a.requestId);
    const facts = new Map((await this.requests.publicationFacts(requestIds)).map((f) => [f.requestId, f]));
    const documents = groupBy(await this.knowledge.publishedFromRequests(requestIds), (d) => d.requestId);
    const results = await this.resultsFor(requestIds);
    // a related activity is cited only when it is published here too (its identifier then exists)
    const published = new Map(allocations.map((a) => [a.requestId, apps.get(a.applicationId)!.requestReference]));
    const orgs = await this.citations([
      ...contributions.map((c) => c.contributorId),
      ...[...apps.values()].flatMap((a) => a.organisationIds),
      ...transfers.map((t) => t.organisationId),
      ...returns.map((r) => r.organisationId),
      ...expenditures.map((e) => e.organisationId),
    ]);
    const org = (id: string): OrgCitation => orgs.get(id) ?? { ref: null, name: id, type: '90' };

    // escaping by xmlbuilder2; characters XML 1.0 cannot carry (control characters, lone surrogates) are dropped
    const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
    const root = doc.ele('iati-activities', { version: '2.03', 'generated-datetime': stamp });
    for (const a of allocations) {
      const app = apps.get(a.applicationId)!;
      const f = allocationFigures(balances.filter((b) => b.allocationId === a.id));
      const own = transfers.filter((t) => t.allocationId === a.id);
      const spent = expenditures.filter((e) => e.allocationId === a.id);
      const decided = isoDate(a.decidedAt ?? a.proposedAt);
      const end = plannedEnd(decided, a.durationMonths);
      const firstTransfer = own.map((t) => isoDate(t.executedAt)).sort()[0];
      const act = root.ele('iati-activity', {
        'last-updated-datetime': stamp,
        'xml:lang': 'en',
        'default-currency': 'USD',
        humanitarian: '0',
      });
      act.ele('iati-identifier').txt(this.activityId(app.requestReference));
      this.reportingOrgElement(act);
      act.ele('title').ele('narrative').txt(app.title);
      act.ele('description', { type: '1' }).ele('narrative').txt(app.justification);
      for (const [id] of funders.get(a.id) ?? new Map()) participating(act, '1', org(id));
      participating(act, '2', { ...this.reportingOrg });
      for (const id of app.organisationIds) participating(act, '4', org(id));
      // ActivityStatus: 2 implementation, 3 finalisation (the work done, the books still open), 4 closed (both closures in)
      const status = app.requestStatus === 'closed' ? '4' : app.requestStatus === 'completed' ? '3' : '2';
      act.ele('activity-status', { code: status });
      act.ele('activity-date', { type: '1', 'iso-date': decided });
      // actual start: the first money that reached an implementing organisation, else the decision
      act.ele('activity-date', { type: '2', 'iso-date': firstTransfer ?? decided });
      // planned end (3): the decision plus the duration, as extended; actual end (4): the financial closure, once in
      act.ele('activity-date', { type: '3', 'iso-date': end });
      if (a.financiallyClosedAt) act.ele('activity-date', { type: '4', 'iso-date': isoDate(a.financiallyClosedAt) });
      const alpha2 = ALPHA2.get(app.countryCode);
      if (alpha2) act.ele('recipient-country', { code: alpha2, percentage: '100' });
      this.sectors(act, app);
      this.policyMarkers(act, facts.get(app.requestId));
      act.ele('default-flow-type', { code: '10' });
      act.ele('default-finance-type', { code: '110' });
      act.ele('default-aid-type', { code: 'B04', vocabulary: '1' });
      for (const p of budgetPeriods(decided, end, f.allocated)) {
        const budget = act.ele('budget', { type: '1', status: '2' });
        budget.ele('period-start', { 'iso-date': p.start });
        budget.ele('period-end', { 'iso-date': p.end });
        budget.ele('value', { currency: 'USD', 'value-date': p.start }).txt(decimal(p.value));
      }
      // incoming funds and the commitment happen at the steering committee's decision
      for (const [id, amount] of funders.get(a.id) ?? new Map<string, bigint>())
        transaction(act, '1', decided, amount, `contribution from ${org(id).name}`, { provider: org(id) });
      transaction(act, '2', decided, f.allocated, `allocation approved (${a.decisionRef ?? ''})`, {});
      for (const t of own)
        transaction(act, '3', isoDate(t.executedAt), BigInt(t.amount), 'transfer to implementing organisation', {
          receiver: org(t.organisationId),
        });
      // money an implementing organisation sent back: a negative disbursement on the day it was received
      for (const r of returns.filter((x) => x.allocationId === a.id))
        transaction(act, '3', r.receivedAt, -BigInt(r.amount), 'unspent funds returned by implementing organisation', {
          receiver: org(r.organisationId),
        });
      // expenditure is dated by the end of the period it was spent in (never later than today)
      for (const e of spent)
        transaction(
          act,
          '4',
          e.periodEnd < today ? e.periodEnd : today,
          BigInt(e.amount),
          `expenditure reported for ${e.periodStart ? `${e.periodStart} to ` : 'the period ending '}${e.periodEnd}`,
          { provider: org(e.organisationId) },
        );
      for (const d of documents.get(app.requestId) ?? []) this.documentLink(act, d);
      for (const r of facts.get(app.requestId)?.linkedRequests ?? []) {
        const ref = published.get(r.requestId);
        if (ref && r.requestId !== app.requestId)
          act.ele('related-activity', { ref: this.activityId(ref), type: RELATED_SIBLING });
      }
      writeResults(act, iatiResults(results.get(app.requestId)?.indicators ?? [], decided, end));
    }
    return `${doc.end({ prettyPrint: true })}\n`;
  }

  /**
   * The fund as an IATI organisation (iati-organisations 2.03): its total budget (every funded
   * activity's budget periods, added up per calendar year) and its total expenditure (what the
   * implementing organisations reported spent, per calendar year of the spending).
   */
  async organisationXml(): Promise<string> {
    const stamp = this.stamp();
    const today = this.clock.now().toISOString().slice(0, 10);
    const allocations = await this.repo.allocations({ status: 'approved' });
    const ids = allocations.map((a) => a.id);
    const balances = await this.ledgerRepo.balancesFor('allocation', ids);
    const budgetByYear = new Map<string, bigint>();
    for (const a of allocations) {
      const decided = isoDate(a.decidedAt ?? a.proposedAt);
      const allocated = allocationFigures(balances.filter((b) => b.allocationId === a.id)).allocated;
      for (const p of budgetPeriods(decided, plannedEnd(decided, a.durationMonths), allocated))
        addTo(budgetByYear, p.start.slice(0, 4), p.value);
    }
    const spentByYear = new Map<string, bigint>();
    for (const e of await this.spent(ids))
      addTo(spentByYear, (e.periodEnd < today ? e.periodEnd : today).slice(0, 4), BigInt(e.amount));

    const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
    const root = doc.ele('iati-organisations', { version: '2.03', 'generated-datetime': stamp });
    const o = root.ele('iati-organisation', {
      'last-updated-datetime': stamp,
      'xml:lang': 'en',
      'default-currency': 'USD',
    });
    o.ele('organisation-identifier').txt(this.reportingOrg.ref);
    o.ele('name').ele('narrative').txt(this.reportingOrg.name);
    this.reportingOrgElement(o);
    for (const year of [...budgetByYear.keys()].sort()) {
      const b = o.ele('total-budget', { status: '2' });
      b.ele('period-start', { 'iso-date': `${year}-01-01` });
      b.ele('period-end', { 'iso-date': `${year}-12-31` });
      b.ele('value', { currency: 'USD', 'value-date': `${year}-01-01` }).txt(decimal(budgetByYear.get(year)!));
    }
    for (const year of [...spentByYear.keys()].sort()) {
      const x = o.ele('total-expenditure');
      x.ele('period-start', { 'iso-date': `${year}-01-01` });
      // the current year is reported up to today
      const yearEnd = `${year}-12-31` < today ? `${year}-12-31` : today;
      x.ele('period-end', { 'iso-date': yearEnd });
      x.ele('value', { currency: 'USD', 'value-date': `${year}-01-01` }).txt(decimal(spentByYear.get(year)!));
    }
    return `${doc.end({ prettyPrint: true })}\n`;
  }

  /** Each request's results framework with the actuals of accepted reports (the hub's, through the port). */
  protected async resultsFor(requestIds: string[]): Promise<Map<string, RequestResultsFacts>> {
    return new Map((await this.requests.resultsOf(requestIds)).map((r) => [r.requestId, r]));
  }

  /** Expenditure reported on the allocations, less what was reversed (a reversed report is not spending). */
  private async spent(allocationIds: string[]) {
    const reversed = new Set(await this.ledgerRepo.reversedEntryIds());
    return (await this.repo.expenditures(allocationIds)).filter((e) => !reversed.has(e.entryId));
  }

  private stamp(): string {
    return this.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  private reportingOrgElement(parent: XMLBuilder) {
    parent
      .ele('reporting-org', { ref: this.reportingOrg.ref, type: this.reportingOrg.type })
      .ele('narrative')
      .txt(this.reportingOrg.name);
  }

  private async citations(ids: string[]): Promise<Map<string, OrgCitation>> {
    const found = await this.organisations.byIds([...new Set(ids)]);
    return new Map(found.map((o) => [o.id, { ref: o.iatiRef, name: o.name, type: ORG_TYPE[o.type] ?? '90' }]));
  }

  /** DAC 5-digit sector 15190 (migration) for all of it, and the GCM objectives in a vocabulary of our own. */
  private sectors(act: XMLBuilder, app: FundApplicationEntity) {
    act
      .ele('sector', { vocabulary: '1', code: '15190', percentage: '100' })
      .ele('narrative')
      .txt('Facilitation of orderly, safe, regular and responsible migration and mobility');
    const pcts = splitPercent(app.objectives.length);
    app.objectives.forEach((o, i) =>
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
  }

  /**
   * The assessment's markers as policy markers, significance on the PolicySignificance codelist (0 not targeted,
   * 1 significant, 2 principal objective; `policySignificance`). Gender on the OECD DAC gender equality marker
   * (vocabulary 1, code 1; a narrative is allowed only with vocabulary 99, so none). Human rights and child
   * sensitivity, for which the DAC has no marker, in the reporting organisation's own vocabulary (99), each with
   * its code and a narrative saying what it is. Nothing before an assessment counts; a child-sensitivity
   * marker the assessment did not score is left out.
   */
  private policyMarkers(act: XMLBuilder, f: RequestPublicationFacts | undefined) {
    if (f?.genderMarker != null)
      act.ele('policy-marker', { vocabulary: '1', code: '1', significance: policySignificance(f.genderMarker) });
    const own = (code: string, marker: number, narrative: string) =>
      act
        .ele('policy-marker', { vocabulary: '99', code, significance: policySignificance(marker) })
        .ele('narrative')
        .txt(narrative);
    if (f?.humanRightsMarker != null)
      own(
        OWN_POLICY_MARKERS.humanRights,
        f.humanRightsMarker,
        `Human rights: human rights-based approach (human rights marker ${f.humanRightsMarker})`,
      );
    if (f?.childSensitivityMarker != null)
      own(
        OWN_POLICY_MARKERS.childSensitivity,
        f.childSensitivityMarker,
        `Child sensitivity: the rights and needs of migrant children (child-sensitivity marker ${f.childSensitivityMarker})`,
      );
  }

  /** A published knowledge item drawn from the project: its public record on the open knowledge API. */
  private documentLink(act: XMLBuilder, d: PublishedKnowledgeItem) {
    const link = act.ele('document-link', {
      url: `${this.config.publicBaseUrl}/api/v1/open/knowledge/${d.id}`,
      format: 'application/json',
    });
    link.ele('title').ele('narrative').txt(d.title);
    link.ele('description').ele('narrative').txt(`${d.kind} published on the knowledge platform from this project`);
    // DocumentCategory A08: results, outcomes and outputs (what the project did and learned)
    link.ele('category', { code: 'A08' });
    if (/^[a-z]{2}$/.test(d.language)) link.ele('language', { code: d.language });
    link.ele('document-date', { 'iso-date': d.publishedAt.slice(0, 10) });
  }
}

/**
 * The results of an activity's results framework as `result` elements (indicator, baseline, periods with
 * target and actual); a figure broken down by sex adds one `target`/`actual`/`baseline` per sex given,
 * with `dimension name="sex"`.
 */
export function writeResults(act: XMLBuilder, results: IatiResult[]) {
  for (const r of results) {
    const result = act.ele('result', { type: r.type, 'aggregation-status': '1' });
    result.ele('title').ele('narrative').txt(r.title);
    for (const i of r.indicators) {
      const ind = result.ele('indicator', { measure: i.measure, ascending: '1' });
      ind.ele('title').ele('narrative').txt(i.title);
      if (i.baseline) {
        const b = i.baseline;
        const attrs = { year: String(b.year), ...(b.isoDate ? { 'iso-date': b.isoDate } : {}) };
        ind.ele('baseline', { ...attrs, value: b.value });
        for (const s of b.bySex)
          ind.ele('baseline', { ...attrs, value: s.value }).ele('dimension', sexDimension(s.sex));
      }
      for (const p of i.periods) {
        const period = ind.ele('period');
        period.ele('period-start', { 'iso-date': p.start });
        period.ele('period-end', { 'iso-date': p.end });
        if (p.target) figureElements(period, 'target', p.target);
        if (p.actual) figureElements(period, 'actual', p.actual);
      }
    }
  }
}

const sexDimension = (sex: string) => ({ name: 'sex', value: sex });

function figureElements(period: XMLBuilder, name: 'target' | 'actual', f: IatiFigure) {
  period.ele(name, { value: f.value });
  for (const s of f.bySex) period.ele(name, { value: s.value }).ele('dimension', sexDimension(s.sex));
}

function participating(act: XMLBuilder, role: string, o: OrgCitation) {
  act
    .ele('participating-org', { ...(o.ref ? { ref: o.ref } : {}), role, type: o.type })
    .ele('narrative')
    .txt(o.name);
}

function transaction(
  act: XMLBuilder,
  type: string,
  date: string,
  amount: bigint,
  description: string,
  o: { provider?: OrgCitation; receiver?: OrgCitation },
) {
  const t = act.ele('transaction');
  t.ele('transaction-type', { code: type });
  t.ele('transaction-date', { 'iso-date': date });
  t.ele('value', { currency: 'USD', 'value-date': date }).txt(decimal(amount));
  t.ele('description').ele('narrative').txt(description);
  if (o.provider)
    t.ele('provider-org', o.provider.ref ? { ref: o.provider.ref } : {})
      .ele('narrative')
      .txt(o.provider.name);
  if (o.receiver)
    t.ele('receiver-org', o.receiver.ref ? { ref: o.receiver.ref } : {})
      .ele('narrative')
      .txt(o.receiver.name);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

function addTo(m: Map<string, bigint>, k: string, v: bigint) {
  m.set(k, (m.get(k) ?? 0n) + v);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
