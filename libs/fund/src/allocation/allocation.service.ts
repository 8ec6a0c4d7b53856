import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, Database, newId, parseMinor, toDto } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { EntityManager } from 'typeorm';
import { FundContributionEntity } from '../contribution/contribution.entity';
import {
  CreateApplicationDto,
  DecideAllocationDto,
  ProposeAllocationDto,
  RecuseDto,
  ReleaseTrancheDto,
} from '../fund.dto';
import { FundError } from '../fund.errors';
import { FundRepository } from '../fund.repository';
import { Posting } from '../ledger/ledger';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import { FUND_REQUEST_PORT, FundRequestPort, RequestFacts } from '../ports';
import { allocationFigures } from '../reporting/figures';
import { FundAllocationEntity } from './allocation.entity';
import { FundApplicationEntity } from './application.entity';
import { FundDecisionEntity } from './decision.entity';
import { FundTrancheEntity } from './tranche.entity';

/** Does earmarked money of this contribution may go to this request? */
export function earmarkMatches(
  c: Pick<FundContributionEntity, 'earmarkType' | 'earmarkObjectives' | 'earmarkCountry'>,
  app: Pick<FundApplicationEntity, 'countryCode' | 'objectives'>,
): boolean {
  if (c.earmarkType === 'none') return true;
  if (c.earmarkType === 'country') return c.earmarkCountry === app.countryCode;
  return app.objectives.some((o) => c.earmarkObjectives.includes(o));
}

/**
 * Where an allocation's money comes from: matching earmarked contributions first (oldest first),
 * then the unearmarked pool. Pure, so the rule is tested on its own.
 */
export function planSources(
  amount: bigint,
  earmarked: { contributionId: string; available: bigint }[],
  pool: bigint,
): { sources: Posting[]; shortBy: bigint } {
  const sources: Posting[] = [];
  let left = amount;
  for (const e of [...earmarked].sort((a, b) => (a.contributionId < b.contributionId ? -1 : 1))) {
    if (left === 0n) break;
    const take = e.available < left ? e.available : left;
    if (take > 0n)
      sources.push({ kind: 'cash_earmarked', contributionId: e.contributionId, amount: -take, currency: 'USD' });
    left -= take;
  }
  const fromPool = pool < left ? pool : left;
  if (fromPool > 0n) sources.push({ kind: 'cash_pool', amount: -fromPool, currency: 'USD' });
  left -= fromPool;
  return { sources, shortBy: left };
}

