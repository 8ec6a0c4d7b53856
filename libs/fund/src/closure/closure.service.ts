import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, newId, parseMinor, toDto } from '@cbm/core';
import type { Audience } from '@cbm/notifications';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { allocationMovedOn } from '../allocation/allocation.workflow';
import { FundDecisionEntity } from '../allocation/decision.entity';
import { AttributionService } from '../allocation/attribution.service';
import { FundError } from '../fund.errors';
import { FundRepository } from '../fund.repository';
import { FundTx, FundUnitOfWork } from '../fund-unit-of-work';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import { FUND_REQUEST_PORT, FundRequestPort } from '../ports';
import {
  FinancialStatementView,
  ProjectClosureView,
  ProjectStepDto,
  RecordUnspentReturnDto,
  SubmitFinancialStatementDto,
  UnspentReturnView,
} from './closure.dto';
import { FundFinancialStatementEntity } from './financial-statement.entity';
import {
  allowedProjectActions,
  checkReconciled,
  checkReturn,
  OrganisationMoney,
  ProjectAction,
  projectStep,
  reconciliationProblems,
  releaseLines,
  releasesAtOnce,
} from './project.workflow';
import { FundUnspentReturnEntity } from './unspent-return.entity';

const usd = (amount: bigint) => toDto({ amount, currency: 'USD' });
type Reads = Pick<FundTx, 'fund' | 'ledger'>;

/**
 * Returns of unspent funds, final financial statements, and the project's life after approval
 * (suspension, resumption, cancellation, operational and financial closure). The rules are in
 * project.workflow.ts; every use case locks the allocation row first, so that it queues behind every
 * other money movement on the allocation and sees what it left.
 */
@Injectable()
export class ClosureService {
  constructor(
    private readonly uow: FundUnitOfWork,
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly attribution: AttributionService,
    private readonly clock: Clock,
    @Inject(FUND_REQUEST_PORT) private readonly requests: FundRequestPort,
  ) {}

  /**
   * The fund manager records money an implementing organisation sent back: Cr transfer, Dr allocation
   * (`unspent_return`), at most what the organisation holds unspent. After a cancellation or closure the
   * money goes on to its sources in the same transaction (`allocation_return`). Runs in the transaction of
   * its Idempotency-Key.
   */
  async recordReturn(tx: FundTx, actor: Actor, allocationId: string, input: RecordUnspentReturnDto) {
    if (input.amount.currency !== 'USD')
      throw FundError('FUND_INVALID_FIELD', 'returns are in USD', {
        fields: [{ field: 'amount.currency', message: 'must be USD' }],
      });
    const amount = parseMinor(input.amount.amount);
    const a = await tx.fund.getAllocation(allocationId, { lock: true }); // every movement on it queues here
    if (a.status !== 'approved')
      throw FundError('FUND_INVALID_STATE', 'money is returned under an approved allocation', {
        currentStatus: a.status,
      });
    const account = { allocationId: a.id, organisationId: input.organisationId };
    checkReturn(amount, await tx.ledger.balance('transfer', account, 'USD', { lock: true })); // 422
    const today = this.clock.now().toISOString().slice(0, 10);
    if (input.receivedAt && input.receivedAt > today)
      throw FundError('FUND_INVALID_FIELD', 'the money cannot have arrived after today', {
        fields: [{ field: 'receivedAt', message: 'in the future' }],
      });
    const receivedAt = input.receivedAt ?? today;
    const reference = input.reference ?? `unspent return ${receivedAt}`;
    const id = newId();
    const entry = await this.ledger.post(tx, actor, {
      kind: 'unspent_return',
      reference,
      memo: input.reason,
      subjectId: id,
      occurredAt: new Date(`${receivedAt}T00:00:00Z`),
      lines: [
        { kind: 'transfer', ...account, amount: -amount, currency: 'USD' },
        { kind: 'allocation', allocationId: a.id, amount, currency: 'USD' },
      ],
    });
    const release = releasesAtOnce(a.stage) ? await this.release(tx, actor, a, amount, reference) : null;
    const r = await tx.fund.insertReturn(
      Object.assign(new FundUnspentReturnEntity(), {
        id,
        allocationId: a.id,
        organisationId: input.organisationId,
        amount: amount.toString(),
        currency: 'USD',
        reason: input.reason,
        reference,
        entryId: entry.id,
        receivedAt,
        recordedById: actor.id,
        recordedAt: this.clock.now(),
      }),
    );
    tx.audit.record({
      actor,
      action: 'fund.return.recorded',
      entityType: 'fund_allocation',
      entityId: a.id,
      after: {
        returnId: id,
        organisationId: input.organisationId,
        amount: amount.toString(),
        entryId: entry.id,
        releaseEntryId: release?.id ?? null,
      },
    });
    tx.notify({
      to: { scopes: [{ role: 'partner_officer', organisationId: input.organisationId }] },
      except: actor.id,
      kind: 'fund.return.recorded',
      title: 'Return of unspent funds received',
      body: `${usdText(amount)} received on ${receivedAt} (${reference}).`,
      entityType: 'fund_allocation',
      entityId: a.id,
    });
    return this.returnView(r);
  }

