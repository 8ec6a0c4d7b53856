import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, isUnStaff, newId } from '@cbm/core';
import { changedFields } from '@cbm/audit';
import { ReferenceService } from '@cbm/reference';
import { CreateRequestDto, RequestActionDto, UpdateRequestDto } from './dto/request.dto';
import { timelineEntry } from './request-timeline.entity';
import { contentOf, SupportRequestEntity } from './support-request.entity';
import { RequestError } from './support-request.errors';
import { RequestFilter, RequestSort, SupportRequestRepository } from './support-request.repository';
import { allowedActions, changesOf, EDITABLE, RequestAction, stepFor, StepOutcome } from './support-request.workflow';
import { RequestView, toRequestView } from './support-request.view';
import { HubPublicService } from '../hub-public.service';
import { HubUnitOfWork } from '../hub-unit-of-work';
import { requestCompleted, requestTransitioned } from '../ports';
import { HUB_SLA_CONFIG, SlaConfig, slaClocks } from '../sla/sla-clocks';
import { requestFields, requestSubject } from './request-personal-data';
import { FindingView, findingView } from '@cbm/privacy';

/** The support request's use cases: each one transaction, every row it writes named in it. */
@Injectable()
export class SupportRequestService {
  constructor(
    private readonly uow: HubUnitOfWork,
    private readonly requests: SupportRequestRepository,
    private readonly reference: ReferenceService,
    private readonly hubPublic: HubPublicService,
    private readonly clock: Clock,
    @Inject(HUB_SLA_CONFIG) private readonly sla: SlaConfig,
  ) {}

  /** A focal point files a draft for their own country. */
  async create(actor: Actor, input: CreateRequestDto): Promise<RequestView> {
    if (actor.role !== 'focal_point' || !actor.countryCode)
      throw RequestError('REQUEST_FORBIDDEN', 'only a focal point files requests, for their own country');
    const countryCode = actor.countryCode;
    const content = contentFrom(input);
    this.checkContent(content);
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const n = await tx.requests.nextReferenceNumber(countryCode, now.getUTCFullYear());
      const r = await tx.requests.insert({
        ...content,
        id: newId(),
        reference: `CBM-${now.getUTCFullYear()}-${countryCode}-${String(n).padStart(4, '0')}`,
        countryCode,
        status: 'draft',
        createdById: actor.id,
        statusChangedAt: now,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      tx.requests.addTimeline(timelineEntry(r.id, actor, now, { kind: 'created', toStatus: 'draft' }));
      await tx.privacy.record(requestSubject(r), requestFields(r), { fresh: true }); // recorded, never blocking
      tx.audit.record({
        actor,
        action: 'request.created',
        entityType: 'request',
        entityId: r.id,
        after: { reference: r.reference, status: r.status, ...contentOf(r) },
      });
      return this.view(actor, r);
    });
  }

  async get(actor: Actor, id: string): Promise<RequestView> {
    return this.view(actor, await this.requests.getScoped(actor, id));
  }

  async list(actor: Actor, filter: RequestFilter, sort: RequestSort, limit: number): Promise<RequestView[]> {
    const now = this.clock.now();
    return (await this.requests.list(actor, { ...filter, now }, sort, limit)).map((r) => this.view(actor, r, now));
  }

