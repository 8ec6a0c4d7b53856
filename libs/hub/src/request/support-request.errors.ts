import { errorFactory } from '@cbm/core';

export const RequestError = errorFactory({
  REQUEST_NOT_FOUND: 404,
  REQUEST_FORBIDDEN: 403,
  REQUEST_INVALID_TRANSITION: 409,
  REQUEST_STALE_VERSION: 409,
  REQUEST_INCOMPLETE: 422,
  REQUEST_GUARD_FAILED: 422,
  REQUEST_NOT_EDITABLE: 409,
  REQUEST_INVALID_FIELD: 400,
  /** A results framework, or a report's actuals against it, that does not hold together (unknown indicator, sums). */
  REQUEST_RESULTS_INVALID: 422,
});