  /** A partner officer submits (or, until it is accepted, replaces) their organisation's final financial statement. */
  async submitStatement(actor: Actor, allocationId: string, input: SubmitFinancialStatementDto) {
    const categories = (input.costCategories ?? []).map((c) => ({
      category: c.category,
      amount: parseMinor(c.amount.amount),
      currency: c.amount.currency,
    }));
    if (input.spent.currency !== 'USD' || categories.some((c) => c.currency !== 'USD'))
      throw FundError('FUND_INVALID_FIELD', 'financial statements are in USD', {
        fields: [{ field: 'spent.currency', message: 'must be USD' }],
      });
    const spent = parseMinor(input.spent.amount);
    if (categories.length && categories.reduce((s, c) => s + c.amount, 0n) !== spent)
      throw FundError('FUND_INVALID_FIELD', 'the cost categories add up to the amount spent', {
        fields: [{ field: 'costCategories', message: 'must sum to spent' }],
      });
    const orgId = actor.organisationId;
    return this.uow.run(async (tx) => {
      const a = orgId ? await tx.fund.allocation(allocationId, { lock: true }) : null;
      const received = a && (await tx.fund.transfers([a.id])).some((t) => t.organisationId === orgId);
      if (!a || !orgId || !received) throw FundError('FUND_NOT_FOUND', 'no such allocation'); // not theirs: 404
      if (a.stage === 'closed')
        throw FundError('FUND_INVALID_STATE', 'the project is financially closed', { currentStage: a.stage });
      const s = await tx.fund.submitStatement(
        Object.assign(new FundFinancialStatementEntity(), {
          id: newId(),
          allocationId: a.id,
          organisationId: orgId,
          spent: spent.toString(),
          currency: 'USD',
          costCategories: categories.map((c) => ({ category: c.category, amount: c.amount.toString() })),
          note: input.note ?? '',
          submittedById: actor.id,
          submittedAt: this.clock.now(),
        }),
      );
      if (!s) throw FundError('FUND_INVALID_STATE', 'the statement was already accepted');
      tx.audit.record({
        actor,
        action: 'fund.financial_statement.submitted',
        entityType: 'fund_allocation',
        entityId: a.id,
        after: { statementId: s.id, organisationId: orgId, spent: spent.toString(), costCategories: s.costCategories },
      });
      tx.notify({
        to: { scopes: [{ role: 'fund_manager' }] },
        except: actor.id,
        kind: 'fund.financial_statement.submitted',
        title: 'Final financial statement submitted',
        body: `${usdText(spent)} spent, as certified by the organisation.`,
        entityType: 'fund_allocation',
        entityId: a.id,
      });
      return this.statementView(s);
    });
  }