  /** The focal point edits the content while the request is a draft or waits for their answer. */
  async update(actor: Actor, id: string, input: UpdateRequestDto, ifMatch?: number): Promise<RequestView> {
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, id);
      if (actor.role !== 'focal_point')
        throw RequestError('REQUEST_FORBIDDEN', 'only the requesting country edits a request');
      if (!EDITABLE.includes(r.status))
        throw RequestError(
          'REQUEST_NOT_EDITABLE',
          `a request can be edited while draft or info_requested, not ${r.status}`,
        );
      const expected = expectVersion(r, ifMatch ?? input.version);
      const before = contentOf(r);
      const { version: _v, ...fields } = input;
      Object.assign(r, contentFrom(fields), { updatedAt: this.clock.now() });
      this.checkContent(contentOf(r));
      if (!(await tx.requests.saveContent(r, expected))) throw stale();
      r.version = expected + 1;
      await tx.privacy.record(requestSubject(r), requestFields(r));
      tx.audit.record({
        actor,
        action: 'request.updated',
        entityType: 'request',
        entityId: r.id,
        ...changedFields(before, contentOf(r)),
      });
      return this.view(actor, r);
    });
  }

  /**
   * One step of the workflow (support-request.workflow.ts): who may take it, what must hold, what it
   * changes, who is told. Written: the request, a timeline entry, (withdraw) the lapsed invitations,
   * an audit event, the notifications, and the events other contexts follow.
   */
  async act(
    actor: Actor,
    id: string,
    action: RequestAction,
    input: RequestActionDto,
    ifMatch?: number,
  ): Promise<RequestView> {
    return this.uow.run(async (tx) => {
      const request = await tx.requests.getScoped(actor, id); // 404 outside the actor's scope
      const step = stepFor(request, action, actor); // 403 for the role, 409 for the state
      expectVersion(request, ifMatch ?? input.version); // 409 when stale
      const outcome = (await step.guard?.({ request, actor, input, reads: tx.reads(request) })) ?? NOTHING; // 422
      const now = this.clock.now();
      const set = changesOf(action, request, outcome, now, this.sla);
      const partners = await tx.requests.transition(request, set); // WHERE status = :from AND version = :v
      if (!partners) throw stale();
      const from = request.status;
      const r = Object.assign(request, set, { version: request.version + 1 });

      const entry = timelineEntry(r.id, actor, now, {
        kind: 'transition',
        action,
        fromStatus: from,
        toStatus: r.status,
        body: outcome.body,
      });
      tx.requests.addTimeline(entry);
      if (action === 'provide_info')
        // the focal point's answer is free text too
        await tx.privacy.record(requestSubject(r), [{ field: `answers.${entry.id}`, text: outcome.body }]);
      if (action === 'withdraw') await tx.partners.lapsePending(r.id, actor.id, now); // open invitations lapse with it
      tx.audit.record({
        actor,
        action: `request.${action}`,
        entityType: 'request',
        entityId: r.id,
        before: { status: from },
        after: { status: r.status, ...(outcome.body ? { note: outcome.body } : {}), ...outcome.audit },
      });
      const audience = step.tell(r, actor);
      const partnerOrgs = partners.filter((p) => p.status === 'pending' || p.status === 'accepted');
      tx.notify({
        to: {
          userIds: audience.userIds,
          scopes: [
            ...(audience.scopes ?? []),
            ...(step.tellPartners
              ? partnerOrgs.map((p) => ({ role: 'partner_officer' as const, organisationId: p.organisationId }))
              : []),
          ],
        },
        except: actor.id,
        kind: `request.${action}`,
        title: `${r.reference}: ${action.replace(/_/g, ' ')}`,
        body: outcome.body ? `${r.title}\n\n${outcome.body}` : r.title,
        entityType: 'request',
        entityId: r.id,
      });
      const facts = this.hubPublic.factsOf(r, partners);
      tx.publish(requestTransitioned(facts, action, from, r.status));
      if (outcome.finalReport) tx.publish(requestCompleted(facts, outcome.finalReport));
      return this.view(actor, r);
    });
  }

  /** The personal-data findings in the request's free text, answers and reports, for the hub's officers. */
  async personalData(actor: Actor, id: string): Promise<FindingView[]> {
    const r = await this.requests.getScoped(actor, id); // 404 outside the actor's scope
    return this.uow.run(async (tx) => (await tx.privacy.list(requestSubject(r))).map(findingView));
  }

  async readTimeline(actor: Actor, id: string, afterId: string | undefined, limit: number) {
    await this.requests.getScoped(actor, id);
    // focal points and partners never see internal notes
    return this.requests.timeline(id, isUnStaff(actor), afterId, limit);
  }

  /** A comment anyone in scope can read, or an internal note for UN staff. */
  async comment(actor: Actor, id: string, body: string, internal: boolean) {
    if (internal && !isUnStaff(actor)) throw RequestError('REQUEST_FORBIDDEN', 'internal notes are for UN staff');
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, id);
      const kind = internal ? 'note' : 'comment';
      const entry = timelineEntry(r.id, actor, this.clock.now(), { kind, body, internal });
      tx.requests.addTimeline(entry);
      tx.audit.record({
        actor,
        action: internal ? 'request.note_added' : 'request.commented',
        entityType: 'request',
        entityId: r.id,
        after: { entryId: entry.id },
      });
      return { id: entry.id, requestId: r.id, kind, body, internal };
    });
  }

  view(actor: Actor, r: SupportRequestEntity, now = this.clock.now()): RequestView {
    return toRequestView(r, allowedActions(r.status, actor.role), slaClocks(r, now));
  }

  /** What the DTOs cannot check alone: codes against the reference data, dates in order. */
  private checkContent(c: Partial<SupportRequestEntity>): void {
    const fields: { field: string; message: string }[] = [];
    for (const a of c.actions ?? []) {
      if (!this.reference.isAction(a)) fields.push({ field: 'actions', message: `${a} is not a GCM action` });
      else if (c.objectives && !c.objectives.includes(Number(a.split('.')[0])))
        fields.push({ field: 'actions', message: `${a} belongs to an objective the request does not address` });
    }
    for (const p of c.principles ?? [])
      if (!this.reference.isPrinciple(p))
        fields.push({ field: 'principles', message: `${p} is not a guiding principle` });
    if (c.estimatedBudgetCurrency && !this.reference.currency(c.estimatedBudgetCurrency))
      fields.push({ field: 'estimatedBudget.currency', message: 'not an ISO 4217 currency' });
    if (c.startDate && c.endDate && c.endDate < c.startDate)
      fields.push({ field: 'endDate', message: 'must not be before startDate' });
    if (fields.length) throw RequestError('REQUEST_INVALID_FIELD', fields.map((f) => f.message).join('; '), { fields });
  }
}

const NOTHING: StepOutcome = { body: null, audit: {} };

const stale = () => RequestError('REQUEST_STALE_VERSION', 'the request was changed by someone else; reload and retry');

/** The version the caller read (If-Match or the body), checked against the row; answers it. */
function expectVersion(r: SupportRequestEntity, read: number | undefined): number {
  const expected = read ?? r.version;
  if (expected !== r.version)
    throw RequestError('REQUEST_STALE_VERSION', 'the request was changed by someone else; reload and retry', {
      currentVersion: r.version,
    });
  return expected;
}

/** The DTO's fields as the entity stores them: objectives in order, the budget in its two columns. */
function contentFrom(input: Partial<CreateRequestDto>): Partial<SupportRequestEntity> {
  const { estimatedBudget, ...fields } = input;
  return {
    ...fields,
    ...(fields.objectives ? { objectives: [...fields.objectives].sort((a, b) => a - b) } : {}),
    ...(estimatedBudget
      ? { estimatedBudgetAmount: estimatedBudget.amount, estimatedBudgetCurrency: estimatedBudget.currency }
      : {}),
  };
}
