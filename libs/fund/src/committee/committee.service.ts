import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, newId, toDto } from '@cbm/core';
import { UserDirectory } from '@cbm/auth';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { FundError } from '../fund.errors';
import { FundTx, FundUnitOfWork } from '../fund-unit-of-work';
import { FundRepository } from '../fund.repository';
import { CommitteeFacts, FUND_REQUEST_PORT, FundRequestPort } from '../ports';
import { markerFlags } from '../reporting/marker-flags';
import { callerPosition, fundImpact } from './brief';
import { CommitteeRepository, PackInfo } from './committee.repository';
import { AgendaDto, AllocationBriefView, CreateMeetingDto, MeetingView, PackView } from './committee.dto';
import { renderDecisionPack } from './decision-pack.pdf';
import { FundMeetingEntity, FundMeetingItemEntity, FundMeetingPackEntity } from './meeting.entity';

const usd = (v: bigint) => toDto({ amount: v, currency: 'USD' });

/**
 * The steering committee's table: the brief of a proposal (the facts, the fund impact, the conflicts),
 * meetings with their agendas, and the decision packs (PDF, SHA-256, append-only versions) that the
 * decisions taken at a meeting cite (AllocationService.decide reads `citedPack`).
 */
@Injectable()
export class CommitteeService {
  constructor(
    private readonly uow: FundUnitOfWork,
    private readonly fund: FundRepository,
    private readonly committee: CommitteeRepository,
    private readonly clock: Clock,
    private readonly users: UserDirectory,
    @Inject(FUND_REQUEST_PORT) private readonly requests: FundRequestPort,
  ) {}

  /**
   * What the committee decides a proposal with, and what the caller may do about it. The hub's facts
   * are read first, on the pool (the hub answers them outside our transaction); the fund's in one.
   */
  async brief(actor: Actor, allocationId: string): Promise<AllocationBriefView> {
    const facts = await this.factsOf([allocationId]);
    return this.uow.run(async (tx) => {
      const a = await tx.fund.getAllocation(allocationId);
      return this.briefOf(tx, actor, a, facts.get(a.requestId) ?? null);
    });
  }

  /** The hub's facts for the requests of these allocations, by request id (404 for an unknown allocation). */
  private async factsOf(allocationIds: string[]): Promise<Map<string, CommitteeFacts | null>> {
    const facts = new Map<string, CommitteeFacts | null>();
    for (const id of allocationIds) {
      const a = await this.fund.getAllocation(id);
      if (!facts.has(a.requestId)) facts.set(a.requestId, await this.requests.committeeFacts(a.requestId));
    }
    return facts;
  }

  private async briefOf(
    tx: FundTx,
    actor: Actor,
    a: FundAllocationEntity,
    facts: CommitteeFacts | null,
  ): Promise<AllocationBriefView> {
    const app = await tx.fund.getApplication(a.applicationId);
    const reads = tx.allocationReads(a, app);
    const implementers = await reads.implementers();
    const impact = a.status === 'proposed' ? fundImpact(await reads.cash(false), app, BigInt(a.amount)) : null;
    const contributions = impact?.earmarks.length
      ? await tx.fund.contributions({ ids: impact.earmarks.map((e) => e.contributionId) })
      : [];
    const conflicted = implementers.length
      ? await this.users.activeIdsOf(
          implementers.map((organisationId) => ({ role: 'steering_committee' as const, organisationId })),
          tx.transaction,
        )
      : [];
    const tranches = await tx.fund.tranches([a.id]);
    const indicators = await this.requests.resultIndicators([a.requestId], tx.transaction);
    return {
      allocationId: a.id,
      applicationId: a.applicationId,
      status: a.status,
      amount: usd(BigInt(a.amount)),
      durationMonths: a.durationMonths,
      proposedById: a.proposedById,
      proposedAt: a.proposedAt.toISOString(),
      tranches: tranches.map((t) => ({ seq: t.seq, amount: usd(BigInt(t.amount)), condition: t.condition })),
      request: facts?.request ?? null,
      assessment: facts?.assessment ?? null,
      partnerMatches: facts?.partnerMatches ?? [],
      plan: facts?.plan ?? null,
      impact: impact && {
        sufficient: impact.sufficient,
        shortBy: usd(impact.shortBy),
        unallocatedBefore: usd(impact.unallocatedBefore),
        unallocatedAfter: usd(impact.unallocatedAfter),
        poolBefore: usd(impact.poolBefore),
        poolAfter: usd(impact.poolAfter),
        earmarks: impact.earmarks.map((e) => ({
          contributionId: e.contributionId,
          contributorId: contributions.find((c) => c.id === e.contributionId)!.contributorId,
          before: usd(e.before),
          draw: usd(e.draw),
          after: usd(e.after),
        })),
      },
      conflicts: {
        implementingOrganisationIds: implementers,
        conflictedMemberIds: [...conflicted].sort(),
        recusedMemberIds: a.recusedIds,
        caller: callerPosition(
          { id: actor.id, role: actor.role, organisationId: actor.organisationId ?? null },
          a,
          implementers,
        ),
      },
      flags: markerFlags(a, indicators.get(a.requestId) ?? []),
    };
  }