  /**
   * A step of the project's life (project.workflow.ts): suspend, resume, cancel, close operationally,
   * close financially. The allocation is locked; the stage moves under a SQL guard (a second closure racing
   * this one finds the stage moved: 409); the decision is registered; a cancellation or financial closure
   * releases the allocation's balance to its sources.
   */
  async act(actor: Actor, allocationId: string, action: ProjectAction, input: ProjectStepDto) {
    return this.uow.run(async (tx) => {
      const a = await tx.fund.getAllocation(allocationId, { lock: true }); // 404
      const step = projectStep(a, action, actor); // 403 role, 409 state
      const now = this.clock.now();
      let audit: Record<string, unknown> = {};
      if (action === 'cancel') await this.checkCancellation(tx, a, actor, input); // 400, 403
      if (action === 'close_operationally') {
        const report = await this.requests.acceptedFinalReport(a.requestId, tx.transaction);
        if (!report)
          throw FundError('FUND_FINAL_REPORT_PENDING', 'operational closure waits for the final report to be accepted');
        audit = { finalReportId: report.id };
      }
      let money: OrganisationMoney[] = [];
      if (action === 'close_financially') {
        money = await this.money(tx, a);
        checkReconciled(money); // 422 naming each organisation
      }
      const set = {
        stage: step.to,
        ...(action === 'close_operationally' ? { operationallyClosedAt: now } : {}),
        ...(action === 'close_financially' ? { financiallyClosedAt: now } : {}),
      };
      if (!(await tx.fund.transitionStage(a, set))) throw allocationMovedOn(); // WHERE status, stage AND version
      const before = a.stage;
      Object.assign(a, set, { version: a.version + 1 });
      if (action === 'close_financially') {
        for (const s of await tx.fund.statements(a.id)) {
          const m = money.find((o) => o.organisationId === s.organisationId);
          const accepted = await tx.fund.acceptStatement(s, {
            acceptedById: actor.id,
            acceptedAt: now,
            transferred: (m?.transferred ?? 0n).toString(),
            returned: (m?.returned ?? 0n).toString(),
          });
          if (!accepted && s.status !== 'accepted') throw allocationMovedOn();
        }
      }
      let released: { id: string; amount: bigint } | null = null;
      if (step.releases) {
        const left = await tx.ledger.balance('allocation', { allocationId: a.id }, 'USD', { lock: true });
        const reference = input.decisionRef ?? `${step.decision} ${now.toISOString().slice(0, 10)}`;
        if (left > 0n) released = { id: (await this.release(tx, actor, a, left, reference)).id, amount: left };
      }
      tx.fund.addDecision(
        Object.assign(new FundDecisionEntity(), {
          id: newId(),
          allocationId: a.id,
          kind: step.decision,
          decisionRef: input.decisionRef ?? null,
          memberId: actor.id,
          memberOrganisationId: actor.organisationId ?? null,
          note: input.reason,
          decidedAt: now,
        }),
      );
      tx.audit.record({
        actor,
        action: `fund.project.${step.decision}`,
        entityType: 'fund_allocation',
        entityId: a.id,
        before: { stage: before },
        after: {
          stage: a.stage,
          reason: input.reason,
          decisionRef: input.decisionRef ?? null,
          releasedToSource: released?.amount.toString() ?? '0',
          releaseEntryId: released?.id ?? null,
          ...audit,
        },
      });
      tx.notify({
        to: await this.audienceOf(tx, a, action),
        except: actor.id,
        kind: `fund.project.${step.decision}`,
        title: `Seed-funded project ${step.decision.replace('_', ' ')}`,
        body: input.reason,
        entityType: 'fund_allocation',
        entityId: a.id,
      });
      return this.view(tx, a, actor);
    });
  }

  /** The project's closure as it stands: stage, each organisation's reconciliation, the returns. */
  async closure(actor: Actor, allocationId: string): Promise<ProjectClosureView> {
    const reads = { fund: this.repo, ledger: this.ledgerRepo };
    return this.view(reads, await reads.fund.getAllocation(allocationId), actor);
  }

  /* Inside */

  /** Cancellation: a decision reference, and a member whose organisation does not implement the request. */
  private async checkCancellation(tx: FundTx, a: FundAllocationEntity, actor: Actor, input: ProjectStepDto) {
    if (!input.decisionRef?.trim())
      throw FundError('FUND_INVALID_FIELD', "a cancellation cites the steering committee's decision", {
        fields: [{ field: 'decisionRef', message: 'required to cancel' }],
      });
    const app = await tx.fund.getApplication(a.applicationId);
    const implementers = await tx.allocationReads(a, app).implementers();
    if (actor.organisationId && implementers.includes(actor.organisationId))
      throw FundError('FUND_RECUSAL_REQUIRED', 'your organisation implements this request: you must recuse', {
        organisationId: actor.organisationId,
      });
  }

  /**
   * Releases `amount` of the allocation to its sources in the proportions its approval drew them; the
   * pooled part goes back to the pooled contributions as the allocation's attribution has them.
   */
  private async release(tx: FundTx, actor: Actor, a: FundAllocationEntity, amount: bigint, reference: string) {
    const lines = releaseLines(a.id, amount, await tx.fund.sourcesOf(a.id));
    const entry = await this.ledger.post(tx, actor, {
      kind: 'allocation_return',
      reference,
      memo: 'released to source',
      subjectId: a.id,
      lines,
    });
    const pooled = lines.filter((l) => l.kind === 'cash_pool').reduce((sum, l) => sum + l.amount, 0n);
    await this.attribution.returnToPool(tx, a.id, pooled, entry);
    return entry;
  }

