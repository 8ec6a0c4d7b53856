import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, isUuid, MoneyDto, toDto, Transaction } from '@cbm/core';
import { isFundStaff } from './contribution/contribution.service';
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

  /**
   * Where the request's funded projects stand: `funded` when the fund approved an allocation for it;
   * then `operationallyClosed` when each one was closed operationally (or cancelled), and
   * `financiallyClosed` when each one is financially closed. The hub's `close` needs both.
   */
  async closureOf(
    requestId: string,
    t?: Transaction,
  ): Promise<{ funded: boolean; operationallyClosed: boolean; financiallyClosed: boolean }> {
    const allocations = await (t ? this.repo.in(t) : this.repo).allocations({ requestId, status: 'approved' });
    return {
      funded: allocations.length > 0,
      operationallyClosed: allocations.every(
        (a) => a.operationallyClosedAt !== null || a.stage === 'cancelled' || a.stage === 'closed',
      ),
      financiallyClosed: allocations.every((a) => a.stage === 'closed'),
    };
  }

  /** Reconciled: every dollar transferred for the request is reported spent, returned (or was reversed). */
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

  /**
   * What the mechanism's dashboard needs of the fund (HubFundingPort.deliveryFacts): each funded request's
   * first transfer, and per organisation what was transferred to it and what it reported spent (USD, minor units).
   */
  async deliveryFacts(): Promise<{
    firstTransfers: { requestId: string; at: Date }[];
    organisations: { organisationId: string; transferred: string; spent: string }[];
  }> {
    const [firstTransfers, organisations] = await Promise.all([
      this.repo.firstTransfers(),
      this.repo.summaryOrganisations(),
    ]);
    return {
      firstTransfers,
      organisations: organisations.map((o) => ({
        organisationId: o.organisationId,
        transferred: o.transferred.toString(),
        spent: o.spent.toString(),
      })),
    };
  }

  /**
   * The ledger's balance hash (AuditLedgerPort): hex SHA-256 of every account's balance, one
   * `account_key<TAB>currency<TAB>balance<LF>` line each in byte order of the key; signed into each
   * audit checkpoint, so a balance changed behind the journal's back after a checkpoint shows.
   */
  async balanceHash(t?: Transaction): Promise<string> {
    const lines = await (t ? this.ledgerRepo.in(t) : this.ledgerRepo).balanceLines();
    const h = createHash('sha256');
    for (const line of lines) h.update(`${line}\n`);
    return h.digest('hex');
  }

  private async approvedBalances(requestId: string, t?: Transaction) {
    const allocations = await (t ? this.repo.in(t) : this.repo).allocations({ requestId, status: 'approved' });
    return (t ? this.ledgerRepo.in(t) : this.ledgerRepo).balancesFor(
      'allocation',
      allocations.map((a) => a.id),
    );
  }

  /**
   * What `actor` may do with a contribution's documents (its agreement): fund staff and the
   * contributing donor read (as GET /fund/contributions/{id}); the fund manager and admin attach.
   */
  async contributionDocumentAccess(actor: Actor, contributionId: string): Promise<'none' | 'read' | 'write'> {
    if (!isUuid(contributionId)) return 'none';
    const c = await this.repo.contribution(contributionId);
    if (!c) return 'none';
    const donor = actor.role === 'donor' && !!actor.organisationId && actor.organisationId === c.contributorId;
    if (!isFundStaff(actor) && !donor) return 'none';
    return actor.role === 'fund_manager' || actor.role === 'admin' ? 'write' : 'read';
  }

  /** A committee decision's documents (signed minutes): fund staff read (the register's readers), the fund manager and admin attach. */
  async decisionDocumentAccess(actor: Actor, decisionId: string): Promise<'none' | 'read' | 'write'> {
    if (!isUuid(decisionId) || !isFundStaff(actor) || !(await this.repo.decisionExists(decisionId))) return 'none';
    return actor.role === 'fund_manager' || actor.role === 'admin' ? 'write' : 'read';
  }
}
