import type { ScannedField, Subject } from '@cbm/privacy';
import type { SupportRequestEntity } from './support-request.entity';

/**
 * A request is one subject of personal-data findings: its own free text, the answers its focal point
 * gave to the hub's questions (`answers.<timeline entry id>`) and the partners' reports
 * (`reports.<report id>.narrative` ...), so a hub officer reads them all in one place. Findings here
 * block nothing (a request is never published as is); the knowledge item drawn from it is gated.
 */
export const requestSubject = (r: Pick<SupportRequestEntity, 'id' | 'version'>): Subject => ({
  type: 'request',
  id: r.id,
  version: r.version,
});

/** The request's own free text. */
export function requestFields(
  r: Pick<
    SupportRequestEntity,
    'title' | 'summary' | 'expectedResults' | 'geographicScope' | 'nationalCounterparts' | 'targetGroups'
  >,
): ScannedField[] {
  return [
    { field: 'title', text: r.title },
    { field: 'summary', text: r.summary },
    { field: 'expectedResults', text: r.expectedResults },
    { field: 'geographicScope', text: r.geographicScope },
    { field: 'nationalCounterparts', text: r.nationalCounterparts },
    { field: 'targetGroups', text: r.targetGroups.join('\n') },
  ];
}

/** A report's free text. */
export function reportFields(report: {
  id: string;
  narrative: string;
  lessonsLearned: string | null;
  milestoneUpdates: { code: string; note: string }[];
}): ScannedField[] {
  return [
    { field: `reports.${report.id}.narrative`, text: report.narrative },
    { field: `reports.${report.id}.lessonsLearned`, text: report.lessonsLearned },
    ...report.milestoneUpdates.map((u) => ({ field: `reports.${report.id}.milestones.${u.code}.note`, text: u.note })),
  ];
}
