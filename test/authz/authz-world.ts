/*
 * The world the authorisation matrix runs in, built through the domain services (as the demo does):
 * two countries (KEN = the focal point's, MEX = out of scope), two partner organisations (IOM invited
 * and accepted on the KEN requests, ILO only on the MEX ones), the donor SWE with a contribution beside
 * NOR's, requests in every state a route needs, fund money approved and transferred, knowledge items in
 * draft (one by a hub officer, one by IOM) and published, and a notification for every user.
 */
import { randomBytes } from 'node:crypto';
import { Actor, Database } from '@cbm/core';
import {
  AllocationService,
  ClosureService,
  ContributionService,
  FundUnitOfWork,
  RevisionService,
  TransferService,
} from '@cbm/fund';
import {
  AssessmentService,
  ImplementationPlanService,
  InvitationService,
  PeerService,
  RequestReportService,
  SupportRequestService,
} from '@cbm/hub';
import { KnowledgeItemService } from '@cbm/knowledge';
import { NotificationService } from '@cbm/notifications';
import { ReferenceService } from '@cbm/reference';
import { TestSystem, TestUser } from '../support/test-system';

/** The matrix's columns: the anonymous caller and one user per role. */
export const COLUMNS = ['anon', 'fp', 'hub', 'po', 'fm', 'sc', 'donor', 'admin'] as const;
export type Column = (typeof COLUMNS)[number];

export const actorOf = (u: TestUser): Actor =>
  ({ id: u.id, role: u.role, countryCode: u.countryCode ?? null, organisationId: u.organisationId ?? null }) as Actor;

export interface World {
  sys: TestSystem;
  users: Record<Exclude<Column, 'anon'>, TestUser>;
  helpers: { fpMex: TestUser; hub2: TestUser; poIlo: TestUser; sc2: TestUser; loginUser: TestUser };
  org: Record<'IOM' | 'ILO' | 'SWE' | 'NOR' | 'UNDP', string>;
  req: Record<
    'kenDraft' | 'kenDraft2' | 'mexDraft' | 'kenSubmitted' | 'mexSubmitted' | 'kenMatch' | 'kenImpl' | 'mexImpl',
    string
  >;
  invitation: { iomPending: string; iomPending2: string; iloPending: string };
  contribution: { swe: string; nor: string };
  allocation: { ken: string; mex: string };
  exchange: string;
  /** IOM's progress report on the KEN request in implementation (submitted, not reviewed). */
  report: string;
  knowledge: { iomDraft: string; hubDraft: string; published: string };
  notification: Record<Exclude<Column, 'anon'>, string>;
  /** Titles of objects a caller out of scope must never see, by object. */
  titles: Record<string, string>;
  fresh: Fresh;
}

const usd = (amount: string) => ({ amount, currency: 'USD' });

/** An internal note on the KEN request: UN staff (hub officers, admins) read it, nobody else. */
export const INTERNAL_NOTE = 'Internal: the county budget line looks optimistic.';

/** Builds new targets for cells that are expected to succeed, so one success never changes another cell's target. */
export class Fresh {
  constructor(private readonly w: Omit<World, 'fresh'>) {}

  private get app() {
    return this.w.sys.app;
  }

  async draft(
    country: 'KEN' | 'MEX',
    title = `Authz ${country} request ${randomBytes(3).toString('hex')}`,
  ): Promise<string> {
    const fp = country === 'KEN' ? this.w.users.fp : this.w.helpers.fpMex;
    const r = await this.app.get(SupportRequestService).create(actorOf(fp), {
      title,
      summary: 'Authorisation matrix fixture.',
      expectedResults: 'None; a fixture.',
      objectives: [21],
      supportTypes: ['technical_assistance'],
    } as never);
    this.w.titles[r.id] = title;
    return r.id;
  }

  /** A request walked through the services up to `to`, with `lead` invited (pending at matching, accepted after). */
  async request(
    country: 'KEN' | 'MEX',
    to: 'submitted' | 'in_assessment' | 'matching' | 'setup' | 'in_implementation',
    lead: 'IOM' | 'ILO' = 'IOM',
    o: { fund?: boolean; title?: string } = {},
  ): Promise<string> {
    const id = await this.draft(country, o.title);
    const fp = actorOf(country === 'KEN' ? this.w.users.fp : this.w.helpers.fpMex);
    const hub = actorOf(this.w.users.hub);
    const requests = this.app.get(SupportRequestService);
    await requests.act(fp, id, 'submit', {});
    if (to === 'submitted') return id;
    await requests.act(hub, id, 'start_triage', {});
    await requests.act(hub, id, 'start_assessment', {});
    if (to === 'in_assessment') return id;
    await this.assess(id);
    await requests.act(hub, id, 'approve', {});
    await this.app.get(InvitationService).invite(hub, id, { organisationId: this.w.org[lead], role: 'lead' });
    if (to === 'matching') return id;
    const partner = actorOf(lead === 'IOM' ? this.w.users.po : this.w.helpers.poIlo);
    const inv = (await this.app.get(InvitationService).forRequest(hub, id)).find(
      (i) => i.organisationId === this.w.org[lead] && i.status === 'pending',
    )!;
    await this.app.get(InvitationService).accept(partner, inv.id);
    await requests.act(hub, id, 'confirm_partners', {});
    if (to === 'setup') return id;
    await this.plan(id, lead, o.fund ?? false);
    return id;
  }

