import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventBus } from '@cbm/jobs';
import { Actor, Clock, Database, isUnStaff, newId } from '@cbm/core';
import { AuditService, changedFields } from '@cbm/audit';
import { ReferenceService } from '@cbm/reference';
import { NotificationService } from '@cbm/notifications';
import { RoleScope, UserRepository } from '@cbm/auth';
import { EntityManager } from 'typeorm';
import { CreateRequestDto, RequestActionDto, UpdateRequestDto } from './dto/request.dto';
import { RequestTimelineEntryEntity } from './request-timeline.entity';
import { SupportRequestEntity } from './support-request.entity';
import { RequestError } from './support-request.errors';
import { RequestFilter, RequestSort, SupportRequestRepository, TransitionSet } from './support-request.repository';
import { allowedActions, decide, RequestAction, RequestStatus } from './support-request.state-machine';
import { RequestView, toRequestView } from './support-request.view';
import { TransitionGuards } from './support-request.guards';
import { RequestPartnerRepository } from '../partner/request-partner.repository';
import { HubPublicService } from '../hub-public.service';
import { HUB_EVENTS } from '../ports';
import { clockChanges, DEFAULT_SLA, HUB_SLA_CONFIG, nextDue, SlaConfig, slaClocks } from '../sla/sla-clocks';

type TimelineInput = {
  kind: string;
  action?: string;
  fromStatus?: string;
  toStatus?: string;
  body?: string | null;
  internal?: boolean;
};

const EDITABLE: RequestStatus[] = ['draft', 'info_requested'];
const PARTNER_ACTIONS: RequestAction[] = ['confirm_partners', 'start_implementation', 'complete', 'close', 'withdraw'];

const auditable = (r: SupportRequestEntity) => ({
  title: r.title,
  summary: r.summary,
  expectedResults: r.expectedResults,
  objectives: r.objectives,
  actions: r.actions,
  principles: r.principles,
  supportTypes: r.supportTypes,
  targetGroups: r.targetGroups,
  geographicScope: r.geographicScope,
  nationalCounterparts: r.nationalCounterparts,
  estimatedBudgetAmount: r.estimatedBudgetAmount,
  estimatedBudgetCurrency: r.estimatedBudgetCurrency,
  startDate: r.startDate,
  endDate: r.endDate,
});

@Injectable()
export class SupportRequestService {
  constructor(
    private readonly db: Database,
    private readonly repo: SupportRequestRepository,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly notifications: NotificationService,
    private readonly users: UserRepository,
    private readonly clock: Clock,
    private readonly guards: TransitionGuards,
    private readonly partners: RequestPartnerRepository,
    private readonly hubPublic: HubPublicService,
    private readonly events: EventBus,
    @Optional() @Inject(HUB_SLA_CONFIG) slaConfig?: SlaConfig,
  ) {
    this.sla = slaConfig ?? DEFAULT_SLA;
  }

  private readonly sla: SlaConfig;

  view(actor: Actor, r: SupportRequestEntity): RequestView {
    return toRequestView(r, allowedActions(r.status, actor.role), slaClocks(r, this.clock.now()));
  }

  private checkContent(input: Partial<CreateRequestDto>): void {
    const fields: { field: string; message: string }[] = [];
    for (const a of input.actions ?? [])
      if (!this.reference.isAction(a)) fields.push({ field: 'actions', message: `${a} is not a GCM action` });
    for (const a of input.actions ?? [])
      if (input.objectives && !input.objectives.includes(Number(a.split('.')[0])))
        fields.push({ field: 'actions', message: `${a} belongs to an objective the request does not address` });
    for (const p of input.principles ?? [])
      if (!this.reference.isPrinciple(p))
        fields.push({ field: 'principles', message: `${p} is not a guiding principle` });
    if (input.estimatedBudget && !this.reference.currency(input.estimatedBudget.currency))
      fields.push({ field: 'estimatedBudget.currency', message: 'not an ISO 4217 currency' });
    if (input.startDate && input.endDate && input.endDate < input.startDate)
      fields.push({ field: 'endDate', message: 'must not be before startDate' });
    if (fields.length) throw RequestError('REQUEST_INVALID_FIELD', fields.map((f) => f.message).join('; '), { fields });
  }

