import { Injectable } from '@nestjs/common';
import { Actor, Clock, newId } from '@cbm/core';
import { ReferenceService } from '@cbm/reference';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestRepository } from '../request/support-request.repository';
import { FundReadAccess } from '../request/fund-read-access';
import { timelineEntry } from '../request/request-timeline.entity';
import { HubUnitOfWork } from '../hub-unit-of-work';
import { PutAssessmentDto } from './dto/assessment.dto';
import { RequestAssessmentEntity } from './request-assessment.entity';
import { RequestAssessmentRepository } from './request-assessment.repository';

export interface AssessmentView {
  id: string;
  requestId: string;
  version: number;
  assessorId: string;
  scores: Record<string, number>;
  weights: Record<string, number>;
  /** Weighted mean on the 0..4 scale, two decimals. */
  weightedTotal: number;
  genderMarker: number;
  humanRightsMarker: number;
  childSensitivityMarker: number | null;
  recommendation: string;
  rationale: string;
  conflictOfInterest: boolean;
  counts: boolean;
  createdAt: string;
}

const ASSESSABLE = ['in_triage', 'in_assessment'];

export function weightedTotal(scores: Record<string, number>, weights: Record<string, number>): number {
  return Object.entries(weights).reduce((s, [code, w]) => s + (scores[code] ?? 0) * w, 0);
}

@Injectable()
export class AssessmentService {
  constructor(
    private readonly uow: HubUnitOfWork,
    private readonly requests: SupportRequestRepository,
    private readonly assessments: RequestAssessmentRepository,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly fundReaders: FundReadAccess,
  ) {}

  /** Adds a version; the rubric and weights come from the reference data. */
  async put(actor: Actor, requestId: string, input: PutAssessmentDto): Promise<AssessmentView> {
    const criteria = this.reference.assessmentCriteria();
    const fields: { field: string; message: string }[] = [];
    for (const c of criteria) {
      const v = input.scores[c.code];
      if (!Number.isInteger(v) || v < 0 || v > 4)
        fields.push({ field: `scores.${c.code}`, message: 'an integer 0-4 is required' });
    }
    for (const code of Object.keys(input.scores))
      if (!criteria.some((c) => c.code === code))
        fields.push({ field: `scores.${code}`, message: 'not a criterion of the rubric' });
    if (fields.length)
      throw RequestError('REQUEST_INVALID_FIELD', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
    return this.uow.run(async (tx) => {
      const r = await tx.requests.getScoped(actor, requestId, { lock: true }); // versions are numbered in turn
      if (!ASSESSABLE.includes(r.status))
        throw RequestError(
          'REQUEST_INVALID_TRANSITION',
          `a request is assessed in triage or assessment, not ${r.status}`,
          { currentStatus: r.status },
        );
      if (await tx.assessments.declaredConflict(r.id, actor.id))
        throw RequestError(
          'REQUEST_GUARD_FAILED',
          'you declared a conflict of interest on this request: another hub officer must assess it',
        );
      const weights = Object.fromEntries(criteria.map((c) => [c.code, c.weight]));
      const scores = Object.fromEntries(criteria.map((c) => [c.code, input.scores[c.code]]));
      const a = Object.assign(new RequestAssessmentEntity(), {
        id: newId(),
        requestId: r.id,
        version: await tx.assessments.nextVersion(r.id),
        assessorId: actor.id,
        scores,
        weights,
        weightedTotal: weightedTotal(scores, weights),
        genderMarker: input.genderMarker,
        humanRightsMarker: input.humanRightsMarker,
        childSensitivityMarker: input.childSensitivityMarker ?? null,
        recommendation: input.recommendation,
        rationale: input.rationale.trim(),
        conflictOfInterest: input.conflictOfInterest,
        createdAt: this.clock.now(),
      });
      await tx.assessments.insert(a);
      // scores stay off the focal point's timeline: the entry is internal
      tx.requests.addTimeline(
        timelineEntry(r.id, actor, a.createdAt, {
          kind: 'assessment',
          body: a.conflictOfInterest
            ? `Conflict of interest declared (assessment version ${a.version} does not count)`
            : `Assessment version ${a.version}: ${a.recommendation}`,
          internal: true,
        }),
      );
      tx.audit.record({
        actor,
        action: a.conflictOfInterest ? 'request.assessment.conflict_declared' : 'request.assessment.recorded',
        entityType: 'request',
        entityId: r.id,
        after: {
          assessmentId: a.id,
          version: a.version,
          weightedTotal: a.weightedTotal,
          recommendation: a.recommendation,
          conflictOfInterest: a.conflictOfInterest,
        },
      });
      return toAssessmentView(a, !a.conflictOfInterest);
    });
  }

  /**
   * Every version, oldest first; `counts` marks the one that counts. Fund staff and the steering
   * committee: only for a request with a funding application (403 otherwise).
   */
  async list(actor: Actor, requestId: string): Promise<{ items: AssessmentView[]; current: AssessmentView | null }> {
    const r = await this.requests.getScoped(actor, requestId);
    await this.fundReaders.check(actor, r.id);
    const all = await this.assessments.all(r.id);
    const current = [...all].reverse().find((a) => !a.conflictOfInterest) ?? null;
    const items = all.map((a) => toAssessmentView(a, a.id === current?.id));
    return { items, current: items.find((a) => a.counts) ?? null };
  }
}

function toAssessmentView(a: RequestAssessmentEntity, counts: boolean): AssessmentView {
  return {
    id: a.id,
    requestId: a.requestId,
    version: a.version,
    assessorId: a.assessorId,
    scores: a.scores,
    weights: a.weights,
    weightedTotal: Math.round(a.weightedTotal) / 100,
    genderMarker: a.genderMarker,
    humanRightsMarker: a.humanRightsMarker,
    childSensitivityMarker: a.childSensitivityMarker,
    recommendation: a.recommendation,
    rationale: a.rationale,
    conflictOfInterest: a.conflictOfInterest,
    counts,
    createdAt: a.createdAt.toISOString(),
  };
}