  async assess(id: string) {
    const criteria = this.app.get(ReferenceService).assessmentCriteria();
    await this.app
      .get(AssessmentService)
      .put(actorOf(this.w.users.hub), id, this.assessment(criteria.map((c) => c.code)) as never);
  }

  assessment(codes: string[]) {
    return {
      scores: Object.fromEntries(codes.map((c) => [c, 3])),
      genderMarker: 2,
      humanRightsMarker: 2,
      recommendation: 'proceed',
      rationale: 'Sound request; partners on the ground.',
      conflictOfInterest: false,
    };
  }

  planBody(lead: 'IOM' | 'ILO', seed: boolean) {
    return {
      organisations: [{ organisationId: this.w.org[lead], role: 'lead', responsibilities: 'Overall delivery' }],
      stakeholders: [{ type: 'civil_society', name: 'Returnee association', role: 'outreach' }],
      milestones: [{ code: 'M1', title: 'Protocol adopted', dueDate: '2027-06-30', organisationId: this.w.org[lead] }],
      currency: 'USD',
      budget: [{ organisationId: this.w.org[lead], amount: '2000000' }],
      funding: seed
        ? [
            { source: 'start_up_fund', amount: '1000000', status: 'confirmed' },
            { source: 'national_budget', amount: '1000000', status: 'confirmed' },
          ]
        : [{ source: 'national_budget', amount: '2000000', status: 'confirmed' }],
    };
  }

  /** Plan, optional seed funding (application, proposal, approval, first transfer), start of implementation. */
  private async plan(id: string, lead: 'IOM' | 'ILO', fund: boolean) {
    const hub = actorOf(this.w.users.hub);
    await this.app.get(ImplementationPlanService).put(hub, id, this.planBody(lead, fund) as never);
    if (fund) {
      const allocation = await this.proposal(id, true);
      await this.app.get(FundUnitOfWork).run((tx) =>
        this.app.get(TransferService).transfer(tx, actorOf(this.w.users.fm), {
          allocationId: allocation,
          organisationId: this.w.org[lead],
          amount: usd('300000'),
        }),
      );
      this.lastAllocation = allocation;
    }
    await this.app.get(SupportRequestService).act(hub, id, 'start_implementation', {});
  }

  lastAllocation = '';

  /** A funding application for a request in set-up (a fresh one when no request is given). */
  async application(requestId?: string): Promise<string> {
    const id = requestId ?? (await this.request('KEN', 'setup'));
    const a = await this.app.get(AllocationService).apply(actorOf(this.w.users.hub), {
      requestId: id,
      amount: usd('1000000'),
      justification: 'Seed funding while national funding is mobilised.',
    });
    return a.id;
  }

  /** A proposed allocation (approved by the second steering-committee member when asked). */
  async proposal(requestId?: string, approve = false): Promise<string> {
    const applicationId = await this.application(requestId);
    const p = await this.app.get(AllocationService).propose(actorOf(this.w.users.fm), {
      applicationId,
      amount: usd('1000000'),
      durationMonths: 12,
      tranches: [
        { amount: usd('600000'), condition: 'on_approval' },
        { amount: usd('400000'), condition: 'progress_report_approved' },
      ],
    });
    if (approve)
      await this.app
        .get(AllocationService)
        .approve(actorOf(this.w.helpers.sc2), p.id, { decisionRef: 'SC-AUTHZ-1', note: 'fixture' });
    return p.id;
  }

  /** An approved allocation whose no-cost extension (revision 1) awaits the steering committee. */
  async revision(): Promise<string> {
    const id = await this.proposal(undefined, true);
    await this.app.get(RevisionService).propose(actorOf(this.w.users.fm), id, {
      reason: 'The national elections delayed the training.',
      endsOn: '2040-01-01',
    });
    return id;
  }

