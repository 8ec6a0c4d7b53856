import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, newId, toDto } from '@cbm/core';
import { changedFields } from '@cbm/audit';
import { DecideAllocationDto, ProposeRevisionDto } from '../fund.dto';
import { FundError } from '../fund.errors';
import { FundRepository } from '../fund.repository';
import { FundUnitOfWork } from '../fund-unit-of-work';
import { allocationMovedOn } from './allocation.workflow';
import { AllocationFunding } from './allocation-funding';
import { FundDecisionEntity } from './decision.entity';
import { FundRevisionEntity, PlanSnapshot } from './revision.entity';
import {
  changedParts,
  checkDecider,
  checkProposing,
  checkRevision,
  planAtApproval,
  planOf,
  RevisionAction,
  RevisionLimits,
  revisionMovedOn,
  revisionStep,
  steeringCommittee,
} from './revision.workflow';
import { FundTrancheEntity } from './tranche.entity';

/**
 * Revisions of an approved allocation's plan (amendments): their use cases, each one transaction with
 * the allocation row locked first (proposals and decisions on one allocation queue there). The rules
 * are in revision.workflow.ts; a top-up draws through AllocationFunding, as an approval does.
 */
@Injectable()
export class RevisionService {
  private readonly limits: RevisionLimits;

  constructor(
    private readonly uow: FundUnitOfWork,
    private readonly repo: FundRepository,
    private readonly funding: AllocationFunding,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = { ceilingUsdMinor: config.fundSeedCeilingUsdMinor };
  }

  /** The fund manager proposes a revision of an approved allocation's plan: at most one open at a time. */
  async propose(actor: Actor, allocationId: string, input: ProposeRevisionDto) {
    return this.uow.run(async (tx) => {
      const a = await tx.fund.getAllocation(allocationId, { lock: true }); // 404
      const history = await tx.fund.revisions(a.id);
      checkProposing(
        a,
        actor,
        history.some((r) => r.status === 'proposed'),
      ); // 403, 409
      const before = planOf(a, await tx.fund.tranches([a.id]));
      const { kind, after, topUp } = checkRevision(input, before, a.decidedAt ?? a.proposedAt, this.limits); // 400, 422
      const app = await tx.fund.getApplication(a.applicationId);
      const r = await tx.fund.insertRevision(
        Object.assign(new FundRevisionEntity(), {
          id: newId(),
          allocationId: a.id,
          seq: history.length + 1,
          kind,
          status: 'proposed' as const,
          reason: input.reason,
          before,
          after,
          topUp: topUp.toString(),
          entryId: null,
          proposedById: actor.id,
          proposedAt: this.clock.now(),
          decidedById: null,
          decidedAt: null,
          decisionRef: null,
          decisionNote: null,
          version: 1,
        }),
      ); // 409 behind the lock: uq_fund_revision_open
      tx.audit.record({
        actor,
        action: 'fund.revision.proposed',
        entityType: 'fund_allocation',
        entityId: a.id,
        after: { seq: r.seq, kind, reason: input.reason, topUp: topUp.toString(), ...changedFields(before, after) },
      });
      tx.notify({
        to: steeringCommittee,
        except: actor.id,
        kind: 'fund.revision.proposed',
        title: `${app.requestReference}: revision ${r.seq} of the allocation proposed (${kind.replace(/_/g, ' ')})`,
        body: `${app.title}\n\n${input.reason}${topUp > 0n ? `\n\nTop-up: ${usdText(topUp)}.` : ''}`,
        entityType: 'fund_allocation',
        entityId: a.id,
      });
      return revisionView(r);
    });
  }

  approve(actor: Actor, allocationId: string, seq: number, input: DecideAllocationDto) {
    return this.decide(actor, allocationId, seq, 'approve', input);
  }

  reject(actor: Actor, allocationId: string, seq: number, input: DecideAllocationDto) {
    return this.decide(actor, allocationId, seq, 'reject', input);
  }