  /* Meetings */

  /** The fund manager calls a meeting (a date, a title), with an agenda if given. */
  create(actor: Actor, input: CreateMeetingDto): Promise<MeetingView> {
    return this.uow.run(async (tx) => {
      const m = Object.assign(new FundMeetingEntity(), {
        id: newId(),
        title: input.title,
        meetsOn: input.date,
        createdById: actor.id,
        createdAt: this.clock.now(),
        version: 1,
      });
      await tx.committee.insertMeeting(m);
      const agenda = input.allocationIds ?? [];
      if (agenda.length) {
        await this.checkAgenda(tx, [], agenda);
        if (!(await tx.committee.replaceAgenda(m, agenda))) throw meetingMovedOn();
        m.version += 1;
      }
      tx.audit.record({
        actor,
        action: 'fund.meeting.created',
        entityType: 'fund_meeting',
        entityId: m.id,
        after: { title: m.title, date: m.meetsOn, allocationIds: agenda },
      });
      return this.viewIn(tx, m);
    });
  }

  /** The agenda becomes the list given, in order (the meeting row locked: changes queue). */
  setAgenda(actor: Actor, id: string, input: AgendaDto): Promise<MeetingView> {
    return this.uow.run(async (tx) => {
      const m = await this.getMeeting(tx, id, true);
      const before = (await tx.committee.items([m.id])).map((i) => i.allocationId);
      await this.checkAgenda(tx, before, input.allocationIds);
      if (!(await tx.committee.replaceAgenda(m, input.allocationIds))) throw meetingMovedOn();
      m.version += 1;
      tx.audit.record({
        actor,
        action: 'fund.meeting.agenda_set',
        entityType: 'fund_meeting',
        entityId: m.id,
        before: { allocationIds: before },
        after: { allocationIds: input.allocationIds },
      });
      return this.viewIn(tx, m);
    });
  }

  /**
   * A new version of the meeting's decision pack: every proposal on the agenda with its brief, as a
   * PDF whose SHA-256 is stored with it. Earlier versions stay as they are (and downloadable): a
   * decision that cited one keeps citing exactly those bytes.
   */
  async generatePack(actor: Actor, id: string): Promise<PackView> {
    // the hub's facts first, on the pool, for the agenda as it is now
    const facts = await this.factsOf((await this.committee.items([id])).map((i) => i.allocationId));
    return this.uow.run(async (tx) => {
      const m = await this.getMeeting(tx, id, true);
      const agenda = (await tx.committee.items([m.id])).map((i) => i.allocationId);
      if (!agenda.length)
        throw FundError('FUND_INVALID_STATE', 'the agenda is empty: put proposals on it before generating its pack');
      const briefs = [];
      for (const allocationId of agenda) {
        const a = await tx.fund.getAllocation(allocationId);
        if (!facts.has(a.requestId)) throw meetingMovedOn(); // the agenda changed since the facts were read
        briefs.push(await this.briefOf(tx, actor, a, facts.get(a.requestId)!));
      }
      const latest = (await tx.committee.packs([m.id]))[0];
      const version = (latest?.version ?? 0) + 1;
      const generatedAt = this.clock.now();
      const { bytes, pages } = await renderDecisionPack(
        { id: m.id, title: m.title, date: m.meetsOn, version, generatedAt },
        briefs,
      );
      const pack = Object.assign(new FundMeetingPackEntity(), {
        id: newId(),
        meetingId: m.id,
        version,
        allocationIds: agenda,
        sha256: sha256(bytes),
        size: bytes.length,
        pages,
        content: bytes,
        generatedById: actor.id,
        generatedAt,
      });
      await tx.committee.insertPack(pack);
      if (!(await tx.committee.touch(m))) throw meetingMovedOn();
      tx.audit.record({
        actor,
        action: 'fund.meeting.pack_generated',
        entityType: 'fund_meeting',
        entityId: m.id,
        after: { packId: pack.id, version, sha256: pack.sha256, allocationIds: agenda },
      });
      tx.notify({
        to: { scopes: [{ role: 'steering_committee' }] },
        except: actor.id,
        kind: 'fund.meeting.pack_generated',
        title: `${m.title} (${m.meetsOn}): decision pack ${version}`,
        body: `${agenda.length} proposal(s) on the agenda. SHA-256 ${pack.sha256}.`,
        entityType: 'fund_meeting',
        entityId: m.id,
      });
      return packView(pack);
    });
  }

