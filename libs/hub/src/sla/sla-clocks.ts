/** Service levels in working days (DESIGN.md); bound with HUB_SLA_CONFIG to change them. */
export interface SlaConfig {
  triageDays: number;
  infoDays: number;
  assessmentDays: number;
  /** Working days after a clock went overdue before all hub officers are told. */
  escalationGraceDays: number;
}
export const HUB_SLA_CONFIG = Symbol('HUB_SLA_CONFIG');
export const DEFAULT_SLA: SlaConfig = { triageDays: 5, infoDays: 15, assessmentDays: 20, escalationGraceDays: 2 };

export type SlaClockName = 'triage' | 'information' | 'assessment';
export type SlaClockState = 'not_started' | 'running' | 'paused' | 'overdue' | 'met' | 'missed';

/** The clock columns of a request (support_request.*). */
export interface SlaColumns {
  triageDueAt: Date | null;
  triageEndedAt: Date | null;
  infoDueAt: Date | null;
  infoEndedAt: Date | null;
  assessmentDueAt: Date | null;
  assessmentEndedAt: Date | null;
  assessmentPausedAt: Date | null;
}

export interface SlaClockView {
  clock: SlaClockName;
  state: SlaClockState;
  dueAt: string | null;
  endedAt: string | null;
}

function stateOf(due: Date | null, ended: Date | null, paused: Date | null, now: Date): SlaClockState {
  if (!due) return 'not_started';
  if (ended) return ended <= due ? 'met' : 'missed';
  if (paused) return 'paused';
  return now > due ? 'overdue' : 'running';
}

/** Each clock's due date and state, from columns only (no query). */
export function slaClocks(c: SlaColumns, now: Date): SlaClockView[] {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return [
    {
      clock: 'triage',
      state: stateOf(c.triageDueAt, c.triageEndedAt, null, now),
      dueAt: iso(c.triageDueAt),
      endedAt: iso(c.triageEndedAt),
    },
    {
      clock: 'information',
      state: stateOf(c.infoDueAt, c.infoEndedAt, null, now),
      dueAt: iso(c.infoDueAt),
      endedAt: iso(c.infoEndedAt),
    },
    {
      clock: 'assessment',
      state: stateOf(c.assessmentDueAt, c.assessmentEndedAt, c.assessmentPausedAt, now),
      dueAt: iso(c.assessmentDueAt),
      endedAt: iso(c.assessmentEndedAt),
    },
  ];
}

/** The earliest due date among running (not ended, not paused) clocks: the triage queue sorts and filters on it. */
export function nextDue(c: SlaColumns): Date | null {
  const running = [
    c.triageDueAt && !c.triageEndedAt ? c.triageDueAt : null,
    c.infoDueAt && !c.infoEndedAt ? c.infoDueAt : null,
    c.assessmentDueAt && !c.assessmentEndedAt && !c.assessmentPausedAt ? c.assessmentDueAt : null,
  ].filter((d): d is Date => d !== null);
  return running.length ? new Date(Math.min(...running.map((d) => d.getTime()))) : null;
}
