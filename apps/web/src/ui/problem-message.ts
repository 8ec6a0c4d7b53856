import type { Problem } from '../api/model';

type T = (key: string, vars?: Record<string, string | number>) => string;

export interface ProblemMessage {
  /** "This could not be done" for a refusal, "Something went wrong" otherwise. */
  title: string;
  /** What happened, in the user's language: the refusal's code mapped to a sentence, if known. */
  message: string | null;
  /** The API's own reason (its `detail`), shown beside the sentence: it names the specific rule. */
  reason: string | null;
  /** What to do next; none for a refusal, whose message already says it. */
  advice: string | null;
}

/**
 * What an API error says to a person. A business-rule refusal (a 409 or 422 with a code the
 * dictionary knows) says which rule and why, in the user's language, never "check your input".
 */
export function problemMessage(status: number, problem: Problem | undefined, t: T): ProblemMessage {
  const code = typeof problem?.code === 'string' ? problem.code : undefined;
  const key = code ? `problem.${code}` : undefined;
  const known = key !== undefined && t(key) !== key;
  const detail = problem?.detail?.trim() || null;
  const refusal = known || status === 409 || status === 422;
  const advice =
    status === 0
      ? t('error.network')
      : status === 401
        ? t('error.401')
        : status === 403
          ? t('error.403')
          : status === 404
            ? t('error.404')
            : status === 429
              ? t('error.429')
              : status >= 500
                ? t('error.5xx')
                : refusal
                  ? known
                    ? null
                    : status === 409
                      ? t('error.409')
                      : null
                  : t('error.4xx');
  return {
    title: refusal && status < 500 ? t('error.refusedTitle') : t('error.title'),
    message: known ? t(key) : null,
    reason: detail ? (known ? t('error.reason', { detail }) : detail) : null,
    advice,
  };
}
