import { errorFactory } from '@cbm/core';
import { QueryFailedError } from 'typeorm';

export const FundError = errorFactory({
  FUND_NOT_FOUND: 404,
  FUND_FORBIDDEN: 403,
  FUND_INVALID_FIELD: 400,
  FUND_UNBALANCED_ENTRY: 500,
  FUND_ALREADY_REVERSED: 409,
  FUND_REQUEST_NOT_IN_SETUP: 409,
  FUND_APPLICATION_EXISTS: 409,
  FUND_ALLOCATION_EXCEEDED: 422,
  FUND_INSUFFICIENT_FUNDS: 422,
  FUND_CEILING_EXCEEDED: 422,
  FUND_AMOUNT_LOWERING_REFUSED: 422,
  FUND_DURATION_EXCEEDED: 422,
  FUND_INVALID_STATE: 409,
  FUND_SELF_APPROVAL: 403,
  FUND_RECUSAL_REQUIRED: 403,
  FUND_TRANCHE_HELD: 422,
  FUND_TRANSFER_EXCEEDED: 422,
  FUND_EXPENDITURE_EXCEEDED: 422,
  FUND_IDEMPOTENCY_IN_FLIGHT: 409,
  FUND_RETURN_EXCEEDED: 422,
  FUND_NOT_RECONCILED: 422,
  FUND_FINAL_REPORT_PENDING: 422,
  /** A progress_report_accepted tranche cites no accepted report of the request. */
  FUND_REPORT_NOT_ACCEPTED: 422,
  /** The accepted report cited already released another tranche of the allocation. */
  FUND_REPORT_ALREADY_USED: 422,
});

/** The database refused a second row for unique index `index` (two requests raced to write the same thing). */
export function isUniqueViolation(err: unknown, index: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const e = err.driverError as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === index;
}
