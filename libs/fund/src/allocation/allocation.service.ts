import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, newId, toDto, Transaction } from '@cbm/core';
import {
  CreateApplicationDto,
  DecideAllocationDto,
  ProposeAllocationDto,
  RecuseDto,
  ReleaseTrancheDto,
} from '../fund.dto';
import { FundError } from '../fund.errors';
import { FundRepository, MarkerFilter } from '../fund.repository';
import { FundTx, FundUnitOfWork } from '../fund-unit-of-work';
import { BalanceRow, LedgerRepository } from '../ledger/ledger.repository';
import { AssessmentMarkers, FUND_REQUEST_PORT, FundRequestPort, RequestFacts, ResultIndicatorFact } from '../ports';
import { allocationFigures } from '../reporting/figures';
import { markerFlags } from '../reporting/marker-flags';
import { FundAllocationEntity } from './allocation.entity';
import { AllocationFunding } from './allocation-funding';
import {
  allocationMovedOn,
  AllocationRules,
  allocationStep,
  checkGuards,
  checkProposal,
  ProposalLimits,
  PROGRESS_REPORT_ACCEPTED,
  releasedOnApproval,
  StepInput,
} from './allocation.workflow';
import { FundApplicationEntity } from './application.entity';
import { applicationMovedOn, applicationStep, checkFiling, requestedAmount } from './application.workflow';
import { DecisionKind, FundDecisionEntity } from './decision.entity';
import { endOf, planEndsOn } from './revision.workflow';
import { FundTrancheEntity } from './tranche.entity';

/**
 * Funding applications and allocations: their use cases, each one transaction, every row it writes
 * named in it. The rules are in application.workflow.ts and allocation.workflow.ts.
 */
@Injectable()
export class AllocationService {
  private readonly limits: ProposalLimits;
  private readonly rules: AllocationRules;

  constructor(
    private readonly uow: FundUnitOfWork,
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly funding: AllocationFunding,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(FUND_REQUEST_PORT) private readonly requests: FundRequestPort,
  ) {
    this.limits = { ceilingUsdMinor: config.fundSeedCeilingUsdMinor, maxDurationMonths: config.fundMaxDurationMonths };
    this.rules = { nextTrancheSpentShareBps: config.fundNextTrancheSpentShareBps };
  }

