import { Injectable } from '@nestjs/common';
import { Actor, Clock, CoreError, Database, decodeCursor, isUuid, newId, Page, pageOf } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { UserDirectory } from '@cbm/auth';
import { NotificationService } from '@cbm/notifications';
import { OrganisationService } from '@cbm/reference';
import { EntityManager } from 'typeorm';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestEntity } from '../request/support-request.entity';
import { SupportRequestRepository } from '../request/support-request.repository';
import { SupportRequestService } from '../request/support-request.service';
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
    private readonly db: Database,
    private readonly requests: SupportRequestRepository,
    private readonly requestService: SupportRequestService,
    private readonly repo: RequestPartnerRepository,
    private readonly organisations: OrganisationService,
    private readonly users: UserDirectory,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Inviting a lead while another lead is pending or accepted replaces it (before set-up only). */
  async invite(actor: Actor, requestId: string, input: InviteDto): Promise<InvitationView> {
    return this.db.transaction(async (m) => {
      const r = await this.requests.findScoped(actor, requestId, m, true);
      if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
      if (!INVITING[r.status]?.includes(input.role))
        throw RequestError(
          'REQUEST_INVALID_TRANSITION',
          `a ${input.role} organisation cannot be invited while the request is ${r.status}`,
          { currentStatus: r.status },
        );
      if (!(await this.organisations.organisationExists(input.organisationId, m)))
        throw RequestError('REQUEST_INVALID_FIELD', 'no such organisation', {
          fields: [{ field: 'organisationId', message: 'unknown organisation' }],
        });
      const active = await this.repo.active(r.id, m);
      if (active.some((p) => p.organisationId === input.organisationId))
        throw RequestError(
          'REQUEST_GUARD_FAILED',
          'this organisation already has a pending or accepted invitation for the request',
        );
      const now = this.clock.now();
      if (input.role === 'lead') {
        for (const old of active.filter((p) => p.role === 'lead')) {
          if (
            !(await this.repo.respond(m, old, old.status, {
              status: 'withdrawn',
              respondedAt: now,
              respondedById: actor.id,
            }))
          )
            throw RequestError('REQUEST_STALE_VERSION', 'the invitations changed meanwhile; retry');
          await this.audit.record(m, {
            actor,
            action: 'request.invitation.withdrawn',
            entityType: 'request',
            entityId: r.id,
            before: { invitationId: old.id, status: old.status },
            after: { invitationId: old.id, status: 'withdrawn', replacedBy: input.organisationId },
          });
          await this.requestService.timeline(m, r.id, actor, {
            kind: 'invitation',
            body: `Lead invitation of ${await this.acronym(old.organisationId, m)} withdrawn: lead replaced`,
          });
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
      await this.repo.insert(m, p);
      const acronym = await this.acronym(p.organisationId, m);
      await this.requestService.timeline(m, r.id, actor, {
        kind: 'invitation',
        body: `${acronym} invited as ${p.role}`,
      });
      await this.audit.record(m, {
        actor,
        action: 'request.invitation.sent',
        entityType: 'request',
        entityId: r.id,
        after: { invitationId: p.id, organisationId: p.organisationId, role: p.role },
      });
      const officers = await this.users.activeIdsOf([{ role: 'partner_officer', organisationId: p.organisationId }], m);
      await this.notifications.notify(m, {
        userIds: officers,
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
    const before = decodeCursor(q.cursor, 1)?.[0];
    if (before !== undefined && !isUuid(before))
      throw CoreError('VALIDATION_FAILED', 'cursor is not valid', {
        fields: [{ field: 'cursor', message: 'not a cursor this API issued' }],
      });
    // partner officers see only their organisation's invitations, whatever they ask for
    const organisationId =
      actor.role === 'partner_officer'
        ? (actor.organisationId ?? '00000000-0000-0000-0000-000000000000')
        : q.organisationId;
    const rows = await this.repo.list({ organisationId, status: q.status }, before as string | undefined, limit + 1);
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
    const r = await this.requests.findScoped(actor, requestId);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    // the requesting country sees who takes part, not the hub's exchanges with organisations that did not
    const rows = (await this.repo.forRequest(r.id)).filter(
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
    return this.db.transaction(async (m) => {
      const p = isUuid(id) ? await this.repo.findById(id, m) : null;
      // another organisation's invitation does not exist for this caller
      if (!p || actor.role !== 'partner_officer' || p.organisationId !== actor.organisationId)
        throw RequestError('REQUEST_NOT_FOUND', 'no such invitation');
      if (p.status !== 'pending')
        throw RequestError('REQUEST_INVALID_TRANSITION', `the invitation is ${p.status}, not pending`, {
          invitationStatus: p.status,
        });
      const r = (await this.requests.findById(p.requestId, m)) as SupportRequestEntity;
      if (r.status !== 'matching' && r.status !== 'setup')
        throw RequestError(
          'REQUEST_INVALID_TRANSITION',
          `the request is ${r.status}: invitations can no longer be answered`,
          { currentStatus: r.status },
        );
      const now = this.clock.now();
      if (
        !(await this.repo.respond(m, p, 'pending', {
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
      const acronym = await this.acronym(p.organisationId, m);
      await this.requestService.timeline(m, r.id, actor, {
        kind: 'invitation',
        body: to === 'accepted' ? `${acronym} accepted to take part as ${p.role}` : `${acronym} declined: ${reason}`,
      });
      await this.audit.record(m, {
        actor,
        action: `request.invitation.${to}`,
        entityType: 'request',
        entityId: r.id,
        before: { invitationId: p.id, status: 'pending' },
        after: { invitationId: p.id, organisationId: p.organisationId, status: to, ...(reason ? { reason } : {}) },
      });
      const notify = r.assigneeId ? [r.assigneeId] : await this.users.activeIdsOf([{ role: 'hub_officer' }], m);
      await this.notifications.notify(m, {
        userIds: notify,
        kind: `request.invitation.${to}`,
        title: `${r.reference}: ${acronym} ${to}`,
        body: reason ?? r.title,
        entityType: 'request',
        entityId: r.id,
      });
      return toInvitationView(p, acronym);
    });
  }

  private async acronym(organisationId: string, m: EntityManager): Promise<string> {
    return (await this.organisations.byIds([organisationId], m))[0]?.acronym ?? organisationId;
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