  /** A pending IOM invitation on a fresh KEN request in matching. */
  async iomInvitation(): Promise<string> {
    const id = await this.request('KEN', 'matching');
    return (await this.app.get(InvitationService).forRequest(actorOf(this.w.users.hub), id)).find(
      (i) => i.status === 'pending',
    )!.id;
  }

  /** A knowledge item written by `author`, optionally submitted for review. */
  async knowledge(
    author: TestUser,
    review = false,
    title = `Authz knowledge ${randomBytes(3).toString('hex')}`,
    body = 'Body text.',
  ): Promise<string> {
    const items = this.app.get(KnowledgeItemService);
    const k = await items.create(actorOf(author), {
      kind: 'practice',
      title,
      summary: 'Authorisation matrix fixture item.',
      body,
      objectives: [21],
      countries: ['KEN'],
    } as never);
    if (review) await items.act(actorOf(author), k.id, 'submit_for_review', {});
    this.w.titles[k.id] = title;
    return k.id;
  }

  /** An approved allocation of a fresh KEN request in implementation, with money transferred to IOM. */
  async fundedAllocation(): Promise<string> {
    await this.request('KEN', 'in_implementation', 'IOM', { fund: true });
    return this.lastAllocation;
  }

  /** A funded project the fund manager suspended. */
  async suspendedAllocation(): Promise<string> {
    const id = await this.fundedAllocation();
    await this.app
      .get(ClosureService)
      .act(actorOf(this.w.users.fm), id, 'suspend', { reason: 'Authorisation matrix fixture.' });
    return id;
  }

  /** A new progress report by IOM on the KEN request in implementation, awaiting review. */
  async report(): Promise<string> {
    const r = await this.app.get(RequestReportService).submit(actorOf(this.w.users.po), this.w.req.kenImpl, {
      kind: 'progress',
      period: `2027-${randomBytes(2).toString('hex')}`,
      narrative: 'Fixture report.',
      milestoneUpdates: [],
    } as never);
    return r.id;
  }

  /** A journal entry the fund manager may reverse: a new transfer on the KEN allocation. */
  async transferEntry(): Promise<string> {
    const t = await this.app.get(FundUnitOfWork).run((tx) =>
      this.app.get(TransferService).transfer(tx, actorOf(this.w.users.fm), {
        allocationId: this.w.allocation.ken,
        organisationId: this.w.org.IOM,
        amount: usd('1000'),
      }),
    );
    return (t as { entryId: string }).entryId;
  }
}

