import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { FundRepository } from '../fund.repository';
import { FUND_REQUEST_PORT, FundRequestPort } from '../ports';
import { ResultsFilters, ResultsGrouping, ResultsProject, rollUp } from './results';

/**
 * Results of the funded projects: requests with an approved allocation, their results frameworks and
 * the actuals of the reports the hub accepted (read through the request port; figures only).
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly repo: FundRepository,
    private readonly organisations: OrganisationService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    @Inject(FUND_REQUEST_PORT) private readonly requests: FundRequestPort,
  ) {}

  /** Every funded project with its framework and accepted actuals (one per request). */
  async projects(): Promise<ResultsProject[]> {
    const allocations = await this.repo.allocations({ status: 'approved' });
    const apps = new Map((await this.repo.applications(allocations.map((a) => a.applicationId))).map((a) => [a.id, a]));
    const results = new Map(
      (await this.requests.resultsOf([...new Set(allocations.map((a) => a.requestId))])).map((r) => [r.requestId, r]),
    );
    const seen = new Set<string>();
    return allocations.flatMap((a) => {
      const app = apps.get(a.applicationId);
      if (!app || seen.has(a.requestId)) return [];
      seen.add(a.requestId);
      return [
        {
          requestId: a.requestId,
          reference: app.requestReference,
          title: app.title,
          countryCode: app.countryCode,
          organisationIds: app.organisationIds,
          indicators: results.get(a.requestId)?.indicators ?? [],
        },
      ];
    });
  }

  /** GET /fund/results: the roll-up by objective, country or organisation, each group labelled. */
  async rollUp(by: ResultsGrouping, filters: ResultsFilters) {
    const projects = await this.projects();
    const groups = rollUp(projects, by, filters);
    const orgs =
      by === 'organisation'
        ? new Map(
            (await this.organisations.byIds(groups.map((g) => g.key).filter((k) => k !== 'none'))).map((o) => [
              o.id,
              o,
            ]),
          )
        : new Map<string, { acronym: string | null; name: string }>();
    const label = (key: string): string => {
      if (by === 'objective') return this.reference.objective(Number(key))?.title ?? `Objective ${key}`;
      if (by === 'country') return this.reference.country(key)?.name ?? key;
      const o = orgs.get(key);
      return o ? (o.acronym ? `${o.acronym}: ${o.name}` : o.name) : 'no implementing organisation';
    };
    return {
      by,
      filters: {
        objective: filters.objective ?? null,
        countryCode: filters.countryCode ?? null,
        organisationId: filters.organisationId ?? null,
      },
      asOf: this.clock.now().toISOString(),
      projects: new Set(groups.flatMap((g) => g.items.map((i) => i.requestId))).size,
      groups: groups.map((g) => ({ ...g, label: label(g.key) })),
    };
  }
}
