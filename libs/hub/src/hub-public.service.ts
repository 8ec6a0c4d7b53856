import { Injectable } from '@nestjs/common';
import { Actor, isUuid, toDto, Transaction } from '@cbm/core';
import { RequestAssessmentRepository } from './assessment/request-assessment.repository';
import { ImplementationPlanRepository } from './implementation/implementation-plan.repository';
import { PartnerMatchingService } from './matching/partner-matching.service';
import { RequestPartnerRepository } from './partner/request-partner.repository';
import { indicatorsOf, progressOf } from './implementation/results-framework';
import {
  AssessmentMarkers,
  CommitteeFacts,
  ProjectAsOf,
  ReportFact,
  RequestFacts,
  RequestPublicationFacts,
  RequestResultsFacts,
  ResultIndicatorFact,
} from './ports';
import { RequestReportRepository } from './report/request-report.repository';
import { PeerRepository } from './similar/peer.repository';
import { SupportRequestEntity } from './request/support-request.entity';
import { PartnerFact, SupportRequestRepository } from './request/support-request.repository';

/** What other contexts may read about requests (the fund binds its port to this). */
@Injectable()
export class HubPublicService {
  constructor(
    private readonly requests: SupportRequestRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly reports: RequestReportRepository,
    private readonly assessments: RequestAssessmentRepository,
    private readonly peers: PeerRepository,
    private readonly plans: ImplementationPlanRepository,
    private readonly matching: PartnerMatchingService,
  ) {}

