import { Injectable } from '@nestjs/common';
import { Actor, Clock, Database, newId } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { UserDirectory } from '@cbm/auth';
import { NotificationService } from '@cbm/notifications';
import { ReferenceService } from '@cbm/reference';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestRepository } from '../request/support-request.repository';
import { SupportRequestService } from '../request/support-request.service';
import { CreateLinkDto, CreatePeerExchangeDto, UpdatePeerExchangeDto } from './dto/peer.dto';
import { PeerExchangeEntity } from './peer-exchange.entity';
import { PeerRepository } from './peer.repository';
import { RequestLinkEntity } from './request-link.entity';

/** Linked solutions ("replicated from") and peer exchanges between two countries' focal points. */
@Injectable()
export class PeerService {
  constructor(
    private readonly db: Database,
    private readonly requests: SupportRequestRepository,
    private readonly requestService: SupportRequestService,
    private readonly repo: PeerRepository,
    private readonly reference: ReferenceService,
    private readonly users: UserDirectory,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async link(actor: Actor, requestId: string, input: CreateLinkDto): Promise<RequestLinkEntity> {
    return this.db.transaction(async (m) => {
      const r = await this.requests.findScoped(actor, requestId, m, true);
      if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
      if (input.targetType === 'request') {
        const target = await this.requests.findById(input.targetId, m);
        if (!target || target.id === r.id || target.status === 'draft')
          throw RequestError('REQUEST_INVALID_FIELD', 'no such earlier request', {
            fields: [{ field: 'targetId', message: 'not a request that can be linked' }],
          });
      }
      if (await this.repo.linkExists(m, r.id, input.targetType, input.targetId))
        throw RequestError('REQUEST_GUARD_FAILED', 'this solution is already linked to the request');
      const l = Object.assign(new RequestLinkEntity(), {
        id: newId(),
        requestId: r.id,
        targetType: input.targetType,
        targetId: input.targetId,
        relation: input.relation,
        note: input.note ?? '',
        createdById: actor.id,
        createdAt: this.clock.now(),
      });
      await this.repo.insertLink(m, l);
      await this.requestService.timeline(m, r.id, actor, {
        kind: 'link',
        body: `${input.relation === 'replicated_from' ? 'Replicates' : 'Related to'} ${input.targetType.replace('_', ' ')} ${input.targetId}${l.note ? `: ${l.note}` : ''}`,
      });
      await this.audit.record(m, {
        actor,
        action: 'request.solution.linked',
        entityType: 'request',
        entityId: r.id,
        after: { linkId: l.id, targetType: l.targetType, targetId: l.targetId, relation: l.relation },
      });
      return l;
    });
  }

  async links(actor: Actor, requestId: string): Promise<RequestLinkEntity[]> {
    const r = await this.requests.findScoped(actor, requestId);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    return this.repo.links(r.id);
  }

  /** Both countries' focal points are told. */
  async openExchange(actor: Actor, requestId: string, input: CreatePeerExchangeDto): Promise<PeerExchangeEntity> {
    if (!this.reference.isCountry(input.peerCountryCode))
      throw RequestError('REQUEST_INVALID_FIELD', 'not an ISO 3166 country', {
        fields: [{ field: 'peerCountryCode', message: 'unknown country' }],
      });
    return this.db.transaction(async (m) => {
      const r = await this.requests.findScoped(actor, requestId, m, true);
      if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
      if (input.peerCountryCode === r.countryCode)
        throw RequestError('REQUEST_INVALID_FIELD', 'a peer exchange is between two countries', {
          fields: [{ field: 'peerCountryCode', message: 'the requesting country itself' }],
        });
      if (input.peerRequestId) {
        const peer = await this.requests.findById(input.peerRequestId, m);
        if (!peer || peer.countryCode !== input.peerCountryCode || peer.status === 'draft')
          throw RequestError('REQUEST_INVALID_FIELD', 'peerRequestId must be a request of the peer country', {
            fields: [{ field: 'peerRequestId', message: 'not a request of the peer country' }],
          });
      }
      const now = this.clock.now();
      const e = Object.assign(new PeerExchangeEntity(), {
        id: newId(),
        requestId: r.id,
        countryCode: r.countryCode,
        peerCountryCode: input.peerCountryCode,
        peerRequestId: input.peerRequestId ?? null,
        topic: input.topic,
        plannedActivities: input.plannedActivities,
        status: 'planned' as const,
        outcome: null,
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await this.repo.insertExchange(m, e);
      await this.requestService.timeline(m, r.id, actor, {
        kind: 'peer_exchange',
        body: `Peer exchange with ${e.peerCountryCode} on ${e.topic}`,
      });
      await this.audit.record(m, {
        actor,
        action: 'request.peer_exchange.opened',
        entityType: 'request',
        entityId: r.id,
        after: { exchangeId: e.id, peerCountryCode: e.peerCountryCode, topic: e.topic },
      });
      const focal = await this.users.activeIdsOf(
        [
          { role: 'focal_point', countryCode: r.countryCode },
          { role: 'focal_point', countryCode: e.peerCountryCode },
        ],
        m,
      );
      await this.notifications.notify(m, {
        userIds: focal,
        kind: 'request.peer_exchange',
        title: `Peer exchange ${r.countryCode}–${e.peerCountryCode}: ${e.topic}`,
        body: e.plannedActivities,
        entityType: 'request',
        entityId: r.id,
      });
      return e;
    });
  }

  async updateExchange(
    actor: Actor,
    requestId: string,
    exchangeId: string,
    input: UpdatePeerExchangeDto,
  ): Promise<PeerExchangeEntity> {
    return this.db.transaction(async (m) => {
      const r = await this.requests.findScoped(actor, requestId, m, true);
      if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
      const e = await this.repo.findExchange(m, r.id, exchangeId);
      if (!e) throw RequestError('REQUEST_NOT_FOUND', 'no such peer exchange');
      const expected = input.version ?? e.version;
      const before = { status: e.status, outcome: e.outcome, plannedActivities: e.plannedActivities };
      Object.assign(e, {
        status: input.status ?? e.status,
        outcome: input.outcome ?? e.outcome,
        plannedActivities: input.plannedActivities ?? e.plannedActivities,
        updatedAt: this.clock.now(),
      });
      if (e.status === 'held' && !e.outcome?.trim())
        throw RequestError('REQUEST_INVALID_FIELD', 'a held exchange records its outcome', {
          fields: [{ field: 'outcome', message: 'required when held' }],
        });
      if (expected !== e.version || !(await this.repo.updateExchange(m, e, expected)))
        throw RequestError('REQUEST_STALE_VERSION', 'the exchange was changed by someone else; reload', {
          currentVersion: e.version,
        });
      e.version = expected + 1;
      await this.audit.record(m, {
        actor,
        action: 'request.peer_exchange.updated',
        entityType: 'request',
        entityId: r.id,
        before,
        after: { exchangeId: e.id, status: e.status, outcome: e.outcome, plannedActivities: e.plannedActivities },
      });
      if (before.status !== e.status)
        await this.requestService.timeline(m, r.id, actor, {
          kind: 'peer_exchange',
          body: `Peer exchange with ${e.peerCountryCode} ${e.status}${e.outcome ? `: ${e.outcome}` : ''}`,
        });
      return e;
    });
  }

  /** Exchanges of the request; the peer country's focal points see them through their own request only. */
  async exchanges(actor: Actor, requestId: string): Promise<PeerExchangeEntity[]> {
    const r = await this.requests.findScoped(actor, requestId);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    return this.repo.exchanges(r.id);
  }
}
