import { DEFAULT_SLA, nextDue, SlaColumns, slaClocks } from './sla-clocks';
import { clockChanges, RequestAction } from '../request/support-request.workflow';

const empty: SlaColumns = {
  triageDueAt: null,
  triageEndedAt: null,
  infoDueAt: null,
  infoEndedAt: null,
  assessmentDueAt: null,
  assessmentEndedAt: null,
  assessmentPausedAt: null,
};
const at = (s: string) => new Date(`${s}T10:00:00.000Z`);
const apply = (c: SlaColumns, action: RequestAction, now: Date) => ({
  ...c,
  ...clockChanges(action, c, now, DEFAULT_SLA),
});

describe('service-level clocks', () => {
  it('gives triage 5 working days from submission (Friday → next Friday)', () => {
    const c = apply(empty, 'submit', at('2026-11-27'));
    expect(c.triageDueAt).toEqual(at('2026-12-04'));
    expect(nextDue(c)).toEqual(at('2026-12-04'));
    expect(slaClocks(c, at('2026-12-01')).find((x) => x.clock === 'triage')?.state).toBe('running');
    expect(slaClocks(c, at('2026-12-07')).find((x) => x.clock === 'triage')?.state).toBe('overdue');
  });

  it('marks triage met or missed when it starts, and starts the 20-day assessment clock', () => {
    const submitted = apply(empty, 'submit', at('2026-11-27'));
    const late = apply(submitted, 'start_triage', at('2026-12-08'));
    expect(slaClocks(late, at('2026-12-08'))[0].state).toBe('missed');
    const onTime = apply(submitted, 'start_triage', at('2026-12-01'));
    expect(slaClocks(onTime, at('2026-12-01'))[0].state).toBe('met');
    expect(onTime.assessmentDueAt).toEqual(at('2026-12-29'));
  });

  it('pauses the assessment clock while the requester is asked, and pushes its due date by the working days waited', () => {
    let c = apply(apply(empty, 'submit', at('2026-11-27')), 'start_triage', at('2026-12-01'));
    c = apply(c, 'request_info', at('2026-12-02'));
    expect(slaClocks(c, at('2026-12-03')).find((x) => x.clock === 'assessment')?.state).toBe('paused');
    expect(slaClocks(c, at('2026-12-03')).find((x) => x.clock === 'information')?.state).toBe('running');
    // only the requester's clock runs: it is the next due
    expect(nextDue(c)).toEqual(c.infoDueAt);
    c = apply(c, 'provide_info', at('2026-12-09')); // 5 working days later
    expect(c.assessmentPausedAt).toBeNull();
    expect(c.assessmentDueAt).toEqual(at('2027-01-05'));
    expect(slaClocks(c, at('2026-12-09')).find((x) => x.clock === 'information')?.state).toBe('met');
  });

  it('stops every running clock on a decision or withdrawal', () => {
    let c = apply(apply(empty, 'submit', at('2026-11-27')), 'start_triage', at('2026-12-01'));
    c = apply(c, 'approve', at('2026-12-10'));
    expect(nextDue(c)).toBeNull();
    expect(slaClocks(c, at('2027-03-01')).map((x) => x.state)).toEqual(['met', 'not_started', 'met']);
    const w = apply(
      apply(apply(empty, 'submit', at('2026-11-27')), 'start_triage', at('2026-12-01')),
      'request_info',
      at('2026-12-02'),
    );
    expect(nextDue(apply(w, 'withdraw', at('2026-12-03')))).toBeNull();
  });
});
