import type { Transaction } from '@cbm/core';

/** What a checkpoint signs besides the chain's head: the fund ledger's balance hash; bound in composition to the fund's public service. */
export const AUDIT_LEDGER_PORT = Symbol('AUDIT_LEDGER_PORT');
export interface AuditLedgerPort {
  /** hex SHA-256 over every account's balance, read inside `t`. */
  balanceHash(t: Transaction): Promise<string>;
}
