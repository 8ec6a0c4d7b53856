import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, bps, Clock, newId, parseMinor, toDto } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { AttributionService } from '../allocation/attribution.service';
import { CreateContributionDto, CreateDepositDto, CreateRefundDto } from '../fund.dto';
import { FundError } from '../fund.errors';
import { FundRepository } from '../fund.repository';
import { FundTx, FundUnitOfWork } from '../fund-unit-of-work';
import { Posting } from '../ledger/ledger';
import { BalanceRow, LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import { contributionFigures } from '../reporting/figures';
import { FundContributionEntity } from './contribution.entity';
import { FundDepositEntity } from './deposit.entity';
import { FundRefundEntity } from './refund.entity';

export const FUND_STAFF = ['fund_manager', 'steering_committee', 'admin'] as const;
export const isFundStaff = (a: Actor) => (FUND_STAFF as readonly string[]).includes(a.role);

/**
 * Pledges, deposits (with the admin-agent fee) and refunds. Deposits and refunds run in the
 * transaction of their Idempotency-Key (IdempotencyService); a refund locks the cash it takes from.
 */
@Injectable()
export class ContributionService {
  constructor(
    private readonly uow: FundUnitOfWork,
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly attribution: AttributionService,
    private readonly organisations: OrganisationService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async pledge(actor: Actor, input: CreateContributionDto) {
    const [org] = await this.organisations.byIds([input.contributorId]);
    if (!org)
      throw FundError('FUND_INVALID_FIELD', 'no such contributor organisation', {
        fields: [{ field: 'contributorId', message: 'unknown organisation' }],
      });
    if (!this.reference.currency(input.amount.currency))
      throw FundError('FUND_INVALID_FIELD', 'not an ISO 4217 currency', {
        fields: [{ field: 'amount.currency', message: 'unknown currency' }],
      });
    const e = input.earmark;
    if (e.type === 'objectives' && !e.objectives?.length)
      throw FundError('FUND_INVALID_FIELD', 'an objectives earmark lists objectives', {
        fields: [{ field: 'earmark.objectives', message: 'required' }],
      });
    if (e.type === 'country' && (!e.country || !this.reference.isCountry(e.country)))
      throw FundError('FUND_INVALID_FIELD', 'a country earmark names an ISO 3166-1 alpha-3 country', {
        fields: [{ field: 'earmark.country', message: 'unknown country' }],
      });
    const amount = parseMinor(input.amount.amount, 'amount.amount');
    return this.uow.run(async (tx) => {
      const c = Object.assign(new FundContributionEntity(), {
        id: newId(),
        contributorId: org.id,
        contributorType: org.type,
        pledgedAt: input.pledgedAt,
        pledgedAmount: amount.toString(),
        currency: input.amount.currency,
        earmarkType: e.type,
        earmarkObjectives: e.type === 'objectives' ? [...new Set(e.objectives)].sort((a, b) => a - b) : [],
        earmarkCountry: e.type === 'country' ? e.country! : null,
        reference: input.reference?.trim() || `pledge ${input.pledgedAt} ${org.acronym}`,
        createdById: actor.id,
        createdAt: this.clock.now(),
      });
      await tx.fund.insertContribution(c);
      const entry = await this.ledger.post(tx, actor, {
        kind: 'pledge',
        reference: c.reference,
        subjectId: c.id,
        occurredAt: new Date(`${c.pledgedAt}T00:00:00Z`),
        lines: [
          { kind: 'receivable', contributionId: c.id, amount, currency: c.currency },
          { kind: 'pledged', contributionId: c.id, amount: -amount, currency: c.currency },
        ],
      });
      tx.audit.record({
        actor,
        action: 'fund.contribution.pledged',
        entityType: 'fund_contribution',
        entityId: c.id,
        after: {
          contributorId: c.contributorId,
          amount: toDto({ amount, currency: c.currency }),
          earmark: this.earmarkOf(c),
          entryId: entry.id,
        },
      });
      return this.view(c, tx);
    });
  }

  /** Money received against a pledge, with the fee booked. Deposits under different keys are different deposits. */
  async deposit(tx: FundTx, actor: Actor, contributionId: string, input: CreateDepositDto) {
    const c = await tx.fund.contribution(contributionId);
    if (!c) throw FundError('FUND_NOT_FOUND', 'no such contribution');
    if (input.amount.currency !== c.currency)
      throw FundError('FUND_INVALID_FIELD', `the deposit is in the pledge currency ${c.currency}`, {
        fields: [{ field: 'amount.currency', message: `must be ${c.currency}` }],
      });
    if (input.usdAmount.currency !== 'USD')
      throw FundError('FUND_INVALID_FIELD', 'usdAmount is in USD', {
        fields: [{ field: 'usdAmount.currency', message: 'must be USD' }],
      });
    const amount = parseMinor(input.amount.amount);
    const usd = parseMinor(input.usdAmount.amount, 'usdAmount.amount');
    if (c.currency === 'USD' && usd !== amount)
      throw FundError('FUND_INVALID_FIELD', 'for a USD pledge usdAmount equals amount', {
        fields: [{ field: 'usdAmount.amount', message: 'must equal amount' }],
      });
    const fee = bps(usd, this.config.fundAdminFeeBps);
    const id = newId();
    const lines: Posting[] = [{ kind: 'receivable', contributionId: c.id, amount: -amount, currency: c.currency }];
    if (c.currency !== 'USD') {
      lines.push(
        { kind: 'deposit_clearing', contributionId: c.id, amount, currency: c.currency },
        { kind: 'deposit_clearing', contributionId: c.id, amount: -usd, currency: 'USD' },
      );
    }
    lines.push(
      c.earmarkType === 'none'
        ? { kind: 'cash_pool', amount: usd - fee, currency: 'USD' }
        : { kind: 'cash_earmarked', contributionId: c.id, amount: usd - fee, currency: 'USD' },
    );
    if (fee > 0n) lines.push({ kind: 'admin_fee', contributionId: c.id, amount: fee, currency: 'USD' });
    const entry = await this.ledger.post(tx, actor, {
      kind: 'deposit',
      reference: input.reference?.trim() || `deposit ${input.receivedAt} ${c.reference}`,
      subjectId: id,
      occurredAt: new Date(`${input.receivedAt}T00:00:00Z`),
      lines: lines.filter((l) => l.amount !== 0n),
    });
    const d = await tx.fund.insertDeposit(
      Object.assign(new FundDepositEntity(), {
        id,
        contributionId: c.id,
        receivedAt: input.receivedAt,
        amount: amount.toString(),
        currency: c.currency,
        usdAmount: usd.toString(),
        adminFeeUsd: fee.toString(),
        entryId: entry.id,
        createdById: actor.id,
        createdAt: this.clock.now(),
      }),
    );
    tx.audit.record({
      actor,
      action: 'fund.deposit.recorded',
      entityType: 'fund_contribution',
      entityId: c.id,
      after: {
        depositId: id,
        amount: toDto({ amount, currency: c.currency }),
        usdAmount: usd.toString(),
        adminFeeUsd: fee.toString(),
        entryId: entry.id,
      },
    });
    return { ...this.depositView(d), contribution: await this.view(c, tx) };
  }

  /** Returns unallocated money to the contributor; never more than its own unallocated share. */
  async refund(tx: FundTx, actor: Actor, contributionId: string, input: CreateRefundDto) {
    const c = await tx.fund.contribution(contributionId);
    if (!c) throw FundError('FUND_NOT_FOUND', 'no such contribution');
    if (input.amount.currency !== 'USD')
      throw FundError('FUND_INVALID_FIELD', 'refunds are in USD', {
        fields: [{ field: 'amount.currency', message: 'must be USD' }],
      });
    const amount = parseMinor(input.amount.amount);
    const cash =
      c.earmarkType === 'none'
        ? { kind: 'cash_pool' as const }
        : { kind: 'cash_earmarked' as const, contributionId: c.id };
    // the cash row is locked: concurrent refunds (and approvals drawing on it) queue here
    const available = await tx.ledger.balance(cash.kind, cash, 'USD', { lock: true });
    // a pooled contribution's own unallocated money: its net deposits less what is attributed to allocations
    const own =
      c.earmarkType === 'none'
        ? await this.attribution.unallocatedOf(tx, c.id)
        : contributionFigures(c.currency, await tx.ledger.balancesFor('contribution', [c.id])).netUsd;
    if (amount > available || amount > own)
      throw FundError('FUND_INSUFFICIENT_FUNDS', 'a refund is limited to unallocated money the contribution provided', {
        available: (available < own ? available : own).toString(),
      });
    const id = newId();
    const entry = await this.ledger.post(tx, actor, {
      kind: 'refund',
      reference: input.reference,
      memo: input.reason,
      subjectId: id,
      lines: [
        { ...cash, amount: -amount, currency: 'USD' },
        { kind: 'refund', contributionId: c.id, amount, currency: 'USD' },
      ],
    });
    const r = await tx.fund.insertRefund(
      Object.assign(new FundRefundEntity(), {
        id,
        contributionId: c.id,
        usdAmount: amount.toString(),
        reason: input.reason,
        entryId: entry.id,
        createdById: actor.id,
        createdAt: this.clock.now(),
      }),
    );
    tx.audit.record({
      actor,
      action: 'fund.refund.recorded',
      entityType: 'fund_contribution',
      entityId: c.id,
      after: { refundId: id, usdAmount: amount.toString(), reason: input.reason, entryId: entry.id },
    });
    return {
      id,
      contributionId: c.id,
      amount: toDto({ amount, currency: 'USD' }),
      reason: r.reason,
      entryId: entry.id,
      contribution: await this.view(c, tx),
    };
  }

  async get(actor: Actor, id: string) {
    const c = await this.repo.contribution(id);
    if (!c || !this.canSee(actor, c)) throw FundError('FUND_NOT_FOUND', 'no such contribution');
    const deposits = await this.repo.deposits([c.id]);
    return { ...(await this.view(c)), deposits: deposits.map((d) => this.depositView(d)) };
  }

  async list(actor: Actor, afterId: string | undefined, limit: number) {
    if (actor.role === 'donor' && !actor.organisationId) return [];
    const rows = await this.repo.contributions(
      { contributorId: actor.role === 'donor' ? actor.organisationId : undefined },
      afterId,
      limit,
    );
    const balances = await this.ledgerRepo.balancesFor(
      'contribution',
      rows.map((r) => r.id),
    );
    return rows.map((c) =>
      this.viewWith(
        c,
        balances.filter((b) => b.contributionId === c.id),
      ),
    );
  }

  canSee(actor: Actor, c: FundContributionEntity): boolean {
    return (
      isFundStaff(actor) ||
      (actor.role === 'donor' && !!actor.organisationId && actor.organisationId === c.contributorId)
    );
  }

  earmarkOf(c: FundContributionEntity) {
    return c.earmarkType === 'objectives'
      ? { type: c.earmarkType, objectives: c.earmarkObjectives }
      : c.earmarkType === 'country'
        ? { type: c.earmarkType, country: c.earmarkCountry }
        : { type: 'none' };
  }

  /** The contribution with its figures, read in `tx` when given. */
  async view(c: FundContributionEntity, tx?: FundTx) {
    return this.viewWith(c, await (tx?.ledger ?? this.ledgerRepo).balancesFor('contribution', [c.id]));
  }

  /** The contribution with the figures of the given balances (now, or as of a moment for statements). */
  viewWith(c: FundContributionEntity, balances: BalanceRow[]) {
    const f = contributionFigures(c.currency, balances);
    const usd = (v: bigint) => toDto({ amount: v, currency: 'USD' });
    return {
      id: c.id,
      contributorId: c.contributorId,
      contributorType: c.contributorType,
      pledgedAt: c.pledgedAt,
      reference: c.reference,
      earmark: this.earmarkOf(c),
      amount: toDto({ amount: BigInt(c.pledgedAmount), currency: c.currency }),
      pledged: toDto({ amount: f.pledged, currency: c.currency }),
      deposited: toDto({ amount: f.deposited, currency: c.currency }),
      outstanding: toDto({ amount: f.pledged - f.deposited, currency: c.currency }),
      depositedUsd: usd(f.depositedUsd),
      adminFeeUsd: usd(f.adminFeeUsd),
      refundedUsd: usd(f.refundedUsd),
      netUsd: usd(f.netUsd),
      createdAt: c.createdAt.toISOString(),
    };
  }

  depositView(d: FundDepositEntity) {
    const amount = BigInt(d.amount);
    const usd = BigInt(d.usdAmount);
    return {
      id: d.id,
      contributionId: d.contributionId,
      receivedAt: d.receivedAt,
      amount: toDto({ amount, currency: d.currency.trim() }),
      usdAmount: toDto({ amount: usd, currency: 'USD' }),
      /** USD per unit of the original currency, on integers (both in minor units of 2 decimals). */
      rate: amount === 0n ? null : rate6(usd, amount),
      adminFee: toDto({ amount: BigInt(d.adminFeeUsd), currency: 'USD' }),
      entryId: d.entryId,
    };
  }
}

function rate6(usd: bigint, amount: bigint): string {
  const scaled = (usd * 1_000_000n + amount / 2n) / amount;
  return `${scaled / 1_000_000n}.${(scaled % 1_000_000n).toString().padStart(6, '0')}`;
}
