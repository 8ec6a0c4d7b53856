import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SupportRequestEntity } from '../request/support-request.entity';

export const RECOMMENDATIONS = ['proceed', 'decline', 'needs_information'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/**
 * One version of a request's assessment; every PUT adds a version, none is changed.
 * The last version without a declared conflict of interest is the one that counts.
 */
@Entity('request_assessment')
@Index('uq_request_assessment_version', ['requestId', 'version'], { unique: true })
@Check(
  'ck_request_assessment_recommendation',
  `"recommendation" IN (${RECOMMENDATIONS.map((s) => `'${s}'`).join(', ')})`,
)
@Check('ck_request_assessment_weighted_total', `"weighted_total" BETWEEN 0 AND 400`)
@Check('ck_request_assessment_markers', `"gender_marker" BETWEEN 0 AND 3 AND "human_rights_marker" BETWEEN 0 AND 3`)
@Check(
  'ck_request_assessment_child_marker',
  `"child_sensitivity_marker" IS NULL OR "child_sensitivity_marker" BETWEEN 0 AND 3`,
)
@Check(
  'ck_request_assessment_scores',
  `jsonb_typeof("scores") = 'object' AND NOT jsonb_path_exists("scores", '$.* ? (@ < 0 || @ > 4)')`,
)
export class RequestAssessmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => SupportRequestEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_request_assessment_request_id' })
  request?: SupportRequestEntity;

  @Column('int')
  version: number;

  @Column('uuid')
  assessorId: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_request_assessment_assessor_id' })
  assessor?: object;

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

  /**
   * Child sensitivity, on the gender marker's 0-3 scale (0 no contribution, 1 limited, 2 significant,
   * 3 principal objective). Null: not scored (versions recorded before the marker existed, or left out).
   */
  @Column('smallint', { nullable: true })
  childSensitivityMarker: number | null;

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
