import { Injectable } from '@nestjs/common';
import { Actor, Clock, isUuid, newId, Page, pageOf, decodeIdCursor } from '@cbm/core';
import { OrganisationService } from '@cbm/reference';
import { HubTx, HubUnitOfWork } from '../hub-unit-of-work';
import { timelineEntry } from '../request/request-timeline.entity';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestEntity } from '../request/support-request.entity';
import { SupportRequestRepository } from '../request/support-request.repository';
import { InvitationQueryDto, InviteDto } from './dto/invitation.dto';
import { InvitationStatus, RequestPartnerEntity } from './request-partner.entity';
import { RequestPartnerRepository } from './request-partner.repository';

export interface InvitationView {
  id: string;
  requestId: string;
  organisationId: string;
  organisationAcronym: string | null;
  role: string;
  status: InvitationStatus;
  invitedAt: string;
  respondedAt: string | null;
  declineReason: string | null;
}

/** Invitations are sent while partners are being matched; participating ones also during set-up. */
const INVITING: Record<string, ('lead' | 'participating')[]> = {
  matching: ['lead', 'participating'],
  setup: ['participating'],
};

@Injectable()
export class InvitationService {
  constructor(
    private readonly uow: HubUnitOfWork,
    private readonly requests: SupportRequestRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
  ) {}