  /**
   * A steering-committee member decides a revision. The allocation row is locked first: a second
   * decision waits, then finds the revision decided (409). Approved, the plan is replaced and a top-up
   * drawn from cash (422 when it is not there, and nothing is written).
   */
  private async decide(
    actor: Actor,
    allocationId: string,
    seq: number,
    action: RevisionAction,
    input: DecideAllocationDto,
  ) {
    return this.uow.run(async (tx) => {
      const a = await tx.fund.getAllocation(allocationId, { lock: true }); // 404
      const r = await tx.fund.getRevision(a.id, seq); // 404
      const step = revisionStep(r, action, actor); // 403 role, 409 state
      const app = await tx.fund.getApplication(a.applicationId);
      await checkDecider(r, a, actor, () => tx.allocationReads(a, app).implementers()); // 403 four eyes, recusal
      if (a.status !== 'approved')
        throw FundError('FUND_INVALID_STATE', 'the allocation is no longer approved', { currentStatus: a.status });
      const tranches = await tx.fund.tranches([a.id]);
      const current = planOf(a, tranches);
      const now = this.clock.now();
      let after: PlanSnapshot = r.after;
      let entryId: string | null = null;
      if (action === 'approve') {
        const plan = planAtApproval(current, r); // 409 when a release overtook it
        after = plan.after;
        const topUp = BigInt(after.amount) - BigInt(current.amount);
        if (topUp > 0n)
          entryId = (
            await this.funding.draw(tx, actor, {
              allocation: a,
              application: app,
              amount: topUp,
              reference: input.decisionRef,
              memo: `top-up, revision ${r.seq}: ${r.reason}`,
            })
          ).entry.id; // 422 when the money is not there
        if (!(await tx.fund.revisePlan(a, after))) throw allocationMovedOn();
        if (plan.rewritesTranches) {
          const release = { releasedAt: now, releasedById: actor.id, evidenceRef: input.decisionRef };
          const next = after.tranches
            .filter((t) => !t.released)
            .map((t) =>
              Object.assign(new FundTrancheEntity(), {
                id: newId(),
                allocationId: a.id,
                seq: t.seq,
                amount: t.amount,
                condition: t.condition,
                ...(t.condition === 'on_approval'
                  ? release
                  : { releasedAt: null, releasedById: null, evidenceRef: null }),
              }),
            );
          await tx.fund.replaceUnreleasedTranches(a.id, next);
          after = {
            ...after,
            tranches: after.tranches.map((t) => (t.condition === 'on_approval' ? { ...t, released: true } : t)),
          };
        }
      }
      const decided = {
        status: step.to,
        decidedById: actor.id,
        decidedAt: now,
        decisionRef: input.decisionRef,
        decisionNote: input.note ?? null,
        before: current,
        after,
        entryId,
      };
      if (!(await tx.fund.transitionRevision(r, decided))) throw revisionMovedOn(); // WHERE status AND version
      const d = Object.assign(r, decided, { version: r.version + 1 });
      tx.fund.addDecision(
        Object.assign(new FundDecisionEntity(), {
          id: newId(),
          allocationId: a.id,
          revisionId: d.id,
          kind: action === 'approve' ? 'approved' : 'rejected',
          decisionRef: input.decisionRef,
          memberId: actor.id,
          memberOrganisationId: actor.organisationId ?? null,
          note: input.note ?? '',
          decidedAt: now,
        }),
      );
      tx.audit.record({
        actor,
        action: `fund.revision.${d.status}`,
        entityType: 'fund_allocation',
        entityId: a.id,
        before: { seq: d.seq, status: 'proposed' },
        after: {
          seq: d.seq,
          status: d.status,
          decisionRef: input.decisionRef,
          entryId,
          ...(action === 'approve' ? { plan: changedFields(current, after) } : {}),
        },
      });
      tx.notify({
        to: step.tell(d),
        except: actor.id,
        kind: `fund.revision.${d.status}`,
        title: `${app.requestReference}: revision ${d.seq} of the allocation was ${d.status}`,
        body: `${app.title}\n\n${d.reason}\n\nDecision ${input.decisionRef}.${input.note ? `\n\n${input.note}` : ''}`,
        entityType: 'fund_allocation',
        entityId: a.id,
      });
      return revisionView(d);
    });
  }

  /** The allocation's revisions, oldest first, each with the plan before and after and what changed. */
  async history(allocationId: string) {
    const a = await this.repo.allocation(allocationId);
    if (!a) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    return (await this.repo.revisions(a.id)).map(revisionView);
  }
}

const usd = (v: bigint | string) => toDto({ amount: BigInt(v), currency: 'USD' });

function planView(p: PlanSnapshot) {
  return {
    endsOn: p.endsOn,
    durationMonths: p.durationMonths,
    amount: usd(p.amount),
    tranches: p.tranches.map((t) => ({
      seq: t.seq,
      amount: usd(t.amount),
      condition: t.condition,
      released: t.released,
    })),
    budgetLines: p.budgetLines.map((l) => ({
      category: l.category,
      organisationId: l.organisationId,
      amount: usd(l.amount),
    })),
  };
}

export function revisionView(r: FundRevisionEntity) {
  return {
    id: r.id,
    allocationId: r.allocationId,
    seq: r.seq,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    changes: changedParts(r.before, r.after),
    before: planView(r.before),
    after: planView(r.after),
    topUp: usd(r.topUp),
    entryId: r.entryId,
    proposedById: r.proposedById,
    proposedAt: r.proposedAt.toISOString(),
    decidedById: r.decidedById,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionRef: r.decisionRef,
    decisionNote: r.decisionNote,
  };
}

const usdText = (minor: bigint) =>
  `USD ${(minor / 100n).toLocaleString('en')}.${(minor % 100n).toString().padStart(2, '0')}`;
