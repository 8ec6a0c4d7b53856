import { AttributionService } from '../allocation/attribution.service';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, newId, parseMinor, toDto } from '@cbm/core';
import { OrganisationService } from '@cbm/reference';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { allocationMovedOn, checkTransfer, released } from '../allocation/allocation.workflow';
import { checkMoneyMayFlow } from '../closure/project.workflow';
import { CreateExpenditureDto, CreateTransferDto, ReverseEntryDto } from '../fund.dto';
import { FundError } from '../fund.errors';
import type { FundTx } from '../fund-unit-of-work';
import { alreadyReversed } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import { FundExpenditureEntity } from './expenditure.entity';
import { FundTransferEntity } from './transfer.entity';

/** The indirect-cost share included in an amount: amount × r / (1 + r), r in basis points. */
export function indirectCostIncluded(amount: bigint, rateBps: number): bigint {
  if (rateBps <= 0) return 0n;
  return amount - (amount * 10000n + (10000n + BigInt(rateBps)) / 2n) / (10000n + BigInt(rateBps));
}

const REVERSIBLE = ['deposit', 'refund', 'transfer', 'expenditure'];

/**
 * Transfers to implementing organisations, expenditure they report, and reversing entries. Each
 * runs in the transaction of its Idempotency-Key (IdempotencyService) and locks the allocation row
 * first, so that every money movement on one allocation queues behind the one before and sees what
 * it left; the balances' CHECK (never below zero) and the allocation's (transferred ≤ amount) stand
 * behind the code's checks.
 */
