import { isUuid } from '../ids/ids';
import { CoreError } from '../errors/domain-error';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque keyset cursor: base64url of a JSON tuple of the sort key values. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw new Error('not base64url');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return parsed as (string | number)[];
    }
  } catch {
    /* fall through */
  }
  throw CoreError('VALIDATION_FAILED', 'cursor is not valid', {
    fields: [{ field: 'cursor', message: 'not a cursor this API issued' }],
  });
}

/** A cursor of one id (most lists: keyset on the primary key); anything else is a 400 before any query runs. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  const id = decodeCursor(cursor, 1)?.[0];
  if (id === undefined || isUuid(id)) return id;
  throw CoreError('VALIDATION_FAILED', 'cursor is not valid', {
    fields: [{ field: 'cursor', message: 'not a cursor this API issued' }],
  });
}

export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
