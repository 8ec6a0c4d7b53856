import { Injectable } from '@nestjs/common';
import { MoneyDto, toDto, Transaction } from '@cbm/core';
import { FundRepository } from './fund.repository';
import { LedgerRepository } from './ledger/ledger.repository';
import { allocationFigures } from './reporting/figures';

/**
 * What other contexts may ask the fund, inside their transaction `t` when they give one. Shaped to
 * satisfy the hub's HubFundingPort structurally (transfersReconciled, approvedFor, hasApplication) without importing the hub.
 */
@Injectable()
export class FundPublicService {
  constructor(
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
  ) {}

  /** Reconciled: every dollar transferred for the request is reported spent (or was reversed). */
  async transfersReconciled(requestId: string, t?: Transaction): Promise<boolean> {
    const balances = await this.approvedBalances(requestId, t);
    return balances.filter((b) => b.kind === 'transfer').every((b) => b.balance === 0n);
  }

  async approvedFor(requestId: string, t?: Transaction): Promise<MoneyDto | null> {
    const allocations = await (t ? this.repo.in(t) : this.repo).allocations({ requestId, status: 'approved' });
    if (!allocations.length) return null;
    return toDto({ amount: allocations.reduce((s, a) => s + BigInt(a.amount), 0n), currency: 'USD' });
  }

  /** The request has a funding application (any status): the steering committee's table (HubFundingPort). */
  async hasApplication(requestId: string, t?: Transaction): Promise<boolean> {
    return !!(await (t ? this.repo.in(t) : this.repo).applicationByRequest(requestId));
  }

  /** Allocated, transferred and spent for a request (USD), for other contexts' views. */
  async figuresFor(requestId: string, t?: Transaction) {
    const f = allocationFigures(await this.approvedBalances(requestId, t));
    return {
      allocated: toDto({ amount: f.allocated, currency: 'USD' }),
      transferred: toDto({ amount: f.transferred, currency: 'USD' }),
      spent: toDto({ amount: f.spent, currency: 'USD' }),
    };
  }

  private async approvedBalances(requestId: string, t?: Transaction) {
    const allocations = await (t ? this.repo.in(t) : this.repo).allocations({ requestId, status: 'approved' });
    return (t ? this.ledgerRepo.in(t) : this.ledgerRepo).balancesFor(
      'allocation',
      allocations.map((a) => a.id),
    );
  }
}
