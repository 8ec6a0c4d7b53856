/**
 * A rule of the domain was broken. Services throw these, never HTTP exceptions;
 * one filter maps `status` and `code` to problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Builds a module's error class: `RequestError.of('REQUEST_NOT_FOUND', ...)`. */
export function errorFactory<C extends string>(statusByCode: Record<C, number>) {
  return (code: C, message: string, details: Record<string, unknown> = {}) =>
    new DomainError(code, message, statusByCode[code], details);
}

export const CoreError = errorFactory({
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
  STALE_VERSION: 409,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
});