@Injectable()
export class AllocationService {
  constructor(
    private readonly db: Database,
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FUND_REQUEST_PORT) private readonly requests: FundRequestPort,
  ) {}

  async apply(actor: Actor, input: CreateApplicationDto) {
    if (input.amount.currency !== 'USD')
      throw FundError('FUND_INVALID_FIELD', 'the start-up fund allocates USD', {
        fields: [{ field: 'amount.currency', message: 'must be USD' }],
      });
    const amount = parseMinor(input.amount.amount);
    if (amount > this.config.fundSeedCeilingUsdMinor)
      throw FundError(
        'FUND_CEILING_EXCEEDED',
        `seed funding is at most ${this.config.fundSeedCeilingUsdMinor} USD minor units`,
        { ceiling: this.config.fundSeedCeilingUsdMinor.toString() },
      );
    return this.db.transaction(async ({ manager: m }) => {
      const facts = await this.requests.requestFacts(input.requestId, m);
      if (!facts) throw FundError('FUND_NOT_FOUND', 'no such request');
      if (facts.status !== 'setup')
        throw FundError(
          'FUND_REQUEST_NOT_IN_SETUP',
          `a funding application is filed for a request in set-up, not ${facts.status}`,
          { status: facts.status },
        );
      if (await this.repo.applicationByRequest(facts.id, m))
        throw FundError('FUND_APPLICATION_EXISTS', 'this request already has a funding application');
      const a = Object.assign(new FundApplicationEntity(), {
        id: newId(),
        requestId: facts.id,
        requestReference: facts.reference,
        title: facts.title,
        requestStatus: facts.status,
        countryCode: facts.countryCode,
        objectives: [...facts.objectives],
        leadOrganisationId: facts.leadOrganisationId,
        organisationIds: [...facts.organisationIds],
        amount: amount.toString(),
        currency: 'USD',
        justification: input.justification,
        status: 'submitted',
        createdById: actor.id,
        createdAt: this.clock.now(),
      });
      await this.repo.insert(m, FundApplicationEntity, a);
      await this.audit.record(m, {
        actor,
        action: 'fund.application.filed',
        entityType: 'fund_application',
        entityId: a.id,
        after: { requestId: a.requestId, amount: amount.toString() },
      });
      return this.applicationView(a);
    });
  }

  /**
   * Projection upkeep from the hub's `request.transitioned` events. The event only says "this request
   * changed": the application copies the request as it is now, read through the port in the same
   * transaction, never the event's payload. Events are delivered at least once and late (the outbox),
   * so a payload can be older than the application (an `approve` event, with no partners yet, handled
   * after the application was filed would otherwise wipe the lead and block every transfer).
   */
  async onRequestTransitioned(
    event: Partial<RequestFacts> & { id?: string; requestId?: string },
    manager?: EntityManager,
  ) {
    const requestId = event.id ?? event.requestId;
    if (!requestId) return;
    const run = <T>(fn: (m: EntityManager) => Promise<T>) =>
      manager ? fn(manager) : this.db.transaction((t) => fn(t.manager));
    await run(async (m) => {
      const a = await this.repo.applicationByRequest(requestId, m);
      if (!a) return;
      const facts = await this.requests.requestFacts(requestId, m);
      if (!facts) return;
      await this.repo.updateApplication(m, a.id, {
        requestStatus: facts.status,
        organisationIds: [...facts.organisationIds],
        leadOrganisationId: facts.leadOrganisationId,
      });
    });
  }

  async listApplications() {
    return (await this.repo.applications()).map((a) => this.applicationView(a));
  }

  async propose(actor: Actor, input: ProposeAllocationDto) {
    if (input.amount.currency !== 'USD' || input.tranches.some((t) => t.amount.currency !== 'USD'))
      throw FundError('FUND_INVALID_FIELD', 'allocations and tranches are in USD', {
        fields: [{ field: 'amount.currency', message: 'must be USD' }],
      });
    const amount = parseMinor(input.amount.amount);
    const tranches = input.tranches.map((t) => ({ amount: parseMinor(t.amount.amount), condition: t.condition }));
    if (tranches.reduce((s, t) => s + t.amount, 0n) !== amount)
      throw FundError('FUND_INVALID_FIELD', 'the tranches add up to the allocation', {
        fields: [{ field: 'tranches', message: 'must sum to amount' }],
      });
    if (amount > this.config.fundSeedCeilingUsdMinor)
      throw FundError('FUND_CEILING_EXCEEDED', 'the allocation exceeds the seed-funding ceiling', {
        ceiling: this.config.fundSeedCeilingUsdMinor.toString(),
      });
    const durationMonths = input.durationMonths ?? this.config.fundMaxDurationMonths;
    if (durationMonths > this.config.fundMaxDurationMonths)
      throw FundError(
        'FUND_DURATION_EXCEEDED',
        `a seed allocation lasts at most ${this.config.fundMaxDurationMonths} months`,
      );
    return this.db.transaction(async ({ manager: m }) => {
      const app = await this.repo.application(input.applicationId, m);
      if (!app) throw FundError('FUND_NOT_FOUND', 'no such application');
      if (!['submitted', 'rejected'].includes(app.status))
        throw FundError(
          'FUND_INVALID_STATE',
          `an allocation is proposed for a submitted application, not ${app.status}`,
        );
      const { shortBy } = await this.plan(m, app, amount, false);
      if (shortBy > 0n)
        throw FundError('FUND_INSUFFICIENT_FUNDS', 'not enough unallocated money matching the earmarks', {
          shortBy: shortBy.toString(),
        });
      const now = this.clock.now();
      const a = Object.assign(new FundAllocationEntity(), {
        id: newId(),
        applicationId: app.id,
        requestId: app.requestId,
        amount: amount.toString(),
        currency: 'USD',
        durationMonths,
        status: 'proposed' as const,
        proposedById: actor.id,
        proposedAt: now,
        decidedById: null,
        decidedAt: null,
        decisionRef: null,
        decisionNote: null,
        recusedIds: [],
        transferredAmount: '0',
        version: 1,
      });
      await this.repo.insert(m, FundAllocationEntity, a);
      const trancheRows = tranches.map((t, i) =>
        Object.assign(new FundTrancheEntity(), {
          id: newId(),
          allocationId: a.id,
          seq: i + 1,
          amount: t.amount.toString(),
          condition: t.condition,
          releasedAt: null,
          releasedById: null,
          evidenceRef: null,
        }),
      );
      for (const t of trancheRows) await this.repo.insert(m, FundTrancheEntity, t);
      await this.repo.updateApplication(m, app.id, { status: 'proposed' });
      await this.audit.record(m, {
        actor,
        action: 'fund.allocation.proposed',
        entityType: 'fund_allocation',
        entityId: a.id,
        after: {
          applicationId: app.id,
          amount: amount.toString(),
          tranches: tranches.map((t) => ({ amount: t.amount.toString(), condition: t.condition })),
        },
      });
      return this.view(a, trancheRows, m);
    });
  }

  private async plan(m: EntityManager, app: FundApplicationEntity, amount: bigint, lock: boolean) {
    const cash = await this.ledgerRepo.balancesOfKinds(['cash_pool', 'cash_earmarked'], m, lock);
    const earmarkedRows = cash.filter((c) => c.kind === 'cash_earmarked' && c.balance > 0n);
    const contributions = await this.repo.contributions(
      { ids: earmarkedRows.map((r) => r.contributionId!) },
      undefined,
      10000,
      m,
    );
    const eligible = earmarkedRows.filter((r) => {
      const c = contributions.find((x) => x.id === r.contributionId);
      return c && earmarkMatches(c, app);
    });
    const pool = cash.filter((c) => c.kind === 'cash_pool').reduce((s, c) => s + c.balance, 0n);
    return planSources(
      amount,
      eligible.map((r) => ({ contributionId: r.contributionId!, available: r.balance })),
      pool,
    );
  }

  private async decide(actor: Actor, id: string, kind: 'approved' | 'rejected', input: DecideAllocationDto) {
    return this.db.transaction(async ({ manager: m }) => {
      const a = await this.repo.allocation(id, m, true);
      if (!a) throw FundError('FUND_NOT_FOUND', 'no such allocation');
      if (a.status !== 'proposed') throw FundError('FUND_INVALID_STATE', `the allocation is already ${a.status}`);
      if (a.proposedById === actor.id)
        throw FundError(
          'FUND_SELF_APPROVAL',
          'a steering-committee member other than the proposer decides (four eyes)',
        );
      const app = (await this.repo.application(a.applicationId, m))!;
      const facts = await this.requests.requestFacts(app.requestId, m);
      const implementers = facts?.organisationIds ?? app.organisationIds;
      if (actor.organisationId && implementers.includes(actor.organisationId)) {
        throw FundError('FUND_RECUSAL_REQUIRED', 'your organisation implements this request: you must recuse', {
          organisationId: actor.organisationId,
        });
      }
      if (a.recusedIds.includes(actor.id))
        throw FundError('FUND_RECUSAL_REQUIRED', 'you recused yourself from this allocation');
      const now = this.clock.now();
      const amount = BigInt(a.amount);
      let entryId: string | null = null;
      if (kind === 'approved') {
        // the cash rows are locked: concurrent approvals queue here and never over-allocate
        const { sources, shortBy } = await this.plan(m, app, amount, true);
        if (shortBy > 0n)
          throw FundError('FUND_INSUFFICIENT_FUNDS', 'not enough unallocated money matching the earmarks', {
            shortBy: shortBy.toString(),
          });
        const entry = await this.ledger.post(m, actor, {
          kind: 'allocation',
          reference: input.decisionRef,
          memo: input.note ?? '',
          subjectId: a.id,
          lines: [...sources, { kind: 'allocation', allocationId: a.id, amount, currency: 'USD' }],
        });
        entryId = entry.id;
      }
      const set = {
        status: kind,
        decidedById: actor.id,
        decidedAt: now,
        decisionRef: input.decisionRef,
        decisionNote: input.note ?? null,
      };
      if (!(await this.repo.transitionAllocation(m, a.id, 'proposed', set)))
        throw FundError('FUND_INVALID_STATE', 'the allocation was decided by someone else');
      Object.assign(a, set);
      const tranches = await this.repo.tranches([a.id], m);
      if (kind === 'approved') {
        for (const t of tranches.filter((t) => t.condition === 'on_approval')) {
          const rel = { releasedAt: now, releasedById: actor.id, evidenceRef: input.decisionRef };
          await this.repo.releaseTranche(m, t.id, rel);
          Object.assign(t, rel);
        }
      }
      await this.repo.insert(
        m,
        FundDecisionEntity,
        Object.assign(new FundDecisionEntity(), {
          id: newId(),
          allocationId: a.id,
          kind,
          decisionRef: input.decisionRef,
          memberId: actor.id,
          memberOrganisationId: actor.organisationId ?? null,
          note: input.note ?? '',
          decidedAt: now,
        }),
      );
      await this.repo.updateApplication(m, app.id, { status: kind });
      await this.audit.record(m, {
        actor,
        action: `fund.allocation.${kind}`,
        entityType: 'fund_allocation',
        entityId: a.id,
        before: { status: 'proposed' },
        after: { status: kind, decisionRef: input.decisionRef, entryId },
      });
      return this.view(a, tranches, m);
    });
  }

  approve(actor: Actor, id: string, input: DecideAllocationDto) {
    return this.decide(actor, id, 'approved', input);
  }

  reject(actor: Actor, id: string, input: DecideAllocationDto) {
    return this.decide(actor, id, 'rejected', input);
  }

  async recuse(actor: Actor, id: string, input: RecuseDto) {
    return this.db.transaction(async ({ manager: m }) => {
      const a = await this.repo.allocation(id, m, true);
      if (!a) throw FundError('FUND_NOT_FOUND', 'no such allocation');
      if (a.status !== 'proposed') throw FundError('FUND_INVALID_STATE', `the allocation is already ${a.status}`);
      if (a.recusedIds.includes(actor.id)) return this.view(a, await this.repo.tranches([a.id], m), m);
      const recusedIds = [...a.recusedIds, actor.id];
      await this.repo.transitionAllocation(m, a.id, 'proposed', { recusedIds });
      a.recusedIds = recusedIds;
      await this.repo.insert(
        m,
        FundDecisionEntity,
        Object.assign(new FundDecisionEntity(), {
          id: newId(),
          allocationId: a.id,
          kind: 'recused',
          decisionRef: null,
          memberId: actor.id,
          memberOrganisationId: actor.organisationId ?? null,
          note: input.note ?? '',
          decidedAt: this.clock.now(),
        }),
      );
      await this.audit.record(m, {
        actor,
        action: 'fund.allocation.recused',
        entityType: 'fund_allocation',
        entityId: a.id,
        after: { memberId: actor.id, note: input.note ?? '' },
      });
      return this.view(a, await this.repo.tranches([a.id], m), m);
    });
  }

  /** A later tranche opens when its condition is confirmed and enough of the earlier transfers is spent. */
  async releaseTranche(actor: Actor, id: string, seq: number, input: ReleaseTrancheDto) {
    return this.db.transaction(async ({ manager: m }) => {
      const a = await this.repo.allocation(id, m, true);
      if (!a) throw FundError('FUND_NOT_FOUND', 'no such allocation');
      if (a.status !== 'approved')
        throw FundError('FUND_INVALID_STATE', 'tranches of an approved allocation are released');
      const tranches = await this.repo.tranches([a.id], m);
      const t = tranches.find((x) => x.seq === seq);
      if (!t) throw FundError('FUND_NOT_FOUND', 'no such tranche');
      if (t.releasedAt) throw FundError('FUND_INVALID_STATE', 'the tranche is already released');
      if (tranches.some((x) => x.seq < seq && !x.releasedAt))
        throw FundError('FUND_TRANCHE_HELD', 'earlier tranches are released first');
      const f = allocationFigures(await this.ledgerRepo.balancesFor('allocation', [a.id], m));
      const share = BigInt(this.config.fundNextTrancheSpentShareBps);
      if (seq > 1 && (f.transferred === 0n || f.spent * 10000n < share * f.transferred)) {
        throw FundError(
          'FUND_TRANCHE_HELD',
          `the next tranche is held until at least ${Number(share) / 100}% of earlier transfers is reported spent`,
          { transferred: f.transferred.toString(), spent: f.spent.toString(), requiredShareBps: Number(share) },
        );
      }
      const rel = { releasedAt: this.clock.now(), releasedById: actor.id, evidenceRef: input.evidenceRef };
      if (!(await this.repo.releaseTranche(m, t.id, rel)))
        throw FundError('FUND_INVALID_STATE', 'the tranche is already released');
      Object.assign(t, rel);
      await this.audit.record(m, {
        actor,
        action: 'fund.tranche.released',
        entityType: 'fund_allocation',
        entityId: a.id,
        after: { seq, amount: t.amount, condition: t.condition, evidenceRef: input.evidenceRef },
      });
      return this.view(a, tranches, m);
    });
  }

  async get(id: string) {
    const a = await this.repo.allocation(id);
    if (!a) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    return this.view(a, await this.repo.tranches([a.id]));
  }

  async list() {
    const all = await this.repo.allocations();
    const tranches = await this.repo.tranches(all.map((a) => a.id));
    const balances = await this.ledgerRepo.balancesFor(
      'allocation',
      all.map((a) => a.id),
    );
    return all.map((a) =>
      this.viewWith(
        a,
        tranches.filter((t) => t.allocationId === a.id),
        balances.filter((b) => b.allocationId === a.id),
      ),
    );
  }

  async decisions(afterId: string | undefined, limit: number) {
    const rows = await this.repo.decisions(afterId, limit);
    const allocations = await Promise.all(
      [...new Set(rows.map((r) => r.allocationId))].map((id) => this.repo.allocation(id)),
    );
    const recusals = await this.repo.decisionsFor(allocations.filter((a) => a).map((a) => a!.id));
    return rows.map((d) => {
      const a = allocations.find((x) => x?.id === d.allocationId);
      return {
        id: d.id,
        kind: d.kind,
        allocationId: d.allocationId,
        requestId: a?.requestId ?? null,
        amount: a ? toDto({ amount: BigInt(a.amount), currency: 'USD' }) : null,
        decisionRef: d.decisionRef,
        decidedAt: d.decidedAt.toISOString(),
        memberId: d.memberId,
        memberOrganisationId: d.memberOrganisationId,
        note: d.note,
        proposerId: a?.proposedById ?? null,
        approvers: d.kind === 'approved' ? [d.memberId] : [],
        recusals: recusals
          .filter((r) => r.allocationId === d.allocationId && r.kind === 'recused')
          .map((r) => r.memberId),
      };
    });
  }

  applicationView(a: FundApplicationEntity) {
    return {
      id: a.id,
      requestId: a.requestId,
      requestReference: a.requestReference,
      title: a.title,
      countryCode: a.countryCode,
      objectives: a.objectives,
      organisationIds: a.organisationIds,
      leadOrganisationId: a.leadOrganisationId,
      amount: toDto({ amount: BigInt(a.amount), currency: a.currency.trim() }),
      justification: a.justification,
      status: a.status,
      createdAt: a.createdAt.toISOString(),
    };
  }

  async view(a: FundAllocationEntity, tranches: FundTrancheEntity[], m?: EntityManager) {
    return this.viewWith(a, tranches, await this.ledgerRepo.balancesFor('allocation', [a.id], m));
  }

  private viewWith(
    a: FundAllocationEntity,
    tranches: FundTrancheEntity[],
    balances: Awaited<ReturnType<LedgerRepository['balancesFor']>>,
  ) {
    const usd = (v: bigint) => toDto({ amount: v, currency: 'USD' });
    const f = allocationFigures(balances);
    const released = tranches.filter((t) => t.releasedAt).reduce((s, t) => s + BigInt(t.amount), 0n);
    return {
      id: a.id,
      applicationId: a.applicationId,
      requestId: a.requestId,
      amount: usd(BigInt(a.amount)),
      durationMonths: a.durationMonths,
      status: a.status,
      proposedById: a.proposedById,
      proposedAt: a.proposedAt.toISOString(),
      decidedById: a.decidedById,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      decisionRef: a.decisionRef,
      recusedIds: a.recusedIds,
      tranches: tranches.map((t) => ({
        seq: t.seq,
        amount: usd(BigInt(t.amount)),
        condition: t.condition,
        releasedAt: t.releasedAt?.toISOString() ?? null,
        evidenceRef: t.evidenceRef,
      })),
      released: usd(released),
      transferred: usd(f.transferred),
      spent: usd(f.spent),
      availableToTransfer: usd(released - f.transferred > 0n ? released - f.transferred : 0n),
    };
  }
}