  async list(afterId: string | undefined, limit: number): Promise<MeetingView[]> {
    return this.uow.run(async (tx) => {
      const meetings = await tx.committee.meetings(afterId, limit);
      const ids = meetings.map((m) => m.id);
      const [items, packs] = await Promise.all([tx.committee.items(ids), tx.committee.packs(ids)]);
      return meetings.map((m) => meetingView(m, items, packs));
    });
  }

  get(id: string): Promise<MeetingView> {
    return this.uow.run(async (tx) => this.viewIn(tx, await this.getMeeting(tx, id)));
  }

  /** A pack's bytes: `version`, or the latest. */
  pack(id: string, version?: number): Promise<FundMeetingPackEntity> {
    return this.uow.run(async (tx) => {
      await this.getMeeting(tx, id);
      const p = await tx.committee.pack(id, version);
      if (!p)
        throw FundError(
          'FUND_NOT_FOUND',
          version ? `the meeting has no pack version ${version}` : 'no pack generated yet',
        );
      return p;
    });
  }

  private async getMeeting(tx: FundTx, id: string, lock = false): Promise<FundMeetingEntity> {
    const m = await tx.committee.meeting(id, { lock });
    if (!m) throw FundError('FUND_NOT_FOUND', 'no such meeting');
    return m;
  }

  /** Added allocations must exist and be proposed; those already on the agenda may stay whatever their status. */
  private async checkAgenda(tx: FundTx, before: string[], after: string[]): Promise<void> {
    for (const id of after) {
      if (before.includes(id)) continue;
      const a = await tx.fund.allocation(id);
      if (!a)
        throw FundError('FUND_NOT_FOUND', `no such allocation: ${id}`, {
          fields: [{ field: 'allocationIds', message: `${id} is not an allocation` }],
        });
      if (a.status !== 'proposed')
        throw FundError('FUND_INVALID_STATE', `allocation ${id} is ${a.status}: only proposals go on an agenda`, {
          currentStatus: a.status,
        });
    }
  }

  private async viewIn(tx: FundTx, m: FundMeetingEntity): Promise<MeetingView> {
    const [items, packs] = await Promise.all([tx.committee.items([m.id]), tx.committee.packs([m.id])]);
    return meetingView(m, items, packs);
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const meetingMovedOn = () =>
  FundError('FUND_INVALID_STATE', 'the meeting was changed by someone else at the same time; reload it');

function packView(p: PackInfo): PackView {
  return {
    id: p.id,
    version: p.version,
    sha256: p.sha256,
    size: p.size,
    pages: p.pages,
    allocationIds: p.allocationIds,
    generatedById: p.generatedById,
    generatedAt: p.generatedAt.toISOString(),
  };
}

function meetingView(m: FundMeetingEntity, items: FundMeetingItemEntity[], packs: PackInfo[]): MeetingView {
  const own = packs.filter((p) => p.meetingId === m.id).map(packView);
  return {
    id: m.id,
    title: m.title,
    date: m.meetsOn,
    allocationIds: items.filter((i) => i.meetingId === m.id).map((i) => i.allocationId),
    pack: own[0] ?? null,
    packs: own,
    createdById: m.createdById,
    createdAt: m.createdAt.toISOString(),
    version: m.version,
  };
}
