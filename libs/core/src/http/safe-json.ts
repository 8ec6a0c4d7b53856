import { DomainError } from '../errors/domain-error';

export const MAX_JSON_DEPTH = 32;
// NUL breaks PostgreSQL text; a lone surrogate is not valid UTF-8.
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenText(s: string): boolean {
  return FORBIDDEN.test(s);
}

function invalid(message: string, field?: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, 400, field ? { fields: [{ field, message }] } : {});
}

/** Walks a parsed body without recursion: refuses deep nesting and forbidden characters. */
export function checkJsonValue(root: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: root, depth: 0, path: '' }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasForbiddenText(v))
        throw invalid('text must not contain NUL characters or unpaired surrogates', path || 'body');
    } else if (v && typeof v === 'object') {
      if (depth >= maxDepth) throw invalid(`the body is nested deeper than ${maxDepth} levels`);
      for (const [k, child] of Object.entries(v)) {
        if (hasForbiddenText(k)) throw invalid('field names must not contain NUL characters or unpaired surrogates');
        stack.push({ v: child, depth: depth + 1, path: path ? `${path}.${k}` : k });
      }
    }
  }
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v) => (key === '__proto__' || key === 'constructor' ? undefined : v));
  } catch {
    throw invalid('the body is not valid JSON');
  }
  checkJsonValue(value);
  return value;
}
