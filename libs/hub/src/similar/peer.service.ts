import { Injectable } from '@nestjs/common';
import { Actor, Clock, newId } from '@cbm/core';
import { ReferenceService } from '@cbm/reference';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestRepository } from '../request/support-request.repository';
import { HubUnitOfWork } from '../hub-unit-of-work';
import { timelineEntry } from '../request/request-timeline.entity';
import { CreateLinkDto, CreatePeerExchangeDto, UpdatePeerExchangeDto } from './dto/peer.dto';
import { PeerExchangeEntity } from './peer-exchange.entity';
import { PeerRepository } from './peer.repository';
import { RequestLinkEntity } from './request-link.entity';

/** Linked solutions ("replicated from") and peer exchanges between two countries' focal points. */
@Injectable()
export class PeerService {
  constructor(
    private readonly uow: HubUnitOfWork,
    private readonly requests: SupportRequestRepository,
    private readonly peers: PeerRepository,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  async link(actor: Actor, requestId: string, input: CreateLinkDto): Promise<RequestLinkEntity> {
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, requestId, { lock: true });
      if (input.targetType === 'request') {
        const target = await tx.requests.findById(input.targetId);
        if (!target || target.id === r.id || target.status === 'draft')
          throw RequestError('REQUEST_INVALID_FIELD', 'no such earlier request', {
            fields: [{ field: 'targetId', message: 'not a request that can be linked' }],
          });
      }
      if (await tx.peers.linkExists(r.id, input.targetType, input.targetId))
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
      await tx.peers.insertLink(l);
      tx.requests.addTimeline(
        timelineEntry(r.id, actor, this.clock.now(), {
          kind: 'link',
          body: `${input.relation === 'replicated_from' ? 'Replicates' : 'Related to'} ${input.targetType.replace('_', ' ')} ${input.targetId}${l.note ? `: ${l.note}` : ''}`,
        }),
      );
      tx.audit.record({
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
    const r = await this.requests.getScoped(actor, requestId);
    return this.peers.links(r.id);
  }

  /** Both countries' focal points are told. */
  async openExchange(actor: Actor, requestId: string, input: CreatePeerExchangeDto): Promise<PeerExchangeEntity> {
    if (!this.reference.isCountry(input.peerCountryCode))
      throw RequestError('REQUEST_INVALID_FIELD', 'not an ISO 3166 country', {
        fields: [{ field: 'peerCountryCode', message: 'unknown country' }],
      });
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, requestId, { lock: true });
      if (input.peerCountryCode === r.countryCode)
        throw RequestError('REQUEST_INVALID_FIELD', 'a peer exchange is between two countries', {
          fields: [{ field: 'peerCountryCode', message: 'the requesting country itself' }],
        });
      if (input.peerRequestId) {
        const peer = await tx.requests.findById(input.peerRequestId);
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
      await tx.peers.insertExchange(e);
      tx.requests.addTimeline(
        timelineEntry(r.id, actor, this.clock.now(), {
          kind: 'peer_exchange',
          body: `Peer exchange with ${e.peerCountryCode} on ${e.topic}`,
        }),
      );
      tx.audit.record({
        actor,
        action: 'request.peer_exchange.opened',
        entityType: 'request',
        entityId: r.id,
        after: { exchangeId: e.id, peerCountryCode: e.peerCountryCode, topic: e.topic },
      });
      tx.notify({
        to: {
          scopes: [
            { role: 'focal_point', countryCode: r.countryCode },
            { role: 'focal_point', countryCode: e.peerCountryCode },
          ],
        },
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
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, requestId, { lock: true });
      const e = await tx.peers.findExchange(r.id, exchangeId);
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
      if (expected !== e.version || !(await tx.peers.updateExchange(e, expected)))
        throw RequestError('REQUEST_STALE_VERSION', 'the exchange was changed by someone else; reload', {
          currentVersion: e.version,
        });
      e.version = expected + 1;
      tx.audit.record({
        actor,
        action: 'request.peer_exchange.updated',
        entityType: 'request',
        entityId: r.id,
        before,
        after: { exchangeId: e.id, status: e.status, outcome: e.outcome, plannedActivities: e.plannedActivities },
      });
      if (before.status !== e.status)
        tx.requests.addTimeline(
          timelineEntry(r.id, actor, this.clock.now(), {
            kind: 'peer_exchange',
            body: `Peer exchange with ${e.peerCountryCode} ${e.status}${e.outcome ? `: ${e.outcome}` : ''}`,
          }),
        );
      return e;
    });
  }

  /** Exchanges of the request; the peer country's focal points see them through their own request only. */
  async exchanges(actor: Actor, requestId: string): Promise<PeerExchangeEntity[]> {
    const r = await this.requests.getScoped(actor, requestId);
    return this.peers.exchanges(r.id);
  }
}