  /** Each organisation's money under the allocation: transferred, spent, returned, unspent, its statement. */
  private async money(tx: Reads, a: FundAllocationEntity): Promise<OrganisationMoney[]> {
    // one after the other: inside a transaction they share one connection
    const transfers = await tx.fund.transfers([a.id]);
    const returns = await tx.fund.returns([a.id]);
    const statements = await tx.fund.statements(a.id);
    const balances = await tx.ledger.balancesFor('allocation', [a.id]);
    const ids = [
      ...new Set([
        ...transfers.map((t) => t.organisationId),
        ...returns.map((r) => r.organisationId),
        ...statements.map((s) => s.organisationId),
      ]),
    ].sort();
    const balance = (kind: 'transfer' | 'expenditure', org: string) =>
      balances.filter((b) => b.kind === kind && b.organisationId === org).reduce((s, b) => s + b.balance, 0n);
    return ids.map((org) => {
      const s = statements.find((x) => x.organisationId === org);
      return {
        organisationId: org,
        transferred: transfers
          .filter((t) => t.organisationId === org && !t.reversed)
          .reduce((sum, t) => sum + BigInt(t.amount), 0n),
        spent: balance('expenditure', org),
        returned: returns.filter((r) => r.organisationId === org).reduce((sum, r) => sum + BigInt(r.amount), 0n),
        unspent: balance('transfer', org),
        statementSpent: s ? BigInt(s.spent) : null,
      };
    });
  }

  private async view(tx: Reads, a: FundAllocationEntity, actor: Actor): Promise<ProjectClosureView> {
    const money = await this.money(tx, a);
    const statements = await tx.fund.statements(a.id);
    const returns = await tx.fund.returns([a.id]);
    const sources = await tx.fund.sourcesOf(a.id);
    const left = await tx.ledger.balance('allocation', { allocationId: a.id }, 'USD');
    return {
      allocationId: a.id,
      requestId: a.requestId,
      stage: a.stage,
      operationallyClosedAt: a.operationallyClosedAt?.toISOString() ?? null,
      financiallyClosedAt: a.financiallyClosedAt?.toISOString() ?? null,
      allocationBalance: usd(left),
      releasedToSource: usd(sources.reduce((s, x) => s + x.released, 0n)),
      organisations: money.map((m) => {
        const s = statements.find((x) => x.organisationId === m.organisationId);
        return {
          organisationId: m.organisationId,
          transferred: usd(m.transferred),
          spent: usd(m.spent),
          returned: usd(m.returned),
          unspent: usd(m.unspent),
          statement: s ? this.statementView(s) : null,
          reconciled: reconciliationProblems([m]).length === 0,
        };
      }),
      returns: returns.map((r) => this.returnView(r)),
      allowedActions: a.status === 'approved' ? allowedProjectActions(a.stage, actor.role) : [],
    };
  }

  /** Who hears of a step: the partners of a suspension, resumption or cancellation; the committee of a suspension; the hub of closures. */
  private async audienceOf(tx: FundTx, a: FundAllocationEntity, action: ProjectAction): Promise<Audience> {
    if (action === 'close_operationally' || action === 'close_financially')
      return { scopes: [{ role: 'hub_officer' }, { role: 'steering_committee' }] };
    const app = await tx.fund.getApplication(a.applicationId);
    const partners = app.organisationIds.map((organisationId) => ({
      role: 'partner_officer' as const,
      organisationId,
    }));
    const committee = action === 'resume' ? [] : [{ role: 'steering_committee' as const }];
    return { scopes: [...partners, ...committee, { role: 'fund_manager' }] };
  }

  returnView(r: FundUnspentReturnEntity): UnspentReturnView {
    return {
      id: r.id,
      allocationId: r.allocationId,
      organisationId: r.organisationId,
      amount: usd(BigInt(r.amount)),
      reason: r.reason,
      reference: r.reference,
      receivedAt: r.receivedAt,
      entryId: r.entryId,
      recordedAt: r.recordedAt.toISOString(),
    };
  }

  statementView(s: FundFinancialStatementEntity): FinancialStatementView {
    return {
      id: s.id,
      allocationId: s.allocationId,
      organisationId: s.organisationId,
      spent: usd(BigInt(s.spent)),
      costCategories: s.costCategories.map((c) => ({ category: c.category, amount: usd(BigInt(c.amount)) })),
      note: s.note,
      status: s.status,
      submittedAt: s.submittedAt.toISOString(),
      acceptedAt: s.acceptedAt?.toISOString() ?? null,
    };
  }
}

/** USD minor units as people read them: `USD 150,000.00`. */
const usdText = (minor: bigint) =>
  `USD ${(minor / 100n).toLocaleString('en')}.${(minor % 100n).toString().padStart(2, '0')}`;
