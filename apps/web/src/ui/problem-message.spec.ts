import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { problemMessage } from './problem-message';

const tFor =
  (dict: Record<string, string>) =>
  (key: string, vars?: Record<string, string | number>): string =>
    (dict[key] ?? key).replace(/\{(\w+)\}/g, (m, n: string) => (vars && n in vars ? String(vars[n]) : m));

describe('problemMessage', () => {
  const t = tFor(en);

  it('says which rule refused, and why, without "check your input"', () => {
    const m = problemMessage(
      422,
      { status: 422, code: 'FUND_SELF_APPROVAL', detail: 'the proposer cannot approve' },
      t,
    );
    expect(m.title).toBe('This could not be done');
    expect(m.message).toMatch(/second person/);
    expect(m.reason).toBe('Reason: the proposer cannot approve');
    expect(m.advice).toBeNull();
  });

  it('speaks the user’s language', () => {
    const m = problemMessage(422, { status: 422, code: 'REQUEST_GUARD_FAILED', detail: 'x' }, tFor(fr));
    expect(m.title).toBe(fr['error.refusedTitle']);
    expect(m.message).toBe(fr['problem.REQUEST_GUARD_FAILED']);
  });

  it('an unknown refusal still shows its reason, a conflict says to reload', () => {
    expect(problemMessage(422, { status: 422, code: 'SOMETHING_NEW', detail: 'why' }, t)).toMatchObject({
      title: 'This could not be done',
      message: null,
      reason: 'why',
      advice: null,
    });
    expect(problemMessage(409, { status: 409, code: 'X_CONFLICT' }, t).advice).toBe(en['error.409']);
  });

  it('input errors and outages keep their advice', () => {
    expect(problemMessage(400, { status: 400, code: 'VALIDATION_FAILED' }, t)).toMatchObject({
      title: 'Something went wrong',
      advice: en['error.4xx'],
    });
    expect(problemMessage(503, { status: 503 }, t).advice).toBe(en['error.5xx']);
    expect(problemMessage(0, undefined, t).advice).toBe(en['error.network']);
  });
});
