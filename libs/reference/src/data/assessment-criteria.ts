export interface AssessmentCriterion {
  code: string;
  label: string;
  /** Share of the weighted score, in percent; the weights sum to 100. */
  weight: number;
}

/**
 * The assessment rubric of DESIGN.md; each criterion is scored 0-4. Alignment,
 * ownership and feasibility carry more weight because a request that fails them
 * cannot be delivered whatever else it does well.
 */
export const ASSESSMENT_CRITERIA: readonly AssessmentCriterion[] = Object.freeze([
  { code: 'gcm_alignment', label: 'Alignment with the GCM objectives and guiding principles', weight: 20 },
  { code: 'national_ownership', label: 'National ownership and priority', weight: 15 },
  { code: 'feasibility', label: 'Feasibility', weight: 15 },
  { code: 'sustainability', label: 'Sustainability and replicability', weight: 10 },
  { code: 'human_rights_based', label: 'Human-rights-based', weight: 10 },
  { code: 'gender_responsive', label: 'Gender-responsive', weight: 10 },
  { code: 'child_sensitive', label: 'Child-sensitive', weight: 10 },
  { code: 'whole_of_government_society', label: 'Whole-of-government and whole-of-society', weight: 10 },
]);

export const ASSESSMENT_SCORE_MIN = 0;
export const ASSESSMENT_SCORE_MAX = 4;
