import { INestApplicationContext } from '@nestjs/common';
import { Actor, Database, SYSTEM_ACTOR } from '@cbm/core';
import { UserService } from '@cbm/auth';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import {
  AssessmentService,
  ImplementationPlanService,
  InvitationService,
  RequestReportService,
  SupportRequestService,
} from '@cbm/hub';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { seedKnowledgeDemo } from './demo-knowledge';
import { seedDemoExpenditure, seedFundContributions, seedFundForRequest } from './demo-fund';
import { DEMO_REQUESTS, DemoPlan, DemoStep } from './demo-requests';

export type DemoActors = Record<string, Actor>;

/** Creates the demo accounts and data once, through the domain services. Returns false when present. */
export async function seedDemoData(app: INestApplicationContext): Promise<boolean> {
  const users = app.get(UserService);
  if (await users.findByEmail(DEMO_ACCOUNTS[0].email)) return false;
  const organisations = app.get(OrganisationService);
  const actors: DemoActors = {};
  const db = app.get(Database);
  await db.transaction(async (t) => {
    for (const a of DEMO_ACCOUNTS) {
      const organisationId = a.organisation ? await organisations.idByAcronym(a.organisation, t) : null;
      const user = await users.create(
        SYSTEM_ACTOR,
        {
          email: a.email,
          name: a.name,
          password: DEMO_PASSWORD,
          role: a.role,
          countryCode: a.countryCode ?? null,
          organisationId,
        },
        t,
      );
      actors[a.key] = {
        id: user.id,
        role: a.role,
        email: a.email,
        countryCode: user.countryCode,
        organisationId: user.organisationId,
      };
    }
  });
  await seedFundContributions(app, actors);
  const hub = new DemoHub(app, actors);
  for (const demo of DEMO_REQUESTS) {
    const r = await app.get(SupportRequestService).create(actors[demo.country], demo.draft);
    for (const step of demo.steps) await hub.apply(r.id, step);
  }
  await seedDemoExpenditure(app, actors, hub.allocationIds);
  await seedKnowledgeDemo(app, actors);
  return true;
}

/** Plays one demo step through the hub's public services, as the named demo account. */
class DemoHub {
  private readonly orgIds = new Map<string, string>();
  /** Start-up fund allocations made for requests as they reach set-up. */
  readonly allocationIds: string[] = [];
  /** The start-up fund line of each request's plan: what the fund is asked for. */
  private readonly seedFunding = new Map<string, string>();

  constructor(
    private readonly app: INestApplicationContext,
    private readonly actors: DemoActors,
  ) {}

  private async org(acronym: string): Promise<string> {
    if (!this.orgIds.has(acronym)) {
      const id = await this.app.get(OrganisationService).idByAcronym(acronym);
      if (!id) throw new Error(`demo: no organisation ${acronym}`);
      this.orgIds.set(acronym, id);
    }
    return this.orgIds.get(acronym)!;
  }

  async apply(requestId: string, step: DemoStep): Promise<void> {
    const actor = this.actors[step.as];
    if ('action' in step) {
      if (step.action === 'start_implementation') {
        // the fund side of set-up: application, proposal, approval, first transfer
        const amount = this.seedFunding.get(requestId);
        const allocationId = amount ? await seedFundForRequest(this.app, this.actors, requestId, amount) : null;
        if (allocationId) this.allocationIds.push(allocationId);
      }
      await this.app.get(SupportRequestService).act(actor, requestId, step.action, step.input ?? {});
    } else if ('assess' in step) {
      const criteria = this.app.get(ReferenceService).assessmentCriteria();
      const scores = Object.fromEntries(criteria.map((c, i) => [c.code, step.assess.low ? 1 + (i % 2) : 3 + (i % 2)]));
      await this.app.get(AssessmentService).put(actor, requestId, {
        scores,
        genderMarker: step.assess.low ? 0 : 2,
        humanRightsMarker: step.assess.low ? 1 : 2,
        childSensitivityMarker: step.assess.low ? 1 : 2,
        recommendation: step.assess.recommendation,
        rationale: step.assess.rationale,
        conflictOfInterest: step.assess.conflictOfInterest ?? false,
      });
    } else if ('invite' in step) {
      await this.app
        .get(InvitationService)
        .invite(actor, requestId, { organisationId: await this.org(step.invite.organisation), role: step.invite.role });
    } else if ('respond' in step) {
      const invitations = this.app.get(InvitationService);
      const orgId = await this.org(step.respond.organisation);
      const inv = (await invitations.forRequest(actor, requestId)).find(
        (i) => i.organisationId === orgId && i.status === 'pending',
      );
      if (!inv) throw new Error(`demo: no pending invitation for ${step.respond.organisation}`);
      if (step.respond.accept) await invitations.accept(actor, inv.id);
      else await invitations.decline(actor, inv.id, step.respond.reason ?? 'No capacity');
    } else if ('plan' in step) {
      const seed = step.plan.funding.find((f) => f.source === 'start_up_fund');
      if (seed) this.seedFunding.set(requestId, seed.amount);
      await this.app.get(ImplementationPlanService).put(actor, requestId, await this.plan(step.plan));
    } else if ('report' in step) {
      const {
        kind,
        period,
        narrative,
        done = [],
        lessonsLearned,
        periodStart,
        periodEnd,
        actuals,
        accept,
      } = step.report;
      const reports = this.app.get(RequestReportService);
      const r = await reports.submit(actor, requestId, {
        kind,
        period,
        narrative,
        lessonsLearned,
        milestoneUpdates: done.map((code) => ({ code, status: 'done' as const, note: '' })),
        periodStart,
        periodEnd,
        indicatorActuals: actuals,
      });
      if (accept) await reports.review(this.actors.hub, requestId, r.id, 'accept', { reason: accept });
    } else if ('comment' in step) {
      await this.app
        .get(SupportRequestService)
        .comment(actor, requestId, step.comment.body, step.comment.internal ?? false);
    }
  }

  private async plan(p: DemoPlan) {
    const lead = await this.org(p.lead);
    const participating = await Promise.all((p.participating ?? []).map((a) => this.org(a)));
    return {
      organisations: [
        { organisationId: lead, role: 'lead' as const, responsibilities: 'Overall delivery' },
        ...participating.map((organisationId) => ({
          organisationId,
          role: 'participating' as const,
          responsibilities: 'Component delivery',
        })),
      ],
      stakeholders: p.stakeholders,
      milestones: await Promise.all(p.milestones.map(async (ms) => ({ ...ms, organisationId: lead }))),
      currency: 'USD',
      budget: await Promise.all(
        Object.entries(p.budget).map(async ([acronym, amount]) => ({
          organisationId: await this.org(acronym),
          amount,
        })),
      ),
      funding: p.funding.map((f) => ({ ...f, source: f.source as never, status: f.status as never })),
      reportDueDates: p.reportDueDates,
      results: p.results,
    };
  }
}
