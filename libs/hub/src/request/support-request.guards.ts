import { Inject, Injectable, Optional } from '@nestjs/common';
import { Actor } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { RequestAssessmentRepository } from '../assessment/request-assessment.repository';
import { ImplementationPlanEntity } from '../implementation/implementation-plan.entity';
import { ImplementationPlanRepository } from '../implementation/implementation-plan.repository';
import { RequestPartnerRepository } from '../partner/request-partner.repository';
import { HUB_FUNDING_PORT, HubFundingPort } from '../ports';
import { RequestReportEntity } from '../report/request-report.entity';
import { RequestReportRepository } from '../report/request-report.repository';
import { RequestActionDto } from './dto/request.dto';
import { SupportRequestEntity } from './support-request.entity';
import { RequestError } from './support-request.errors';
import { RequestAction } from './support-request.state-machine';

export interface GuardOutcome {
  /** Text recorded on the timeline entry (question, answer, reason, override). */
  body: string | null;
  /** Extra facts for the audit event. */
  audit: Record<string, unknown>;
  finalReport?: RequestReportEntity;
}

const fail = (message: string, details: Record<string, unknown> = {}) =>
  RequestError('REQUEST_GUARD_FAILED', message, details);

/** Funding the plan can count on: confirmed lines, and start-up-fund lines up to what the fund approved. */
export function fundingCoverage(
  plan: ImplementationPlanEntity,
  approvedStartUp: bigint | null,
): { budget: bigint; covered: bigint } {
  const budget = plan.budget.reduce((s, b) => s + BigInt(b.amount), 0n);
  let covered = 0n;
  for (const f of plan.funding) {
    if (f.source === 'start_up_fund' && approvedStartUp !== null) {
      const take = approvedStartUp < BigInt(f.amount) ? approvedStartUp : BigInt(f.amount);
      covered += take;
      approvedStartUp -= take;
    } else if (f.status === 'confirmed') covered += BigInt(f.amount);
  }
  return { budget, covered };
}

/** The guards of DESIGN.md's table that need data; the state machine has already checked state and role. */
@Injectable()
export class TransitionGuards {
  constructor(
    private readonly assessments: RequestAssessmentRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly plans: ImplementationPlanRepository,
    private readonly reports: RequestReportRepository,
    @Optional() @Inject(HUB_FUNDING_PORT) private readonly funding?: HubFundingPort,
  ) {}

  async check(
    m: EntityManager,
    actor: Actor,
    r: SupportRequestEntity,
    action: RequestAction,
    input: RequestActionDto,
  ): Promise<GuardOutcome> {
    switch (action) {
      case 'request_info':
        return { body: required(input.question, 'question'), audit: {} };
      case 'provide_info':
        return { body: required(input.answer, 'answer'), audit: {} };
      case 'decline':
      case 'withdraw':
        return { body: required(input.reason, 'reason'), audit: {} };
      case 'approve': {
        if (await this.assessments.declaredConflict(r.id, actor.id, m))
          throw fail('you declared a conflict of interest on this request: another hub officer must approve it');
        const a = await this.assessments.current(r.id, m);
        if (!a) throw fail('approve needs a completed assessment', { missing: 'assessment' });
        if (a.recommendation !== 'proceed')
          throw fail(`the current assessment (version ${a.version}) recommends ${a.recommendation}, not proceed`, {
            assessmentVersion: a.version,
            recommendation: a.recommendation,
          });
        return { body: null, audit: { assessmentVersion: a.version } };
      }
      case 'confirm_partners': {
        const accepted = (await this.partners.active(r.id, m)).filter((p) => p.status === 'accepted');
        const leads = accepted.filter((p) => p.role === 'lead');
        if (!accepted.length)
          throw fail('confirm_partners needs at least one organisation that accepted its invitation', { accepted: 0 });
        if (leads.length !== 1)
          throw fail(`confirm_partners needs exactly one accepted lead organisation, not ${leads.length}`, {
            leads: leads.length,
          });
        return {
          body: null,
          audit: {
            leadOrganisationId: leads[0].organisationId,
            organisationIds: accepted.map((p) => p.organisationId),
          },
        };
      }
      case 'start_implementation': {
        const plan = await this.plans.find(r.id, m);
        if (!plan) throw fail('start_implementation needs an implementation plan', { missing: 'implementationPlan' });
        if (!plan.milestones.length) throw fail('the implementation plan has no milestones', { missing: 'milestones' });
        const approved = this.funding ? await this.funding.approvedFor(r.id, m) : null;
        const approvedMinor = approved && approved.currency === plan.currency ? BigInt(approved.amount) : null;
        const { budget, covered } = fundingCoverage(plan, approvedMinor);
        const coverage = {
          budget: { amount: String(budget), currency: plan.currency },
          covered: { amount: String(covered), currency: plan.currency },
        };
        if (covered >= budget) return { body: null, audit: coverage };
        const override = input.override?.trim();
        if (!override)
          throw fail(
            `the funding plan covers ${covered} of ${budget} ${plan.currency} (minor units): confirm more funding or give an override reason`,
            coverage,
          );
        return { body: `Started without full funding: ${override}`, audit: { ...coverage, override } };
      }
      case 'complete': {
        if (actor.role === 'partner_officer') {
          const lead = (await this.partners.active(r.id, m)).find((p) => p.status === 'accepted' && p.role === 'lead');
          if (!lead || lead.organisationId !== actor.organisationId)
            throw RequestError('REQUEST_FORBIDDEN', 'only the lead organisation or the hub completes a request');
        }
        const finalReport = await this.reports.latestFinal(r.id, m);
        if (!finalReport) throw fail('complete needs a final report', { missing: 'finalReport' });
        return { body: null, audit: { finalReportId: finalReport.id }, finalReport };
      }
      case 'close': {
        // without a fund context there can be no transfers: nothing to reconcile
        if (this.funding && !(await this.funding.transfersReconciled(r.id, m)))
          throw fail('close needs every fund transfer for this request reconciled', { missing: 'reconciliation' });
        return { body: null, audit: {} };
      }
      default:
        return { body: null, audit: {} };
    }
  }
}

function required(value: string | undefined, field: string): string {
  if (!value?.trim()) throw fail(`${field} is required for this action`, { fields: [{ field, message: 'required' }] });
  return value.trim();
}