  /** Inviting a lead while another lead is pending or accepted replaces it (before set-up only). */
  async invite(actor: Actor, requestId: string, input: InviteDto): Promise<InvitationView> {
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, requestId, { lock: true });
      if (!INVITING[r.status]?.includes(input.role))
        throw RequestError(
          'REQUEST_INVALID_TRANSITION',
          `a ${input.role} organisation cannot be invited while the request is ${r.status}`,
          { currentStatus: r.status },
        );
      if (!(await this.organisations.organisationExists(input.organisationId, tx.transaction)))
        throw RequestError('REQUEST_INVALID_FIELD', 'no such organisation', {
          fields: [{ field: 'organisationId', message: 'unknown organisation' }],
        });
      const active = await tx.partners.active(r.id);
      if (active.some((p) => p.organisationId === input.organisationId))
        throw RequestError(
          'REQUEST_GUARD_FAILED',
          'this organisation already has a pending or accepted invitation for the request',
        );
      const now = this.clock.now();
      if (input.role === 'lead') {
        for (const old of active.filter((p) => p.role === 'lead')) {
          if (
            !(await tx.partners.respond(old, old.status, {
              status: 'withdrawn',
              respondedAt: now,
              respondedById: actor.id,
            }))
          )
            throw RequestError('REQUEST_STALE_VERSION', 'the invitations changed meanwhile; retry');
          tx.audit.record({
            actor,
            action: 'request.invitation.withdrawn',
            entityType: 'request',
            entityId: r.id,
            before: { invitationId: old.id, status: old.status },
            after: { invitationId: old.id, status: 'withdrawn', replacedBy: input.organisationId },
          });
          tx.requests.addTimeline(
            timelineEntry(r.id, actor, this.clock.now(), {
              kind: 'invitation',
              body: `Lead invitation of ${await this.acronym(old.organisationId, tx)} withdrawn: lead replaced`,
            }),
          );
        }
      }
      const p = Object.assign(new RequestPartnerEntity(), {
        id: newId(),
        requestId: r.id,
        organisationId: input.organisationId,
        role: input.role,
        status: 'pending' as InvitationStatus,
        invitedById: actor.id,
        invitedAt: now,
        respondedAt: null,
        respondedById: null,
        declineReason: null,
        version: 1,
      });
      await tx.partners.insert(p);
      const acronym = await this.acronym(p.organisationId, tx);
      tx.requests.addTimeline(
        timelineEntry(r.id, actor, this.clock.now(), {
          kind: 'invitation',
          body: `${acronym} invited as ${p.role}`,
        }),
      );
      tx.audit.record({
        actor,
        action: 'request.invitation.sent',
        entityType: 'request',
        entityId: r.id,
        after: { invitationId: p.id, organisationId: p.organisationId, role: p.role },
      });
      tx.notify({
        to: { scopes: [{ role: 'partner_officer', organisationId: p.organisationId }] },
        kind: 'request.invitation',
        title: `${r.reference}: invitation as ${p.role}`,
        body: r.title,
        entityType: 'request',
        entityId: r.id,
      });
      return toInvitationView(p, acronym);
    });
  }

  async list(actor: Actor, q: InvitationQueryDto): Promise<Page<InvitationView>> {
    const limit = q.limit ?? 50;
    const before = decodeIdCursor(q.cursor);
    // partner officers see only their organisation's invitations, whatever they ask for
    const organisationId =
      actor.role === 'partner_officer'
        ? (actor.organisationId ?? '00000000-0000-0000-0000-000000000000')
        : q.organisationId;
    const rows = await this.partners.list(
      { organisationId, status: q.status },
      before as string | undefined,
      limit + 1,
    );
    const orgs = new Map(
      (await this.organisations.byIds(rows.map((p) => p.organisationId))).map((o) => [o.id, o.acronym]),
    );
    return pageOf(
      rows.map((p) => toInvitationView(p, orgs.get(p.organisationId) ?? null)),
      limit,
      (p) => [p.id],
    );
  }

  /** Partners of a request as anyone in its scope sees them. */
  async forRequest(actor: Actor, requestId: string): Promise<InvitationView[]> {
    const r = await this.requests.getScoped(actor, requestId);
    // the requesting country sees who takes part, not the hub's exchanges with organisations that did not
    const rows = (await this.partners.forRequest(r.id)).filter(
      (p) => actor.role !== 'focal_point' || p.status === 'accepted',
    );
    const orgs = new Map(
      (await this.organisations.byIds(rows.map((p) => p.organisationId))).map((o) => [o.id, o.acronym]),
    );
    return rows.map((p) => ({
      ...toInvitationView(p, orgs.get(p.organisationId) ?? null),
      ...(actor.role === 'focal_point' ? { declineReason: null } : {}),
    }));
  }

  accept(actor: Actor, id: string): Promise<InvitationView> {
    return this.respond(actor, id, 'accepted', null);
  }

  decline(actor: Actor, id: string, reason: string): Promise<InvitationView> {
    if (!reason.trim())
      throw RequestError('REQUEST_GUARD_FAILED', 'a reason is required to decline', {
        fields: [{ field: 'reason', message: 'required' }],
      });
    return this.respond(actor, id, 'declined', reason.trim());
  }

  private async respond(
    actor: Actor,
    id: string,
    to: 'accepted' | 'declined',
    reason: string | null,
  ): Promise<InvitationView> {
    return this.uow.run(async (tx) => {
      const p = isUuid(id) ? await tx.partners.findById(id) : null;
      // another organisation's invitation does not exist for this caller
      if (!p || actor.role !== 'partner_officer' || p.organisationId !== actor.organisationId)
        throw RequestError('REQUEST_NOT_FOUND', 'no such invitation');
      if (p.status !== 'pending')
        throw RequestError('REQUEST_INVALID_TRANSITION', `the invitation is ${p.status}, not pending`, {
          invitationStatus: p.status,
        });
      const r = (await tx.requests.findById(p.requestId)) as SupportRequestEntity;
      if (r.status !== 'matching' && r.status !== 'setup')
        throw RequestError(
          'REQUEST_INVALID_TRANSITION',
          `the request is ${r.status}: invitations can no longer be answered`,
          { currentStatus: r.status },
        );
      const now = this.clock.now();
      if (
        !(await tx.partners.respond(p, 'pending', {
          status: to,
          respondedAt: now,
          respondedById: actor.id,
          declineReason: reason,
        }))
      )
        throw RequestError('REQUEST_STALE_VERSION', 'the invitation changed meanwhile; reload');
      Object.assign(p, {
        status: to,
        respondedAt: now,
        respondedById: actor.id,
        declineReason: reason,
        version: p.version + 1,
      });
      const acronym = await this.acronym(p.organisationId, tx);
      tx.requests.addTimeline(
        timelineEntry(r.id, actor, this.clock.now(), {
          kind: 'invitation',
          body: to === 'accepted' ? `${acronym} accepted to take part as ${p.role}` : `${acronym} declined: ${reason}`,
        }),
      );
      tx.audit.record({
        actor,
        action: `request.invitation.${to}`,
        entityType: 'request',
        entityId: r.id,
        before: { invitationId: p.id, status: 'pending' },
        after: { invitationId: p.id, organisationId: p.organisationId, status: to, ...(reason ? { reason } : {}) },
      });
      tx.notify({
        to: r.assigneeId ? { userIds: [r.assigneeId] } : { scopes: [{ role: 'hub_officer' }] },
        kind: `request.invitation.${to}`,
        title: `${r.reference}: ${acronym} ${to}`,
        body: reason ?? r.title,
        entityType: 'request',
        entityId: r.id,
      });
      return toInvitationView(p, acronym);
    });
  }

  private async acronym(organisationId: string, tx: HubTx): Promise<string> {
    return (await this.organisations.byIds([organisationId], tx.transaction))[0]?.acronym ?? organisationId;
  }
}

function toInvitationView(p: RequestPartnerEntity, acronym: string | null): InvitationView {
  return {
    id: p.id,
    requestId: p.requestId,
    organisationId: p.organisationId,
    organisationAcronym: acronym,
    role: p.role,
    status: p.status,
    invitedAt: p.invitedAt.toISOString(),
    respondedAt: p.respondedAt?.toISOString() ?? null,
    declineReason: p.declineReason,
  };
}
