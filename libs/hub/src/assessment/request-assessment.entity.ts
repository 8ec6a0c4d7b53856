import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RECOMMENDATIONS = ['proceed', 'decline', 'needs_information'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/**
 * One version of a request's assessment; every PUT adds a version, none is changed.
 * The last version without a declared conflict of interest is the one that counts.
 */
@Entity('request_assessment')
@Index('uq_request_assessment_version', ['requestId', 'version'], { unique: true })
export class RequestAssessmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  @Column('int')
  version: number;

  @Column('uuid')
  assessorId: string;

  /** `{ <criterion code>: 0..4 }` for every criterion of the rubric. */
  @Column('jsonb')
  scores: Record<string, number>;

  /** The rubric's weights at the time, so old versions stay explainable when weights change. */
  @Column('jsonb')
  weights: Record<string, number>;

  /** Sum of score × weight (weights in percent): 0..400; divide by 100 for the 0..4 scale. */
  @Column('int')
  weightedTotal: number;

  @Column('smallint')
  genderMarker: number;

  @Column('smallint')
  humanRightsMarker: number;

  @Column('text')
  recommendation: Recommendation;

  @Column('text')
  rationale: string;

  /** The assessor declared a conflict: this version does not count and they may not assess or approve. */
  @Column('boolean')
  conflictOfInterest: boolean;

  @Column('timestamptz')
  createdAt: Date;
}