export async function buildWorld(sys: TestSystem): Promise<World> {
  const users = {
    fp: await sys.user('focal_point', { countryCode: 'KEN' }),
    hub: await sys.user('hub_officer'),
    po: await sys.user('partner_officer', { organisation: 'IOM' }),
    fm: await sys.user('fund_manager'),
    sc: await sys.user('steering_committee'),
    donor: await sys.user('donor', { organisation: 'SWE' }),
    admin: await sys.user('admin'),
  };
  const helpers = {
    fpMex: await sys.user('focal_point', { countryCode: 'MEX' }),
    hub2: await sys.user('hub_officer'),
    poIlo: await sys.user('partner_officer', { organisation: 'ILO' }),
    sc2: await sys.user('steering_committee'),
    loginUser: await sys.user('steering_committee'),
  };
  const org = {
    IOM: await sys.organisationId('IOM'),
    ILO: await sys.organisationId('ILO'),
    SWE: await sys.organisationId('SWE'),
    NOR: await sys.organisationId('NOR'),
    UNDP: await sys.organisationId('UNDP'),
  };
  const partial = { sys, users, helpers, org, titles: {} as Record<string, string> } as unknown as Omit<World, 'fresh'>;
  const fresh = new Fresh(partial);
  const w = partial as World;
  w.fresh = fresh;
  const app = sys.app;
  const db = app.get(Database);
  const fm = actorOf(users.fm);

  // money: SWE (the donor's) and NOR, both deposited in USD
  const contributions = app.get(ContributionService);
  const pledge = async (donor: string, amount: string) => {
    const c = await contributions.pledge(fm, {
      contributorId: donor,
      pledgedAt: '2026-01-20',
      amount: usd(amount),
      earmark: { type: 'none' },
      reference: `AUTHZ-${randomBytes(3).toString('hex')}`,
    });
    await app.get(FundUnitOfWork).run((tx) =>
      contributions.deposit(tx, fm, c.id, {
        receivedAt: '2026-02-10',
        amount: usd(amount),
        usdAmount: usd(amount),
        reference: `AUTHZ-DEP-${c.id}`,
      }),
    );
    return c.id;
  };
  w.contribution = { swe: await pledge(org.SWE, '50000000'), nor: await pledge(org.NOR, '50000000') };

  w.req = {
    kenDraft: await fresh.draft('KEN', 'KEN draft: labour mobility'),
    kenDraft2: await fresh.draft('KEN', 'KEN draft: skills'),
    mexDraft: await fresh.draft('MEX', 'MEX draft: detention alternatives'),
    kenSubmitted: await fresh.request('KEN', 'submitted'),
    mexSubmitted: await fresh.request('MEX', 'submitted', 'ILO', { title: 'MEX submitted: missing migrants' }),
    kenMatch: await fresh.request('KEN', 'matching'),
    kenImpl: await fresh.request('KEN', 'in_implementation', 'IOM', {
      fund: true,
      title: 'KEN implementation: reintegration',
    }),
    mexImpl: '',
  };
  w.allocation = { ken: fresh.lastAllocation, mex: '' };
  w.req.mexImpl = await fresh.request('MEX', 'in_implementation', 'ILO', {
    fund: true,
    title: 'MEX implementation: fair recruitment corridor',
  });
  w.allocation.mex = fresh.lastAllocation;
  const kenReport = await app.get(RequestReportService).submit(actorOf(users.po), w.req.kenImpl, {
    kind: 'progress',
    period: '2027-H1',
    narrative: 'Protocol validated.',
    milestoneUpdates: [{ code: 'M1', status: 'done', note: '' }],
  } as never);
  w.report = kenReport.id;
  await app.get(RequestReportService).submit(actorOf(helpers.poIlo), w.req.mexImpl, {
    kind: 'progress',
    period: '2027-H1',
    narrative: 'Registry drafted.',
    milestoneUpdates: [{ code: 'M1', status: 'done', note: '' }],
  } as never);
  // a comment on each so timelines carry content; an exchange to edit
  await app
    .get(SupportRequestService)
    .comment(actorOf(users.hub), w.req.mexImpl, 'Internal note on the MEX request.', true);
  await app.get(SupportRequestService).comment(actorOf(users.hub), w.req.kenImpl, INTERNAL_NOTE, true);
  w.exchange = (
    await app.get(PeerService).openExchange(actorOf(users.hub), w.req.kenImpl, {
      peerCountryCode: 'MEX',
      topic: 'Reintegration referral desks',
      plannedActivities: 'A study visit.',
    } as never)
  ).id;

  // invitations: IOM pending twice (accept, decline), ILO pending once (out of scope for IOM)
  const invitations = app.get(InvitationService);
  const hub = actorOf(users.hub);
  await invitations.invite(hub, w.req.kenMatch, { organisationId: org.ILO, role: 'participating' });
  const onMatch = await invitations.forRequest(hub, w.req.kenMatch);
  w.invitation = {
    iomPending: onMatch.find((i) => i.organisationId === org.IOM)!.id,
    iloPending: onMatch.find((i) => i.organisationId === org.ILO)!.id,
    iomPending2: await fresh.iomInvitation(),
  };

  // knowledge: an IOM draft with two versions, a hub officer's draft, a published item
  const items = app.get(KnowledgeItemService);
  const iomDraft = await fresh.knowledge(users.po, false, 'IOM draft: referral desks');
  await items.update(actorOf(users.po), iomDraft, { summary: 'Second version of the IOM draft.' } as never);
  const hubDraft = await fresh.knowledge(helpers.hub2, false, 'Hub draft: unpublished lessons');
  const published = await fresh.knowledge(helpers.hub2, true, 'Published: county referral pathways');
  await items.act(actorOf(users.hub), published, 'publish', { conflictOfInterest: false });
  w.knowledge = { iomDraft, hubDraft, published };

  // one notification per user (and a few for the helpers, so lists have someone else's rows to leak)
  const notifications = app.get(NotificationService);
  w.notification = {} as World['notification'];
  for (const [k, u] of Object.entries(users) as [Exclude<Column, 'anon'>, TestUser][]) {
    await db.transaction(async (t) =>
      notifications.in(t).add({ to: { userIds: [u.id] }, kind: 'authz.test', title: `For ${k}`, body: 'fixture' }),
    );
    const [{ id }] = await db.query<{ id: string }>(
      `SELECT id FROM notification WHERE user_id = $1 AND kind = 'authz.test' ORDER BY id DESC LIMIT 1`,
      [u.id],
    );
    w.notification[k] = id;
  }
  await db.transaction(async (t) =>
    notifications.in(t).add({
      to: { userIds: Object.values(helpers).map((u) => u.id) },
      kind: 'authz.test',
      title: 'For a helper',
      body: 'fixture',
    }),
  );
  return w;
}