  /**
   * The requests as they stood before `before`: the status their timeline had reached and the
   * reports submitted by then (what a donor's statement "as of" a moment shows of the projects its
   * money reached; only rows recorded earlier, so the answer for a past moment never changes).
   */
  async projectsAsOf(requestIds: string[], before: Date): Promise<ProjectAsOf[]> {
    const ids = requestIds.filter(isUuid);
    const statuses = await this.requests.statusesBefore(ids, before);
    const reports = await this.reports.submittedBefore(ids, before);
    return ids.map((id) => ({
      requestId: id,
      status: statuses.get(id) ?? null,
      reports: reports
        .filter((r) => r.requestId === id)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          period: r.period,
          organisationId: r.organisationId,
          submittedAt: r.submittedAt.toISOString(),
        })),
    }));
  }

  /** For each request: the markers of its assessment that counts and its links to other requests. */
  async publicationFacts(requestIds: string[]): Promise<RequestPublicationFacts[]> {
    const ids = [...new Set(requestIds.filter(isUuid))];
    const markers = new Map((await this.assessments.currentMarkers(ids)).map((m) => [m.requestId, m]));
    const links = await this.peers.requestLinksTouching(ids);
    return ids.map((id) => ({
      requestId: id,
      genderMarker: markers.get(id)?.genderMarker ?? null,
      humanRightsMarker: markers.get(id)?.humanRightsMarker ?? null,
      childSensitivityMarker: markers.get(id)?.childSensitivityMarker ?? null,
      linkedRequests: links.flatMap((l): RequestPublicationFacts['linkedRequests'] => {
        if (l.requestId === id) return [{ requestId: l.targetId, relation: l.relation }];
        if (l.targetId === id)
          return [{ requestId: l.requestId, relation: l.relation === 'replicated_from' ? 'replicates' : l.relation }];
        return [];
      }),
    }));
  }

  /** The markers of the request's assessment that counts (null before any); in `t` when given. */
  async assessmentMarkers(requestId: string, t?: Transaction): Promise<AssessmentMarkers | null> {
    if (!isUuid(requestId)) return null;
    const [m] = await (t ? this.assessments.in(t) : this.assessments).currentMarkers([requestId]);
    return m
      ? {
          genderMarker: m.genderMarker,
          humanRightsMarker: m.humanRightsMarker,
          childSensitivityMarker: m.childSensitivityMarker,
        }
      : null;
  }

  /** The indicators of each request's results framework (an empty list without one); in `t` when given. */
  async resultIndicators(requestIds: string[], t?: Transaction): Promise<Map<string, ResultIndicatorFact[]>> {
    const ids = [...new Set(requestIds.filter(isUuid))];
    const plans = new Map((await (t ? this.plans.in(t) : this.plans).findMany(ids)).map((p) => [p.requestId, p]));
    return new Map(
      ids.map((id) => [
        id,
        indicatorsOf(plans.get(id)?.results ?? []).map((i) => ({
          code: i.code,
          title: i.title,
          sexDisaggregated: i.sexDisaggregated,
        })),
      ]),
    );
  }

  /** The request's final report the hub accepted, if any (the fund's operational closure waits for it); in `t` when given. */
  async acceptedFinalReport(
    requestId: string,
    t?: Transaction,
  ): Promise<{ id: string; reviewedAt: Date | null } | null> {
    if (!isUuid(requestId)) return null;
    const r = await (t ? this.reports.in(t) : this.reports).acceptedFinal(requestId);
    return r ? { id: r.id, reviewedAt: r.reviewedAt } : null;
  }

  /** A report of the request (the fund releases a tranche on an accepted one); in `t` when given. */
  async report(requestId: string, reportId: string, t?: Transaction): Promise<ReportFact | null> {
    if (!isUuid(requestId) || !isUuid(reportId)) return null;
    const r = await (t ? this.reports.in(t) : this.reports).find(requestId, reportId);
    return r ? { id: r.id, requestId: r.requestId, kind: r.kind, status: r.status } : null;
  }

  /**
   * The results frameworks of the requests, each indicator with the actuals of ACCEPTED reports only,
   * in period order: figures, never a narrative or a person (the fund publishes them).
   */
  async resultsOf(requestIds: string[]): Promise<RequestResultsFacts[]> {
    const ids = [...new Set(requestIds.filter(isUuid))];
    const plans = await this.plans.findMany(ids);
    const reports = await this.reports.withStatus(ids, ['accepted']);
    return plans.map((p) => ({
      requestId: p.requestId,
      indicators: progressOf(
        p.results,
        reports.filter((r) => r.requestId === p.requestId),
      ).map((i) => ({
        code: i.code,
        title: i.title,
        unit: i.unit,
        measure: i.measure,
        level: i.level,
        outcomeCode: i.outcomeCode,
        outputCode: i.outputCode,
        resultTitle: i.resultTitle,
        objectives: i.objectives,
        sexDisaggregated: i.sexDisaggregated,
        baseline: i.baseline,
        target: i.target,
        actuals: i.actuals.map((a) => ({
          reportId: a.reportId,
          kind: a.kind,
          period: a.period,
          periodStart: a.periodStart,
          periodEnd: a.periodEnd,
          value: a.value,
          female: a.female,
          male: a.male,
          other: a.other,
        })),
      })),
    }));
  }

  /**
   * What the steering committee decides with (the fund's brief and decision pack): the request in
   * short, the assessment that counts, the five best partner matches with their reasons, the plan in
   * short. Null for an unknown request. The fund asks only about requests with an application.
   */
  async committeeFacts(requestId: string): Promise<CommitteeFacts | null> {
    if (!isUuid(requestId)) return null;
    const r = await this.requests.findById(requestId);
    if (!r) return null;
    const [a, plan, matches] = await Promise.all([
      this.assessments.current(r.id),
      this.plans.find(r.id),
      this.matching.rank(r),
    ]);
    const money = (amount: string, currency: string) => toDto({ amount: BigInt(amount), currency: currency.trim() });
    return {
      request: {
        id: r.id,
        reference: r.reference,
        title: r.title,
        summary: r.summary,
        status: r.status,
        countryCode: r.countryCode,
        objectives: r.objectives,
        estimatedBudget:
          r.estimatedBudgetAmount !== null && r.estimatedBudgetCurrency
            ? money(r.estimatedBudgetAmount, r.estimatedBudgetCurrency)
            : null,
      },
      assessment: a
        ? {
            version: a.version,
            scores: a.scores,
            weightedTotal: Math.round(a.weightedTotal) / 100,
            genderMarker: a.genderMarker,
            humanRightsMarker: a.humanRightsMarker,
            childSensitivityMarker: a.childSensitivityMarker,
            recommendation: a.recommendation,
            rationale: a.rationale,
          }
        : null,
      partnerMatches: matches
        .slice(0, 5)
        .map((m) => ({ organisationId: m.organisationId, acronym: m.acronym, score: m.score, reasons: m.reasons })),
      plan: plan
        ? {
            organisations: plan.organisations.map((o) => ({ organisationId: o.organisationId, role: o.role })),
            milestones: plan.milestones.map((m) => ({
              code: m.code,
              title: m.title,
              dueDate: m.dueDate,
              status: m.status,
            })),
            budget: money(plan.budget.reduce((s, b) => s + BigInt(b.amount), 0n).toString(), plan.currency),
            funding: plan.funding.map((f) => ({
              source: f.source,
              amount: money(f.amount, plan.currency),
              status: f.status,
            })),
          }
        : null,
    };
  }

  /** The request's facts, read in transaction `t` when given. */
  async requestFacts(requestId: string, t?: Transaction): Promise<RequestFacts | null> {
    if (!isUuid(requestId)) return null;
    const requests = t ? this.requests.in(t) : this.requests;
    const partners = t ? this.partners.in(t) : this.partners;
    const r = await requests.findById(requestId);
    return r ? this.factsOf(r, await partners.forRequest(r.id)) : null;
  }

  /** Facts of a request and its partners already read (inside the caller's transaction). */
  factsOf(r: SupportRequestEntity, partners: PartnerFact[]): RequestFacts {
    const accepted = partners.filter((p) => p.status === 'accepted');
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      status: r.status,
      countryCode: r.countryCode,
      objectives: r.objectives,
      leadOrganisationId: accepted.find((p) => p.role === 'lead')?.organisationId ?? null,
      organisationIds: accepted.map((p) => p.organisationId),
    };
  }

  /**
   * What `actor` may do with the documents of a request or of one of its reports: `none` when they
   * do not see the request (the request's own scope rule), `write` for those who may change it (a
   * request: its country's focal point and hub officers; a report: its organisation's partner
   * officers and hub officers; an implementation plan, keyed by its request: hub officers; the answer
   * to an information request, a `provide_info` timeline entry: its author and hub officers), `read` otherwise. `requestId` pins a report to the request of its URL.
   */
  async documentAccess(
    actor: Actor,
    parent: {
      type: 'request' | 'report' | 'implementation_plan' | 'information_answer';
      id: string;
      requestId?: string;
    },
  ): Promise<'none' | 'read' | 'write'> {
    if (!isUuid(parent.id)) return 'none';
    const staff = actor.role === 'hub_officer' || actor.role === 'admin';
    if (parent.type === 'request') {
      if (!(await this.requests.findScoped(actor, parent.id))) return 'none';
      return staff || actor.role === 'focal_point' ? 'write' : 'read';
    }
    if (parent.type === 'implementation_plan') {
      // the plan's readers (whoever sees the request, once there is a plan); its writers, hub staff
      if (!(await this.requests.findScoped(actor, parent.id)) || !(await this.plans.find(parent.id))) return 'none';
      return staff ? 'write' : 'read';
    }
    if (parent.type === 'information_answer') {
      // the answer (a timeline entry) is read with its request; its author and hub staff attach to it
      const answer = await this.requests.informationAnswer(parent.id);
      if (!answer || (parent.requestId !== undefined && parent.requestId !== answer.requestId)) return 'none';
      if (!(await this.requests.findScoped(actor, answer.requestId))) return 'none';
      return staff || (actor.role === 'focal_point' && actor.id === answer.actorId) ? 'write' : 'read';
    }
    const report = await this.reports.byId(parent.id);
    if (!report || (parent.requestId !== undefined && parent.requestId !== report.requestId)) return 'none';
    if (!(await this.requests.findScoped(actor, report.requestId))) return 'none';
    const ownOrganisation = actor.role === 'partner_officer' && actor.organisationId === report.organisationId;
    return staff || ownOrganisation ? 'write' : 'read';
  }
}