  async create(actor: Actor, input: CreateRequestDto): Promise<RequestView> {
    if (actor.role !== 'focal_point' || !actor.countryCode)
      throw RequestError('REQUEST_FORBIDDEN', 'only a focal point files requests, for their own country');
    this.checkContent(input);
    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const year = now.getUTCFullYear();
      const n = await this.repo.nextReferenceNumber(m, actor.countryCode!, year);
      const r = Object.assign(new SupportRequestEntity(), {
        id: newId(),
        reference: `CBM-${year}-${actor.countryCode}-${String(n).padStart(4, '0')}`,
        countryCode: actor.countryCode!,
        status: 'draft' as RequestStatus,
        title: input.title,
        summary: input.summary ?? '',
        expectedResults: input.expectedResults ?? '',
        objectives: [...input.objectives].sort((a, b) => a - b),
        actions: input.actions ?? [],
        principles: input.principles ?? [],
        supportTypes: input.supportTypes,
        targetGroups: input.targetGroups ?? [],
        geographicScope: input.geographicScope ?? '',
        nationalCounterparts: input.nationalCounterparts ?? '',
        estimatedBudgetAmount: input.estimatedBudget?.amount ?? null,
        estimatedBudgetCurrency: input.estimatedBudget?.currency ?? null,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        createdById: actor.id,
        assigneeId: null,
        submittedAt: null,
        triageDueAt: null,
        triageEndedAt: null,
        infoDueAt: null,
        infoEndedAt: null,
        assessmentDueAt: null,
        assessmentEndedAt: null,
        assessmentPausedAt: null,
        dueAt: null,
        overdueAt: null,
        escalatedAt: null,
        statusChangedAt: now,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.insert(m, r);
      await this.timeline(m, r.id, actor, { kind: 'created', toStatus: 'draft' });
      await this.audit.record(m, {
        actor,
        action: 'request.created',
        entityType: 'request',
        entityId: r.id,
        after: { reference: r.reference, status: r.status, ...auditable(r) },
      });
      return this.view(actor, r);
    });
  }

  async get(actor: Actor, id: string): Promise<RequestView> {
    const r = await this.repo.findScoped(actor, id);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    return this.view(actor, r);
  }

  async list(actor: Actor, filter: RequestFilter, sort: RequestSort, limit: number): Promise<RequestView[]> {
    return (await this.repo.list(actor, { ...filter, now: this.clock.now() }, sort, limit)).map((r) =>
      this.view(actor, r),
    );
  }

  async update(actor: Actor, id: string, input: UpdateRequestDto, ifMatch?: number): Promise<RequestView> {
    return this.db.transaction(async (m) => {
      const r = await this.repo.findScoped(actor, id, m);
      if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
      if (actor.role !== 'focal_point')
        throw RequestError('REQUEST_FORBIDDEN', 'only the requesting country edits a request');
      if (!EDITABLE.includes(r.status))
        throw RequestError(
          'REQUEST_NOT_EDITABLE',
          `a request can be edited while draft or info_requested, not ${r.status}`,
        );
      const expected = ifMatch ?? input.version ?? r.version;
      if (expected !== r.version)
        throw RequestError('REQUEST_STALE_VERSION', 'the request was changed by someone else; reload and retry', {
          currentVersion: r.version,
        });
      // the dates are checked against each other as they will be stored, not only when both are sent
      const merged = {
        objectives: input.objectives ?? r.objectives,
        ...input,
        startDate: input.startDate !== undefined ? input.startDate : (r.startDate ?? undefined),
        endDate: input.endDate !== undefined ? input.endDate : (r.endDate ?? undefined),
      };
      this.checkContent(merged);
      const before = auditable(r);
      const { version: _ignored, estimatedBudget, ...rest } = input;
      Object.assign(r, rest, { updatedAt: this.clock.now() });
      if (input.objectives) r.objectives = [...input.objectives].sort((a, b) => a - b);
      if (estimatedBudget)
        Object.assign(r, {
          estimatedBudgetAmount: estimatedBudget.amount,
          estimatedBudgetCurrency: estimatedBudget.currency,
        });
      if (!(await this.repo.saveIfVersion(m, r, expected)))
        throw RequestError('REQUEST_STALE_VERSION', 'the request was changed by someone else; reload and retry');
      r.version = expected + 1;
      await this.audit.record(m, {
        actor,
        action: 'request.updated',
        entityType: 'request',
        entityId: r.id,
        ...changedFields(before, auditable(r)),
      });
      return this.view(actor, r);
    });
  }