  /** A hub officer files an application for a request in set-up. */
  async apply(actor: Actor, input: CreateApplicationDto) {
    const amount = requestedAmount(input.amount, this.limits.ceilingUsdMinor);
    return this.uow.run(async (tx) => {
      const facts = checkFiling(
        actor,
        await this.requests.requestFacts(input.requestId, tx.transaction),
        !!(await tx.fund.applicationByRequest(input.requestId)),
      );
      const a = await tx.fund.insertApplication(
        Object.assign(new FundApplicationEntity(), {
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
          status: 'submitted' as const,
          createdById: actor.id,
          createdAt: this.clock.now(),
          version: 1,
        }),
      );
      tx.audit.record({
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
   * Projection upkeep from the hub's `request.transitioned` events, in the job's transaction `t`
   * when given. The event only says "this request changed": the application copies the request as
   * it is now, read through the port in the same transaction, never the event's payload. Events are
   * delivered at least once and late (the outbox), so a payload can be older than the application.
   */
  async onRequestTransitioned(event: Partial<RequestFacts> & { id?: string; requestId?: string }, t?: Transaction) {
    const requestId = event.id ?? event.requestId;
    if (!requestId) return;
    const work = async (tx: FundTx) => {
      const a = await tx.fund.applicationByRequest(requestId);
      if (!a) return;
      const facts = await this.requests.requestFacts(requestId, tx.transaction);
      if (!facts) return;
      await tx.fund.copyRequest(a.id, {
        requestStatus: facts.status,
        organisationIds: [...facts.organisationIds],
        leadOrganisationId: facts.leadOrganisationId,
      });
    };
    await (t ? this.uow.within(t, work) : this.uow.run(work));
  }

  async listApplications() {
    return (await this.repo.applications()).map((a) => this.applicationView(a));
  }

  /**
   * The fund manager proposes an allocation: the application moves to proposed (guarded in SQL, so
   * of two racing proposals one is written and the other rolls back whole, its allocation with it).
   */
  async propose(actor: Actor, input: ProposeAllocationDto) {
    const proposal = checkProposal(input, this.limits); // 400/422
    return this.uow.run(async (tx) => {
      const app = await tx.fund.getApplication(input.applicationId); // 404
      const step = applicationStep(app, 'propose', actor); // 403 for the role, 409 for the state
      await step.guard?.({ application: app, actor, amount: proposal.amount, reads: tx.applicationReads(app) }); // 422
      if (!(await tx.fund.transitionApplication(app, step.to))) throw applicationMovedOn(); // WHERE status AND version
      const now = this.clock.now();
      const id = newId();
      const markers = markerColumns(await this.requests.assessmentMarkers(app.requestId, tx.transaction));
      const tranches = proposal.tranches.map((t, i) =>
        Object.assign(new FundTrancheEntity(), {
          id: newId(),
          allocationId: id,
          seq: i + 1,
          amount: t.amount.toString(),
          condition: t.condition,
          releasedAt: null,
          releasedById: null,
          evidenceRef: null,
        }),
      );
      const a = await tx.fund.insertAllocation(
        Object.assign(new FundAllocationEntity(), {
          id,
          applicationId: app.id,
          requestId: app.requestId,
          amount: proposal.amount.toString(),
          currency: 'USD',
          durationMonths: proposal.durationMonths,
          status: 'proposed' as const,
          proposedById: actor.id,
          proposedAt: now,
          decidedById: null,
          decidedAt: null,
          decisionRef: null,
          decisionNote: null,
          recusedIds: [],
          transferredAmount: '0',
          ...markers,
          version: 1,
        }),
        tranches,
      );
      tx.audit.record({
        actor,
        action: 'fund.allocation.proposed',
        entityType: 'fund_allocation',
        entityId: a.id,
        after: {
          applicationId: app.id,
          amount: a.amount,
          tranches: proposal.tranches.map((t) => ({ amount: t.amount.toString(), condition: t.condition })),
        },
      });
      tx.notify({
        to: step.tell,
        except: actor.id,
        kind: 'fund.allocation.proposed',
        title: `${app.requestReference}: seed allocation proposed`,
        body: `${app.title}\n\n${usdText(proposal.amount)} awaits the steering committee's decision.`,
        entityType: 'fund_allocation',
        entityId: a.id,
      });
      return this.view(a, tranches, tx);
    });
  }

  approve(actor: Actor, id: string, input: DecideAllocationDto) {
    return this.decide(actor, id, 'approve', input);
  }

  reject(actor: Actor, id: string, input: DecideAllocationDto) {
    return this.decide(actor, id, 'reject', input);
  }

  /**
   * A steering-committee member decides: the allocation (and with it the application) moves on, the
   * decision is registered, and on approval the money is drawn and the on_approval tranches released.
   * The allocation row is locked: a second decision waits, then finds the first and is refused (409).
   */
  private async decide(actor: Actor, id: string, action: 'approve' | 'reject', input: DecideAllocationDto) {
    return this.uow.run(async (tx) => {
      const a = await tx.fund.getAllocation(id, { lock: true }); // 404
      const step = allocationStep(a, action, actor); // 403 for the role, 409 for the state
      const app = await tx.fund.getApplication(a.applicationId);
      const appStep = applicationStep(app, action, actor); // the application's step with it
      await checkGuards(step, this.context(tx, a, app, actor, input)); // 403 four eyes/recusal
      const now = this.clock.now();
      const decision = {
        status: step.to,
        decidedById: actor.id,
        decidedAt: now,
        decisionRef: input.decisionRef,
        decisionNote: input.note ?? null,
        ...(action === 'approve' ? { endsOn: endOf(now, a.durationMonths) } : {}),
        // the markers the committee decided on, read again in the decision's transaction
        ...markerColumns(await this.requests.assessmentMarkers(a.requestId, tx.transaction)),
      };
      if (!(await tx.fund.transitionAllocation(a, decision))) throw allocationMovedOn(); // WHERE status AND version
      if (!(await tx.fund.transitionApplication(app, appStep.to))) throw applicationMovedOn();
      const r = Object.assign(a, decision, { version: a.version + 1 });

      let entryId: string | null = null;
      const tranches = await tx.fund.tranches([r.id]);
      if (action === 'approve') {
        const { entry } = await this.funding.draw(tx, actor, {
          allocation: r,
          application: app,
          amount: BigInt(r.amount),
          reference: input.decisionRef,
          memo: input.note ?? '',
        }); // 422 when the money is not there
        entryId = entry.id;
        const release = { releasedAt: now, releasedById: actor.id, evidenceRef: input.decisionRef };
        const onApproval = releasedOnApproval(tranches);
        await tx.fund.releaseTranches(onApproval, release);
        for (const t of onApproval) Object.assign(t, release);
      }
      // taken on a meeting's agenda with a generated pack: the decision cites the meeting and the pack's hash
      const cited = await tx.committee.citedPack(r.id);
      tx.fund.addDecision(
        this.decisionEntry(r, actor, action === 'approve' ? 'approved' : 'rejected', input, now, cited),
      );
      tx.audit.record({
        actor,
        action: `fund.allocation.${r.status}`,
        entityType: 'fund_allocation',
        entityId: r.id,
        before: { status: 'proposed' },
        after: {
          status: r.status,
          decisionRef: input.decisionRef,
          entryId,
          ...(cited ? { meetingId: cited.meetingId, packSha256: cited.sha256 } : {}),
        },
      });
      const amount = usdText(BigInt(r.amount));
      tx.notify({
        to: step.tell!(r),
        except: actor.id,
        kind: `fund.allocation.${r.status}`,
        title: `${app.requestReference}: the allocation you proposed was ${r.status}`,
        body: `${app.title}\n\n${amount}; decision ${input.decisionRef}.${input.note ? `\n\n${input.note}` : ''}`,
        entityType: 'fund_allocation',
        entityId: r.id,
      });
      tx.notify({
        to: appStep.tell,
        except: actor.id,
        kind: `fund.application.${r.status}`,
        title: `${app.requestReference}: seed funding ${r.status}`,
        body: `${app.title}\n\n${amount}; decision ${input.decisionRef}.`,
        entityType: 'fund_application',
        entityId: app.id,
      });
      return this.view(r, tranches, tx);
    });
  }

  /** A steering-committee member steps aside from a proposed allocation; recorded in the register. */
  async recuse(actor: Actor, id: string, input: RecuseDto) {
    return this.uow.run(async (tx) => {
      const a = await tx.fund.getAllocation(id, { lock: true });
      const step = allocationStep(a, 'recuse', actor);
      const app = await tx.fund.getApplication(a.applicationId);
      const outcome = await checkGuards(step, this.context(tx, a, app, actor, input));
      if (outcome.unchanged) return this.view(a, await tx.fund.tranches([a.id]), tx);
      const recusedIds = [...a.recusedIds, actor.id];
      if (!(await tx.fund.transitionAllocation(a, { recusedIds }))) throw allocationMovedOn();
      const r = Object.assign(a, { recusedIds, version: a.version + 1 });
      tx.fund.addDecision(this.decisionEntry(r, actor, 'recused', { note: input.note }, this.clock.now()));
      tx.audit.record({
        actor,
        action: 'fund.allocation.recused',
        entityType: 'fund_allocation',
        entityId: r.id,
        after: { memberId: actor.id, note: input.note ?? '' },
      });
      return this.view(r, await tx.fund.tranches([r.id]), tx);
    });
  }

  /** A later tranche opens when its condition is confirmed and enough of the earlier transfers is spent. */
  async releaseTranche(actor: Actor, id: string, seq: number, input: ReleaseTrancheDto) {
    return this.uow.run(async (tx) => {
      const a = await tx.fund.getAllocation(id, { lock: true });
      const step = allocationStep(a, 'release_tranche', actor);
      const app = await tx.fund.getApplication(a.applicationId);
      const { tranche } = await checkGuards(step, this.context(tx, a, app, actor, { ...input, seq })); // 404/409/422
      if (!(await tx.fund.transitionAllocation(a, {}))) throw allocationMovedOn();
      const r = Object.assign(a, { version: a.version + 1 });
      // a report cited as evidence is stored as its id, lower case (one report, one tranche: uq_fund_tranche_report)
      const evidenceRef =
        tranche!.condition === PROGRESS_REPORT_ACCEPTED ? input.evidenceRef.toLowerCase() : input.evidenceRef;
      const release = { releasedAt: this.clock.now(), releasedById: actor.id, evidenceRef };
      if (!(await tx.fund.releaseTranches([tranche!], release)))
        throw FundError('FUND_INVALID_STATE', 'the tranche is already released');
      tx.audit.record({
        actor,
        action: 'fund.tranche.released',
        entityType: 'fund_allocation',
        entityId: r.id,
        after: { seq, amount: tranche!.amount, condition: tranche!.condition, evidenceRef },
      });
      return this.view(r, await tx.fund.tranches([r.id]), tx);
    });
  }

  async get(id: string) {
    const a = await this.repo.allocation(id);
    if (!a) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    return this.view(a, await this.repo.tranches([a.id]));
  }

  /** Every allocation, or those whose markers (as copied at proposal and decision) match the filter. */
  async list(filter: MarkerFilter = {}) {
    const all = await this.repo.allocations(filter);
    const tranches = await this.repo.tranches(all.map((a) => a.id));
    const balances = await this.ledgerRepo.balancesFor(
      'allocation',
      all.map((a) => a.id),
    );
    const indicators = await this.requests.resultIndicators(all.map((a) => a.requestId));
    const names = await this.repo.personNames(all.flatMap((a) => [a.proposedById, a.decidedById]));
    return all.map((a) =>
      this.viewWith(
        a,
        tranches.filter((t) => t.allocationId === a.id),
        balances.filter((b) => b.allocationId === a.id),
        indicators.get(a.requestId) ?? [],
        names,
      ),
    );
  }

  async decisions(afterId: string | undefined, limit: number) {
    const rows = await this.repo.decisions(afterId, limit);
    const allocations = new Map(
      (await this.repo.allocationsWithIds([...new Set(rows.map((r) => r.allocationId))])).map((a) => [a.id, a]),
    );
    const recusals = await this.repo.decisionsFor([...allocations.keys()]);
    const names = await this.repo.personNames([
      ...rows.map((d) => d.memberId),
      ...[...allocations.values()].map((a) => a.proposedById),
    ]);
    return rows.map((d) => {
      const a = allocations.get(d.allocationId);
      return {
        id: d.id,
        kind: d.kind,
        allocationId: d.allocationId,
        revisionId: d.revisionId,
        requestId: a?.requestId ?? null,
        amount: a ? toDto({ amount: BigInt(a.amount), currency: 'USD' }) : null,
        decisionRef: d.decisionRef,
        decidedAt: d.decidedAt.toISOString(),
        memberId: d.memberId,
        memberName: names.get(d.memberId) ?? null,
        memberOrganisationId: d.memberOrganisationId,
        note: d.note,
        proposerId: a?.proposedById ?? null,
        proposerName: (a && names.get(a.proposedById)) ?? null,
        meetingId: d.meetingId,
        packId: d.packId,
        packSha256: d.packSha256,
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

  /** The allocation with its tranches and figures, read in `tx` when given. */
  async view(a: FundAllocationEntity, tranches: FundTrancheEntity[], tx?: FundTx) {
    const balances = await (tx?.ledger ?? this.ledgerRepo).balancesFor('allocation', [a.id]);
    const indicators = await this.requests.resultIndicators([a.requestId], tx?.transaction);
    const names = await (tx?.fund ?? this.repo).personNames([a.proposedById, a.decidedById]);
    return this.viewWith(a, tranches, balances, indicators.get(a.requestId) ?? [], names);
  }

  private context(tx: FundTx, a: FundAllocationEntity, app: FundApplicationEntity, actor: Actor, input: StepInput) {
    return { allocation: a, application: app, actor, input, reads: tx.allocationReads(a, app), rules: this.rules };
  }

  private decisionEntry(
    a: FundAllocationEntity,
    actor: Actor,
    kind: DecisionKind,
    input: { decisionRef?: string; note?: string },
    at: Date,
    cited: { meetingId: string; packId: string; sha256: string } | null = null,
  ): FundDecisionEntity {
    return Object.assign(new FundDecisionEntity(), {
      id: newId(),
      allocationId: a.id,
      revisionId: null,
      kind,
      decisionRef: input.decisionRef ?? null,
      memberId: actor.id,
      memberOrganisationId: actor.organisationId ?? null,
      note: input.note ?? '',
      decidedAt: at,
      meetingId: cited?.meetingId ?? null,
      packId: cited?.packId ?? null,
      packSha256: cited?.sha256 ?? null,
    });
  }

  private viewWith(
    a: FundAllocationEntity,
    tranches: FundTrancheEntity[],
    balances: BalanceRow[],
    indicators: ResultIndicatorFact[],
    names: Map<string, string>,
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
      endsOn: a.status === 'approved' ? planEndsOn(a) : null,
      budgetLines: a.budgetLines.map((l) => ({ ...l, amount: usd(BigInt(l.amount)) })),
      status: a.status,
      stage: a.stage,
      proposedById: a.proposedById,
      proposedByName: names.get(a.proposedById) ?? null,
      proposedAt: a.proposedAt.toISOString(),
      decidedById: a.decidedById,
      decidedByName: (a.decidedById && names.get(a.decidedById)) ?? null,
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
      // from the allocation's own running total: money returned unspent waits on the allocation for its
      // release to source and is not transferred again
      availableToTransfer: usd(
        released - BigInt(a.transferredAmount) > 0n ? released - BigInt(a.transferredAmount) : 0n,
      ),
      markers: {
        genderMarker: a.genderMarker,
        humanRightsMarker: a.humanRightsMarker,
        childSensitivityMarker: a.childSensitivityMarker,
      },
      flags: markerFlags(a, indicators),
    };
  }
}

/** The allocation's copy of the assessment's markers (all null without an assessment). */
const markerColumns = (m: AssessmentMarkers | null) => ({
  genderMarker: m?.genderMarker ?? null,
  humanRightsMarker: m?.humanRightsMarker ?? null,
  childSensitivityMarker: m?.childSensitivityMarker ?? null,
});

/** USD minor units as people read them: `USD 150,000.00`. */
const usdText = (minor: bigint) =>
  `USD ${(minor / 100n).toLocaleString('en')}.${(minor % 100n).toString().padStart(2, '0')}`;
