import { Injectable } from '@nestjs/common';
import { isUuid, toDto, Transaction } from '@cbm/core';
import { RequestAssessmentRepository } from './assessment/request-assessment.repository';
import { ImplementationPlanRepository } from './implementation/implementation-plan.repository';
import { PartnerMatchingService } from './matching/partner-matching.service';
import { RequestPartnerRepository } from './partner/request-partner.repository';
import { CommitteeFacts, RequestFacts } from './ports';
import { SupportRequestEntity } from './request/support-request.entity';
import { PartnerFact, SupportRequestRepository } from './request/support-request.repository';

/** What other contexts may read about requests (the fund binds its port to this). */
@Injectable()
export class HubPublicService {
  constructor(
    private readonly requests: SupportRequestRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly assessments: RequestAssessmentRepository,
    private readonly plans: ImplementationPlanRepository,
    private readonly matching: PartnerMatchingService,
  ) {}

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
}