  /** One transaction: guarded status change, clocks, timeline, audit, notifications and events (outbox). */
  async act(
    actor: Actor,
    id: string,
    action: RequestAction,
    input: RequestActionDto,
    ifMatch?: number,
  ): Promise<RequestView> {
    return this.db.transaction(async (m) => {
      const r = await this.repo.findScoped(actor, id, m);
      if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
      const decision = decide(r.status, action, actor.role);
      if (!decision.ok && decision.reason === 'role')
        throw RequestError('REQUEST_FORBIDDEN', `a ${actor.role} may not ${action} a request`, {
          allowedActions: decision.allowed,
        });
      if (!decision.ok)
        throw RequestError('REQUEST_INVALID_TRANSITION', `cannot ${action} a request that is ${r.status}`, {
          currentStatus: r.status,
          allowedActions: decision.allowed,
        });
      const expected = ifMatch ?? input.version ?? r.version;
      if (expected !== r.version)
        throw RequestError('REQUEST_STALE_VERSION', 'the request was changed by someone else; reload and retry', {
          currentVersion: r.version,
        });
      const to = decision.transition.to;
      const now = this.clock.now();
      const set: TransitionSet = { status: to, statusChangedAt: now, updatedAt: now };
      if (action === 'submit') {
        this.assertComplete(r);
        set.submittedAt = now;
      }
      if (action === 'start_triage') {
        const assigneeId = input.assigneeId ?? actor.id;
        const assignee = await this.users.findById(assigneeId, m);
        if (!assignee || assignee.role !== 'hub_officer' || !assignee.active)
          throw RequestError('REQUEST_GUARD_FAILED', 'the assignee must be an active hub officer', {
            fields: [{ field: 'assigneeId', message: 'not an active hub officer' }],
          });
        set.assigneeId = assigneeId;
      }
      const guard = await this.guards.check(m, actor, r, action, input);
      const clocks = clockChanges(action, r, now, this.sla);
      if (Object.keys(clocks).length) {
        Object.assign(set, clocks);
        const dueAt = nextDue({ ...r, ...clocks });
        // a new due date restarts the overdue scan for this request
        if (dueAt?.getTime() !== r.dueAt?.getTime()) Object.assign(set, { dueAt, overdueAt: null, escalatedAt: null });
      }
      const from = r.status;
      const body = guard.body;
      // status change, timeline entry and the partners for the events' facts: one statement
      const partners = await this.repo.transition(
        m,
        r.id,
        from,
        expected,
        set,
        this.timelineEntry(r.id, actor, { kind: 'transition', action, fromStatus: from, toStatus: to, body }),
      );
      if (!partners)
        throw RequestError('REQUEST_STALE_VERSION', 'the request was changed by someone else; reload and retry');
      Object.assign(r, set, { version: expected + 1 });
      await this.audit.record(m, {
        actor,
        action: `request.${action}`,
        entityType: 'request',
        entityId: r.id,
        before: { status: from },
        after: {
          status: to,
          ...(set.assigneeId ? { assigneeId: set.assigneeId } : {}),
          ...(body ? { note: body } : {}),
          ...guard.audit,
        },
      });
      await this.notifyTransition(m, actor, r, action, body);
      if (to === 'withdrawn') {
        // open invitations lapse with the request (their officers were just told)
        for (const p of await this.partners.active(r.id, m))
          if (p.status === 'pending')
            await this.partners.respond(m, p, 'pending', {
              status: 'withdrawn',
              respondedAt: now,
              respondedById: actor.id,
            });
      }
      // withdrawing lapses pending invitations only: the accepted partners the facts name are as read
      const facts = this.hubPublic.factsOf(r, partners);
      await this.events.publish(m, HUB_EVENTS.transitioned, { ...facts, action, from, to });
      if (action === 'complete' && guard.finalReport) {
        await this.events.publish(m, HUB_EVENTS.completed, {
          ...facts,
          lessonsLearned: guard.finalReport.lessonsLearned ?? '',
          finalReportId: guard.finalReport.id,
        });
      }
      return this.view(actor, r);
    });
  }

