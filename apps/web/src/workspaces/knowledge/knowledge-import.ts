import type { ImportReport } from '../../api/model';

export type { ImportReport };

export interface ImportRequest {
  url: string;
  body: string;
  contentType: string;
}

const URL_BASE = '/api/v1/knowledge/imports';

/**
 * What to send for a chosen file: a CSV goes as text/csv with the source in the query; a JSON
 * file (an array of records, or `{ source?, records }`) goes as `{ format: 'json', source, records, submitForReview }`.
 * Returns an i18n key when the file cannot be read as either.
 */
export function importRequest(
  fileName: string,
  text: string,
  source: string,
  submitForReview: boolean,
): ImportRequest | { error: string } {
  if (/\.csv$/i.test(fileName)) {
    const q = new URLSearchParams({ source, submitForReview: String(submitForReview) });
    return { url: `${URL_BASE}?${q.toString()}`, body: text, contentType: 'text/csv' };
  }
  if (!/\.json$/i.test(fileName)) return { error: 'import.badType' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'import.badJson' };
  }
  const obj =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  const records = Array.isArray(parsed) ? parsed : obj?.records;
  if (!Array.isArray(records)) return { error: 'import.badJson' };
  const fileSource = typeof obj?.source === 'string' ? obj.source : undefined;
  return {
    url: URL_BASE,
    body: JSON.stringify({ format: 'json', source: source || fileSource, records, submitForReview }),
    contentType: 'application/json',
  };
}
