import { errorFactory } from '@cbm/core';

export const DocumentError = errorFactory({
  DOCUMENT_NOT_FOUND: 404,
  DOCUMENT_FORBIDDEN: 403,
  DOCUMENT_TOO_LARGE: 413,
  DOCUMENT_TYPE_NOT_ALLOWED: 415,
  DOCUMENT_INVALID: 400,
});