  private assertComplete(r: SupportRequestEntity): void {
    const missing: string[] = [];
    if (!r.title?.trim()) missing.push('title');
    if (!r.summary?.trim()) missing.push('summary');
    if (!r.expectedResults?.trim()) missing.push('expectedResults');
    if (!r.objectives?.length) missing.push('objectives');
    if (!r.supportTypes?.length) missing.push('supportTypes');
    if (missing.length)
      throw RequestError('REQUEST_INCOMPLETE', `complete these fields before submitting: ${missing.join(', ')}`, {
        fields: missing.map((field) => ({ field, message: 'required to submit' })),
      });
  }

  private async notifyTransition(
    m: EntityManager,
    actor: Actor,
    r: SupportRequestEntity,
    action: RequestAction,
    body: string | null,
  ) {
    // who hears of it, resolved in one query at the end
    const scopes: RoleScope[] = [];
    const focalPoints = () => scopes.push({ role: 'focal_point', countryCode: r.countryCode });
    const hubOfficers = () => scopes.push({ role: 'hub_officer' });
    let userIds: string[] = [];
    if (action === 'submit') hubOfficers();
    else if (action === 'provide_info' || action === 'withdraw') {
      if (r.assigneeId) userIds.push(r.assigneeId);
      else hubOfficers();
    } else if (action === 'start_triage' && r.assigneeId && r.assigneeId !== actor.id) {
      userIds.push(r.assigneeId);
      focalPoints();
    } else focalPoints();
    if (PARTNER_ACTIONS.includes(action)) {
      // partners invited or taking part hear of the steps that concern them
      for (const p of await this.partners.active(r.id, m))
        scopes.push({ role: 'partner_officer', organisationId: p.organisationId });
      if (action === 'complete') {
        if (r.assigneeId) userIds.push(r.assigneeId);
        else hubOfficers();
      }
    }
    userIds.push(...(await this.users.activeIdsOf(m, scopes)));
    userIds = userIds.filter((u) => u !== actor.id);
    const title = `${r.reference}: ${action.replace(/_/g, ' ')}`;
    await this.notifications.notify(m, {
      userIds,
      kind: `request.${action}`,
      title,
      body: body ? `${r.title}\n\n${body}` : r.title,
      entityType: 'request',
      entityId: r.id,
    });
  }

  async timeline(m: EntityManager, requestId: string, actor: Actor, e: TimelineInput) {
    await this.repo.addTimeline(m, this.timelineEntry(requestId, actor, e));
  }

  private timelineEntry(requestId: string, actor: Actor, e: TimelineInput): RequestTimelineEntryEntity {
    return Object.assign(new RequestTimelineEntryEntity(), {
      id: newId(),
      requestId,
      at: this.clock.now(),
      actorId: actor.id,
      actorRole: actor.role,
      kind: e.kind,
      action: e.action ?? null,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      body: e.body ?? null,
      internal: e.internal ?? false,
    });
  }

  async readTimeline(actor: Actor, id: string, afterId: string | undefined, limit: number) {
    const r = await this.repo.findScoped(actor, id);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    // focal points and partners never see internal notes
    return this.repo.timeline(id, isUnStaff(actor), afterId, limit);
  }

  async comment(actor: Actor, id: string, body: string, internal: boolean) {
    if (internal && !isUnStaff(actor)) throw RequestError('REQUEST_FORBIDDEN', 'internal notes are for UN staff');
    return this.db.transaction(async (m) => {
      const r = await this.repo.findScoped(actor, id, m);
      if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
      const entryId = newId();
      await this.repo.addTimeline(
        m,
        Object.assign(new RequestTimelineEntryEntity(), {
          id: entryId,
          requestId: id,
          at: this.clock.now(),
          actorId: actor.id,
          actorRole: actor.role,
          kind: internal ? 'note' : 'comment',
          action: null,
          fromStatus: null,
          toStatus: null,
          body,
          internal,
        }),
      );
      await this.audit.record(m, {
        actor,
        action: internal ? 'request.note_added' : 'request.commented',
        entityType: 'request',
        entityId: id,
        after: { entryId },
      });
      return { id: entryId, requestId: id, kind: internal ? 'note' : 'comment', body, internal };
    });
  }
}
