import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { Clock } from '@cbm/core';
import { ReferenceService } from '@cbm/reference';
import { HUB_FUNDING_PORT, HubFundingPort } from '../ports';
import { HUB_SLA_CONFIG, SlaConfig } from '../sla/sla-clocks';
import { MechanismDashboardView } from './dto/mechanism-dashboard.view';
import { DASHBOARD_CSV_COLUMNS, dashboardCsvRows, partnerDelivery, regionTable, share } from './mechanism-dashboard';
import { MechanismDashboardRepository } from './mechanism-dashboard.repository';

/** How long the open copy is kept before it is computed again (the public routes are anonymous). */
const OPEN_TTL_MS = 5 * 60_000;

@Injectable()
export class MechanismDashboardService {
  private open: { at: number; view: Promise<MechanismDashboardView> } | null = null;

  constructor(
    private readonly repo: MechanismDashboardRepository,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    @Inject(HUB_FUNDING_PORT) private readonly funding: HubFundingPort,
    @Inject(HUB_SLA_CONFIG) private readonly sla: SlaConfig,
  ) {}

  /** Computed now: four queries here and two in the fund. */
  async dashboard(): Promise<MechanismDashboardView> {
    const now = this.clock.now();
    const regions = regionTable(this.reference.countries());
    const fund = await this.funding.deliveryFacts();
    const [requests, durations, levels, partners] = await Promise.all([
      this.repo.requestCounts(regions),
      this.repo.durations(regions, fund.firstTransfers),
      this.repo.serviceLevels(),
      this.repo.partners(now.toISOString().slice(0, 10), fund.organisations),
    ]);
    return {
      generatedAt: now.toISOString(),
      targets: {
        triageDays: this.sla.triageDays,
        infoDays: this.sla.infoDays,
        assessmentDays: this.sla.assessmentDays,
      },
      requests,
      durations,
      serviceLevels: levels.map((l) => ({ ...l, share: share(l.withinLevel, l.done) })),
      partners: partnerDelivery(partners),
    };
  }

  /** The open-data copy: the same aggregates, computed at most every five minutes for anonymous callers. */
  openDashboard(): Promise<MechanismDashboardView> {
    const now = this.clock.now().getTime();
    if (!this.open || now - this.open.at >= OPEN_TTL_MS || now < this.open.at) {
      const view = this.dashboard();
      this.open = { at: now, view };
      // a failed computation is not kept (unless a newer one replaced it already)
      view.catch(() => {
        if (this.open?.view === view) this.open = null;
      });
    }
    return this.open.view;
  }

  async openCsv(): Promise<string> {
    return stringify(dashboardCsvRows(await this.openDashboard()), {
      header: true,
      columns: [...DASHBOARD_CSV_COLUMNS],
      bom: true,
      escape_formulas: true,
    });
  }
}