@Injectable()
export class TransferService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly attribution: AttributionService,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Money to an implementing organisation, up to what the released tranches make available. */
  async transfer(tx: FundTx, actor: Actor, input: CreateTransferDto) {
    if (input.amount.currency !== 'USD')
      throw FundError('FUND_INVALID_FIELD', 'transfers are in USD', {
        fields: [{ field: 'amount.currency', message: 'must be USD' }],
      });
    const amount = parseMinor(input.amount.amount);
    const a = await tx.fund.getAllocation(input.allocationId, { lock: true });
    if (a.status !== 'approved')
      throw FundError('FUND_INVALID_STATE', 'money is transferred under an approved allocation');
    checkMoneyMayFlow(a); // 409 while suspended, cancelled or closed
    const app = await tx.fund.getApplication(a.applicationId);
    if (!app.organisationIds.includes(input.organisationId) && app.leadOrganisationId !== input.organisationId) {
      throw FundError('FUND_INVALID_FIELD', 'transfers go to an organisation implementing the request', {
        fields: [{ field: 'organisationId', message: 'not an implementing organisation' }],
      });
    }
    checkTransfer(a, released(await tx.fund.tranches([a.id])), amount);
    const [org] = await this.organisations.byIds([input.organisationId], tx.transaction);
    const id = newId();
    const entry = await this.ledger.post(tx, actor, {
      kind: 'transfer',
      reference: a.decisionRef!,
      memo: `transfer to ${org?.acronym ?? input.organisationId}`,
      subjectId: id,
      lines: [
        { kind: 'allocation', allocationId: a.id, amount: -amount, currency: 'USD' },
        { kind: 'transfer', allocationId: a.id, organisationId: input.organisationId, amount, currency: 'USD' },
      ],
    });
    if (!(await tx.fund.addTransferred(a, amount))) throw allocationMovedOn();
    const indirect = org?.type === 'un_entity' ? indirectCostIncluded(amount, this.config.fundIndirectCostBps) : 0n;
    const t = await tx.fund.insertTransfer(
      Object.assign(new FundTransferEntity(), {
        id,
        allocationId: a.id,
        organisationId: input.organisationId,
        amount: amount.toString(),
        currency: 'USD',
        indirectCost: indirect.toString(),
        entryId: entry.id,
        reversed: false,
        createdById: actor.id,
        executedAt: this.clock.now(),
      }),
    );
    tx.audit.record({
      actor,
      action: 'fund.transfer.executed',
      entityType: 'fund_allocation',
      entityId: a.id,
      after: { transferId: id, organisationId: input.organisationId, amount: amount.toString(), entryId: entry.id },
    });
    return this.transferView(t);
  }

  /** Partner officers report for their own organisation, never more than it received and has not yet reported. */
  async expenditure(tx: FundTx, actor: Actor, input: CreateExpenditureDto) {
    if (input.amount.currency !== 'USD')
      throw FundError('FUND_INVALID_FIELD', 'expenditure is reported in USD', {
        fields: [{ field: 'amount.currency', message: 'must be USD' }],
      });
    if (input.periodStart && input.periodStart > input.periodEnd)
      throw FundError('FUND_INVALID_FIELD', 'periodStart is before periodEnd', {
        fields: [{ field: 'periodStart', message: 'after periodEnd' }],
      });
    const amount = parseMinor(input.amount.amount);
    const orgId = actor.organisationId;
    const a = orgId ? await tx.fund.allocation(input.allocationId, { lock: true }) : null;
    if (!a || !orgId) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    const received = (await tx.fund.transfers([a.id])).some((t) => t.organisationId === orgId);
    if (!received) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    const unspent = await tx.ledger.balance('transfer', { allocationId: a.id, organisationId: orgId }, 'USD', {
      lock: true,
    });
    if (amount > unspent)
      throw FundError(
        'FUND_EXPENDITURE_EXCEEDED',
        'expenditure exceeds the money transferred and not yet reported spent',
        { unspent: unspent.toString() },
      );
    const id = newId();
    const entry = await this.ledger.post(tx, actor, {
      kind: 'expenditure',
      reference: `expenditure report ${input.periodStart ?? ''}..${input.periodEnd}`.replace(' ..', ' to '),
      subjectId: id,
      occurredAt: new Date(`${input.periodEnd}T00:00:00Z`),
      lines: [
        { kind: 'transfer', allocationId: a.id, organisationId: orgId, amount: -amount, currency: 'USD' },
        { kind: 'expenditure', allocationId: a.id, organisationId: orgId, amount, currency: 'USD' },
      ],
    });
    const e = await tx.fund.insertExpenditure(
      Object.assign(new FundExpenditureEntity(), {
        id,
        allocationId: a.id,
        organisationId: orgId,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd,
        amount: amount.toString(),
        currency: 'USD',
        entryId: entry.id,
        reportedById: actor.id,
        reportedAt: this.clock.now(),
      }),
    );
    tx.audit.record({
      actor,
      action: 'fund.expenditure.reported',
      entityType: 'fund_allocation',
      entityId: a.id,
      after: {
        expenditureId: id,
        organisationId: orgId,
        periodEnd: input.periodEnd,
        amount: amount.toString(),
        entryId: entry.id,
      },
    });
    return {
      id,
      allocationId: a.id,
      organisationId: orgId,
      periodStart: e.periodStart,
      periodEnd: e.periodEnd,
      amount: toDto({ amount, currency: 'USD' }),
      entryId: entry.id,
    };
  }

  /**
   * A correction by reversing entry. Deposits, refunds, transfers and expenditure can be reversed;
   * the balance table's check refuses a reversal that would take money the fund no longer holds.
   * The original entry is locked first: a second reversal of it waits, then finds it reversed.
   */
  async reverse(tx: FundTx, actor: Actor, entryId: string, input: ReverseEntryDto) {
    const original = await tx.ledger.entry(entryId, { lock: true });
    if (!original) throw FundError('FUND_NOT_FOUND', 'no such journal entry');
    await this.ledger.checkReversible(tx, original); // 409 before anything else: the entry was already corrected
    if (!REVERSIBLE.includes(original.kind))
      throw FundError(
        'FUND_INVALID_STATE',
        `a ${original.kind} entry is not reversed; ${original.kind === 'allocation' ? 'allocations are decided by the steering committee' : 'post a correcting entry'}`,
      );
    // a transfer taken back: what the allocation has transferred goes down with it
    let takenBack: { allocation: FundAllocationEntity; transfer: FundTransferEntity } | null = null;
    if (original.kind === 'transfer' || original.kind === 'expenditure') {
      const allocationId = (await tx.ledger.lines(entryId)).find((l) => l.allocationId)!.allocationId!;
      const allocation = await tx.fund.getAllocation(allocationId, { lock: true });
      if (original.kind === 'transfer') {
        const transfer = (await tx.fund.transfer(original.subjectId))!;
        const unspent = await tx.ledger.balance(
          'transfer',
          { allocationId, organisationId: transfer.organisationId },
          'USD',
          { lock: true },
        );
        if (unspent < BigInt(transfer.amount))
          throw FundError(
            'FUND_INSUFFICIENT_FUNDS',
            'part of this transfer is already reported spent; reverse the expenditure first',
          );
        takenBack = { allocation, transfer };
      }
    }
    const { entry } = await this.ledger.reverse(tx, actor, original, input.reference, input.reason).catch((err) => {
      if (isCheckViolation(err))
        throw FundError(
          'FUND_INSUFFICIENT_FUNDS',
          'the money this entry brought in is already allocated; it cannot be reversed',
        );
      throw err;
    });
    if (original.kind === 'deposit' || original.kind === 'refund') {
      // pooled money taken back (a deposit reversed) must be the contribution's own unallocated money
      const lines = await tx.ledger.lines(entryId);
      const contributionId = lines.find((l) => l.contributionId)?.contributionId;
      if (contributionId && lines.some((l) => l.kind === 'cash_pool'))
        await this.attribution.assertCovered(tx, contributionId);
    }
    if (takenBack) {
      if (!(await tx.fund.addTransferred(takenBack.allocation, -BigInt(takenBack.transfer.amount))))
        throw allocationMovedOn();
      if (!(await tx.fund.markTransferReversed(takenBack.transfer.id))) throw alreadyReversed();
    }
    tx.audit.record({
      actor,
      action: 'fund.entry.reversed',
      entityType: 'journal_entry',
      entityId: entryId,
      after: { reversalId: entry.id, reference: input.reference, reason: input.reason },
    });
    return {
      id: entry.id,
      reversesEntryId: entryId,
      kind: entry.kind,
      reference: entry.reference,
      memo: entry.memo,
      recordedAt: entry.recordedAt.toISOString(),
    };
  }

  transferView(t: FundTransferEntity) {
    return {
      id: t.id,
      allocationId: t.allocationId,
      organisationId: t.organisationId,
      amount: toDto({ amount: BigInt(t.amount), currency: 'USD' }),
      indirectCost: toDto({ amount: BigInt(t.indirectCost), currency: 'USD' }),
      indirectCostRateBps: BigInt(t.indirectCost) > 0n ? this.config.fundIndirectCostBps : 0,
      entryId: t.entryId,
      reversed: t.reversed,
      executedAt: t.executedAt.toISOString(),
    };
  }
}

/** The balances' CHECK refused: the entry would take money the fund no longer holds. */
function isCheckViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e.code === '23514' || e.driverError?.code === '23514';
}
