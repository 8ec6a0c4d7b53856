import { Injectable } from '@nestjs/common';
import { MoneyDto, toDto } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { FundRepository } from './fund.repository';
import { LedgerRepository } from './ledger/ledger.repository';
import { allocationFigures } from './reporting/figures';

/**
 * What other contexts may ask the fund. Shaped to satisfy the hub's HubFundingPort structurally
 * (transfersReconciled, approvedFor) without importing the hub.
 */
@Injectable()
export class FundPublicService {
  constructor(
    private readonly repo: FundRepository,
    private readonly ledgerRepo: LedgerRepository,
  ) {}

  /** Reconciled: every dollar transferred for the request is reported spent (or was reversed). */
  async transfersReconciled(requestId: string, m?: EntityManager): Promise<boolean> {
    const allocations = await this.repo.allocations({ requestId, status: 'approved' }, m);
    const balances = await this.ledgerRepo.balancesFor(
      'allocation',
      allocations.map((a) => a.id),
      m,
    );
    return balances.filter((b) => b.kind === 'transfer').every((b) => b.balance === 0n);
  }

  async approvedFor(requestId: string, m?: EntityManager): Promise<MoneyDto | null> {
    const allocations = await this.repo.allocations({ requestId, status: 'approved' }, m);
    if (!allocations.length) return null;
    return toDto({ amount: allocations.reduce((s, a) => s + BigInt(a.amount), 0n), currency: 'USD' });
  }

  /** Allocated, transferred and spent for a request (USD), for other contexts' views. */
  async figuresFor(requestId: string, m?: EntityManager) {
    const allocations = await this.repo.allocations({ requestId, status: 'approved' }, m);
    const f = allocationFigures(
      await this.ledgerRepo.balancesFor(
        'allocation',
        allocations.map((a) => a.id),
        m,
      ),
    );
    return {
      allocated: toDto({ amount: f.allocated, currency: 'USD' }),
      transferred: toDto({ amount: f.transferred, currency: 'USD' }),
      spent: toDto({ amount: f.spent, currency: 'USD' }),
    };
  }
}
