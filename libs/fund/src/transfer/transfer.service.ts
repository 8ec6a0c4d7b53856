import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, newId, parseMinor, toDto } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { OrganisationService } from '@cbm/reference';
import { EntityManager } from 'typeorm';
import { CreateExpenditureDto, CreateTransferDto, ReverseEntryDto } from '../fund.dto';
import { FundError } from '../fund.errors';
import { FundRepository } from '../fund.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import { FundExpenditureEntity } from './expenditure.entity';
import { FundTransferEntity } from './transfer.entity';

/** The indirect-cost share included in an amount: amount × r / (1 + r), r in basis points. */
export function indirectCostIncluded(amount: bigint, rateBps: number): bigint {
  if (rateBps <= 0) return 0n;
  return amount - (amount * 10000n + (10000n + BigInt(rateBps)) / 2n) / (10000n + BigInt(rateBps));
}

/** Transfers to implementing organisations, expenditure they report, and reversing entries. */
@Injectable()
export class TransferService {
  constructor(
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Runs in the idempotency transaction. The allocation row is locked first, so concurrent transfers
   * for one allocation queue up and each sees the total the previous one left.
   */
  async transfer(m: EntityManager, actor: Actor, input: CreateTransferDto) {
    if (input.amount.currency !== 'USD')
      throw FundError('FUND_INVALID_FIELD', 'transfers are in USD', {
        fields: [{ field: 'amount.currency', message: 'must be USD' }],
      });
    const amount = parseMinor(input.amount.amount);
    const a = await this.repo.allocation(input.allocationId, m, true);
    if (!a) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    if (a.status !== 'approved')
      throw FundError('FUND_INVALID_STATE', 'money is transferred under an approved allocation');
    const app = (await this.repo.application(a.applicationId, m))!;
    if (!app.organisationIds.includes(input.organisationId) && app.leadOrganisationId !== input.organisationId) {
      throw FundError('FUND_INVALID_FIELD', 'transfers go to an organisation implementing the request', {
        fields: [{ field: 'organisationId', message: 'not an implementing organisation' }],
      });
    }
    const released = (await this.repo.tranches([a.id], m))
      .filter((t) => t.releasedAt)
      .reduce((s, t) => s + BigInt(t.amount), 0n);
    const transferred = BigInt(a.transferredAmount);
    if (transferred + amount > BigInt(a.amount))
      throw FundError('FUND_ALLOCATION_EXCEEDED', 'the transfers would exceed the allocation', {
        allocation: a.amount,
        transferred: transferred.toString(),
      });
    if (transferred + amount > released)
      throw FundError('FUND_TRANCHE_HELD', 'the transfer exceeds what the released tranches make available', {
        released: released.toString(),
        transferred: transferred.toString(),
      });
    const [org] = await this.organisations.byIds([input.organisationId], m);
    const id = newId();
    const entry = await this.ledger.post(m, actor, {
      kind: 'transfer',
      reference: a.decisionRef!,
      memo: `transfer to ${org?.acronym ?? input.organisationId}`,
      subjectId: id,
      lines: [
        { kind: 'allocation', allocationId: a.id, amount: -amount, currency: 'USD' },
        { kind: 'transfer', allocationId: a.id, organisationId: input.organisationId, amount, currency: 'USD' },
      ],
    });
    await this.repo.setTransferred(m, a.id, transferred + amount);
    const indirect = org?.type === 'un_entity' ? indirectCostIncluded(amount, this.config.fundIndirectCostBps) : 0n;
    const t = Object.assign(new FundTransferEntity(), {
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
    });
    await this.repo.insert(m, FundTransferEntity, t);
    await this.audit.record(m, {
      actor,
      action: 'fund.transfer.executed',
      entityType: 'fund_allocation',
      entityId: a.id,
      after: { transferId: id, organisationId: input.organisationId, amount: amount.toString(), entryId: entry.id },
    });
    return this.transferView(t);
  }

  /** Partner officers report for their own organisation, never more than it received and has not yet reported. */
  async expenditure(m: EntityManager, actor: Actor, input: CreateExpenditureDto) {
    if (input.amount.currency !== 'USD')
      throw FundError('FUND_INVALID_FIELD', 'expenditure is reported in USD', {
        fields: [{ field: 'amount.currency', message: 'must be USD' }],
      });
    if (input.periodStart && input.periodStart > input.periodEnd)
      throw FundError('FUND_INVALID_FIELD', 'periodStart is before periodEnd', {
        fields: [{ field: 'periodStart', message: 'after periodEnd' }],
      });
    const amount = parseMinor(input.amount.amount);
    const a = await this.repo.allocation(input.allocationId, m, true);
    const orgId = actor.organisationId;
    if (!a || !orgId) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    const unspent = await this.ledgerRepo.balance(
      'transfer',
      { allocationId: a.id, organisationId: orgId },
      'USD',
      m,
      true,
    );
    const received = (await this.repo.transfers([a.id], m)).some((t) => t.organisationId === orgId);
    if (!received) throw FundError('FUND_NOT_FOUND', 'no such allocation');
    if (amount > unspent)
      throw FundError(
        'FUND_EXPENDITURE_EXCEEDED',
        'expenditure exceeds the money transferred and not yet reported spent',
        { unspent: unspent.toString() },
      );
    const id = newId();
    const entry = await this.ledger.post(m, actor, {
      kind: 'expenditure',
      reference: `expenditure report ${input.periodStart ?? ''}..${input.periodEnd}`.replace(' ..', ' to '),
      subjectId: id,
      occurredAt: new Date(`${input.periodEnd}T00:00:00Z`),
      lines: [
        { kind: 'transfer', allocationId: a.id, organisationId: orgId, amount: -amount, currency: 'USD' },
        { kind: 'expenditure', allocationId: a.id, organisationId: orgId, amount, currency: 'USD' },
      ],
    });
    const e = Object.assign(new FundExpenditureEntity(), {
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
    });
    await this.repo.insert(m, FundExpenditureEntity, e);
    await this.audit.record(m, {
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
   */
  async reverse(m: EntityManager, actor: Actor, entryId: string, input: ReverseEntryDto) {
    const original = await this.ledgerRepo.entry(entryId, m);
    if (!original) throw FundError('FUND_NOT_FOUND', 'no such journal entry');
    if (!['deposit', 'refund', 'transfer', 'expenditure'].includes(original.kind))
      throw FundError(
        'FUND_INVALID_STATE',
        `a ${original.kind} entry is not reversed; ${original.kind === 'allocation' ? 'allocations are decided by the steering committee' : 'post a correcting entry'}`,
      );
    if (original.kind === 'transfer' || original.kind === 'expenditure') {
      const lines = await this.ledgerRepo.lines(entryId, m);
      const allocationId = lines.find((l) => l.allocationId)!.allocationId!;
      const a = (await this.repo.allocation(allocationId, m, true))!;
      if (original.kind === 'transfer') {
        const t = await this.repo.transfer(original.subjectId, m);
        const unspent = await this.ledgerRepo.balance(
          'transfer',
          { allocationId, organisationId: t!.organisationId },
          'USD',
          m,
          true,
        );
        if (unspent < BigInt(t!.amount))
          throw FundError(
            'FUND_INSUFFICIENT_FUNDS',
            'part of this transfer is already reported spent; reverse the expenditure first',
          );
        await this.repo.setTransferred(m, a.id, BigInt(a.transferredAmount) - BigInt(t!.amount));
        await this.repo.markTransferReversed(m, t!.id);
      }
    }
    try {
      const { entry } = await this.ledger.reverse(m, actor, entryId, input.reference, input.reason);
      await this.audit.record(m, {
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
    } catch (err) {
      if (
        [(err as { code?: string }).code, (err as { driverError?: { code?: string } }).driverError?.code].includes(
          '23514',
        )
      )
        throw FundError(
          'FUND_INSUFFICIENT_FUNDS',
          'the money this entry brought in is already allocated; it cannot be reversed',
        );
      throw err;
    }
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
